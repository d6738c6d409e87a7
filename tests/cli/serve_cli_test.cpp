// proflens serve as a user runs it: on a free loopback port (the URL on
// stderr), its views fetched over HTTP equal the commands' output, 64
// requests at once all answer 200 with the same bytes, a ".." path is 404,
// and SIGTERM or SIGINT stops it with exit 0 and its port closed.
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <string>
#include <thread>
#include <vector>

#include "formats/io/url_input.h"
#include "tests/child_process.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// A TCP connection to 127.0.0.1:port.
int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

std::string Sample(const std::string& name) { return testing::SourcePath("samples/" + name); }

// The server's root URL, "http://127.0.0.1:PORT", from its first line.
std::string Started(testing::ChildProcess& server) {
  const std::string line = server.WaitForLine("proflens: serving http://", 60);
  INFO(server.output());
  REQUIRE_FALSE(line.empty());
  const size_t start = line.find("http://");
  return line.substr(start, line.find('/', start + 7) - start);
}

// The URL as written (PlanFetch would make "/" pprof's CPU profile endpoint).
Result<InputBuffer> Get(const std::string& url, double timeout = 60) {
  FetchPlan plan;
  plan.url = url;
  plan.timeout = timeout;
  return FetchUrl(plan);
}

std::string Fetch(const std::string& url) {
  Result<InputBuffer> got = Get(url);
  INFO(url << ": " << got.status().message());
  REQUIRE(got.ok());
  return std::string(got->bytes());
}

// The status code curl sees for the path as written (no ".." resolved).
std::string StatusOf(const std::string& url) {
  return testing::ShellOutput("curl -s -o /dev/null --path-as-is -w '%{http_code}' '" + url + "'");
}

TEST_CASE("serve: views over HTTP, 64 clients at once, SIGTERM stops it", "[serve]") {
  testing::ChildProcess server(std::string(PROFLENS_BINARY) + " serve " + Sample("go-cpu.pb.gz") + " --http 127.0.0.1:0");
  const std::string root = Started(server);
  CHECK(root.starts_with("http://127.0.0.1:"));
  CHECK(root != "http://127.0.0.1:0");

  // The same numbers as the command line with the same options.
  testing::CliRun top = testing::RunCli({"top", "--focus", "main\\.", "--sample-index", "samples", "--format", "json",
                                         Sample("go-cpu.pb.gz")});
  REQUIRE(top.code == 0);
  CHECK(Fetch(root + "/top?focus=main%5C.&sample_index=samples&format=json") == top.out);
  top = testing::RunCli({"top", "--granularity", "files", "--hide", "runtime", Sample("go-cpu.pb.gz")});
  CHECK(Fetch(root + "/top?granularity=files&hide=runtime") == top.out);
  const std::string page = Fetch(root + "/?focus=fib");
  CHECK(page.starts_with("<!doctype html>"));
  CHECK(page.find(R"("refine":{"inputs":[)") != std::string::npos);

  // 64 at once: the page and the table, each the same bytes every time.
  const std::vector<std::string> urls = {root + "/?ignore=runtime", root + "/top?format=csv&nodefraction=0"};
  const std::vector<std::string> expected = {Fetch(urls[0]), Fetch(urls[1])};
  std::vector<std::string> bodies(64);
  std::vector<std::string> errors(64);
  std::vector<std::thread> clients;
  for (size_t i = 0; i < bodies.size(); ++i) {
    clients.emplace_back([&, i] {
      Result<InputBuffer> got = Get(urls[i % 2], 120);
      if (got.ok()) {
        bodies[i] = std::string(got->bytes());
      } else {
        errors[i] = got.status().message();
      }
    });
  }
  for (std::thread& t : clients) t.join();
  for (size_t i = 0; i < bodies.size(); ++i) {
    INFO("request " << i << ": " << errors[i]);
    CHECK(errors[i].empty());
    CHECK(bodies[i] == expected[i % 2]);
  }

  // Nothing outside the views.
  CHECK(StatusOf(root + "/../../../../etc/passwd") == "404");
  CHECK(StatusOf(root + "/top/../../samples/go-cpu.pb.gz") == "404");
  CHECK(StatusOf(root + "/top?base=/etc/passwd") == "400");
  CHECK(StatusOf(root + "/top") == "200");

  // SIGTERM: exit 0, and the port is closed.
  CHECK(server.Stop(SIGTERM, 10) == 0);
  Result<InputBuffer> after = Get(root + "/top", 5);
  CHECK_FALSE(after.ok());
}

TEST_CASE("serve: SIGINT with a client still connected stops it too", "[serve]") {
  testing::ChildProcess server(std::string(PROFLENS_BINARY) + " serve " + Sample("perf-fast.folded") + " --base " +
                               Sample("perf-slow.folded") + " --http :0");
  const std::string root = Started(server);
  CHECK(root.starts_with("http://127.0.0.1:"));
  CHECK(Fetch(root + "/top") == testing::RunCli({"top", Sample("perf-fast.folded"), "--base", Sample("perf-slow.folded")}).out);
  // Two clients still connected: one idle after an answer (keep-alive), one
  // that never sent its request. Ctrl-C ends the server all the same, soon.
  const int port = std::stoi(root.substr(root.rfind(':') + 1));
  const int answered = Connect(port), silent = Connect(port);
  const std::string request = "GET /top HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  REQUIRE(::write(answered, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  char buf[64];
  REQUIRE(::read(answered, buf, sizeof buf) > 0);
  const auto start = std::chrono::steady_clock::now();
  CHECK(server.Stop(SIGINT, 10) == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
  ::close(answered);
  ::close(silent);
}

TEST_CASE("serve: errors before serving exit as the commands do", "[serve]") {
  testing::CliRun run = testing::RunBinary("serve " + Sample("go-cpu.pb.gz") + " --focus '('");
  CHECK(run.code == 2);
  run = testing::RunBinary("serve /nonexistent/cpu.pb.gz");
  CHECK(run.code == 3);
  CHECK(run.err.find("/nonexistent/cpu.pb.gz") != std::string::npos);
  run = testing::RunBinary("serve " + Sample("go-cpu.pb.gz") + " --http 127.0.0.1:99999");
  CHECK(run.code == 2);
  CHECK(run.err == "proflens: --http 127.0.0.1:99999: expected HOST:PORT with a port from 0 to 65535\n");
  // A port that is taken.
  testing::ChildProcess first(std::string(PROFLENS_BINARY) + " serve " + Sample("go-cpu.pb.gz"));
  const std::string root = Started(first);
  const std::string port = root.substr(root.rfind(':') + 1);
  run = testing::RunBinary("serve " + Sample("go-cpu.pb.gz") + " --http 127.0.0.1:" + port);
  CHECK(run.code == 3);
  CHECK(run.err.find("proflens: cannot listen on 127.0.0.1:" + port) != std::string::npos);
  CHECK(first.Stop(SIGTERM, 10) == 0);
}

}  // namespace
}  // namespace proflens
