// URL inputs: the URL and timeout go tool pprof would fetch with (cmd/pprof's
// adjustURL, Go 1.19), and the errors of a fetch from tiny local servers that
// answer 404 or 500, never answer, or are not there: each an input error
// (exit 3) naming the URL and the status or the cause.
#include "formats/io/url_input.h"

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace proflens {
namespace {

// A loopback server that answers every connection with `answer` (as bytes,
// status line included) once it read the request, or never when `answer` is
// empty (it holds the connection open until it goes).
class CannedServer {
 public:
  explicit CannedServer(std::string answer) : answer_(std::move(answer)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listen_fd_, 16) == 0);
    socklen_t size = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &size);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~CannedServer() {
    stop_ = true;
    thread_.join();
    for (int fd : held_) ::close(fd);
    ::close(listen_fd_);
  }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd fd{listen_fd_, POLLIN, 0};
      if (::poll(&fd, 1, 50) <= 0) continue;
      const int conn = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn < 0) continue;
      char request[4096];
      (void)::read(conn, request, sizeof request);
      if (answer_.empty()) {
        held_.push_back(conn);
        continue;
      }
      (void)::write(conn, answer_.data(), answer_.size());
      ::close(conn);
    }
  }

  std::string answer_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_ = false;
  std::vector<int> held_;
  std::thread thread_;
};

std::string Answer(const std::string& status_line, const std::string& body) {
  return "HTTP/1.1 " + status_line + "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

TEST_CASE("URLs are told from files by their scheme", "[url]") {
  CHECK(IsUrl("http://localhost:6060/debug/pprof/heap"));
  CHECK(IsUrl("HTTPS://host/debug/pprof/profile"));
  CHECK_FALSE(IsUrl("cpu.pb.gz"));
  CHECK_FALSE(IsUrl("localhost:6060/debug/pprof/heap"));
  CHECK_FALSE(IsUrl("file:///tmp/cpu.pb.gz"));
  CHECK_FALSE(IsUrl("-"));
}

TEST_CASE("the URL and timeout are go tool pprof's", "[url]") {
  // As cmd/pprof's adjustURL makes them: an empty path is the CPU profile;
  // -seconds sets seconds= on any endpoint; the timeout is 1.5 x the seconds
  // (from the option or the URL), else 60 s.
  FetchPlan plan = PlanFetch("http://localhost:6060", {});
  CHECK(plan.url == "http://localhost:6060/debug/pprof/profile");
  CHECK(plan.timeout == 60);
  CHECK(plan.connect_timeout == 10);
  plan = PlanFetch("http://localhost:6060/", {.seconds = 5});
  CHECK(plan.url == "http://localhost:6060/debug/pprof/profile?seconds=5");
  CHECK(plan.seconds == 5);
  CHECK(plan.timeout == 7.5);
  plan = PlanFetch("http://h:1/debug/pprof/trace?seconds=30", {.seconds = 2});
  CHECK(plan.url == "http://h:1/debug/pprof/trace?seconds=2");
  CHECK(plan.timeout == 3);
  CHECK(plan.connect_timeout == 3);
  plan = PlanFetch("http://h:1/debug/pprof/profile?seconds=20", {});
  CHECK(plan.url == "http://h:1/debug/pprof/profile?seconds=20");
  CHECK(plan.timeout == 30);
  plan = PlanFetch("http://h:1/debug/pprof/heap?gc=1#top", {.seconds = 10});
  CHECK(plan.url == "http://h:1/debug/pprof/heap?gc=1&seconds=10");
  plan = PlanFetch("http://h:1/debug/pprof/goroutine?debug=0", {.timeout = 2});
  CHECK(plan.url == "http://h:1/debug/pprof/goroutine?debug=0");
  CHECK(plan.timeout == 2);
  CHECK(plan.connect_timeout == 2);
}

TEST_CASE("a fetch gives the body of a 2xx answer", "[url]") {
  CannedServer server(Answer("200 OK", "main;f 3\n"));
  Result<InputBuffer> got = FetchUrl(PlanFetch(server.Url("/debug/pprof/heap"), {}));
  REQUIRE(got.ok());
  CHECK(got->bytes() == "main;f 3\n");
  // More than the limit is refused, not cut.
  got = FetchUrl(PlanFetch(server.Url("/x"), {}), 4);
  REQUIRE_FALSE(got.ok());
  CHECK(got.status().code() == StatusCode::kInput);
  CHECK(got.status().message() == "fetching " + server.Url("/x") + ": the answer is more than 4 bytes (--max-input-size)");
}

TEST_CASE("HTTP errors name the URL, the status and what the server said", "[url]") {
  for (const auto& [line, body] : std::vector<std::pair<std::string, std::string>>{
           {"404 Not Found", "Unknown profile\n"}, {"500 Internal Server Error", "could not enable CPU profiling: busy\n"}}) {
    CannedServer server(Answer(line, body));
    const std::string url = server.Url("/debug/pprof/profile?seconds=1");
    Result<InputBuffer> got = FetchUrl(PlanFetch(url, {}));
    REQUIRE_FALSE(got.ok());
    CHECK(got.status().code() == StatusCode::kInput);
    CHECK(got.status().message() == "fetching " + url + ": HTTP " + line + ": " + body.substr(0, body.size() - 1));
  }
}

TEST_CASE("a server that never answers times out", "[url]") {
  CannedServer server("");
  const std::string url = server.Url("/debug/pprof/heap");
  const auto start = std::chrono::steady_clock::now();
  Result<InputBuffer> got = FetchUrl(PlanFetch(url, {.timeout = 1}));
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(got.ok());
  CHECK(got.status().code() == StatusCode::kInput);
  CHECK(got.status().message() == "fetching " + url + ": timed out after 1 s (--timeout gives more)");
  CHECK(took < 5);
}

TEST_CASE("no server at all: the cause, and the URL", "[url]") {
  // A port just bound and closed again: nothing listens there.
  int port = 0;
  {
    CannedServer gone("x");
    port = std::stoi(gone.Url("").substr(17));
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/debug/pprof/heap";
  Result<InputBuffer> got = FetchUrl(PlanFetch(url, {}));
  REQUIRE_FALSE(got.ok());
  CHECK(got.status().code() == StatusCode::kInput);
  CHECK(got.status().message().starts_with("fetching " + url + ": Failed to connect to 127.0.0.1 port " +
                                           std::to_string(port)));
}

TEST_CASE("proflens exits 3 naming the URL and the status", "[url][cli]") {
  CannedServer missing(Answer("404 Not Found", "Unknown profile\n"));
  testing::CliRun run = testing::RunBinary("top " + missing.Url("/debug/pprof/nothing"));
  CHECK(run.code == 3);
  CHECK(run.out.empty());
  CHECK(run.err.find("proflens: fetching " + missing.Url("/debug/pprof/nothing") + ": HTTP 404 Not Found: Unknown profile\n") !=
        std::string::npos);
  CannedServer silent("");
  run = testing::RunBinary("--timeout 1 info " + silent.Url("/debug/pprof/profile") + " --seconds 30");
  CHECK(run.code == 3);
  CHECK(run.err.find("proflens: fetching " + silent.Url("/debug/pprof/profile?seconds=30") +
                     ": timed out after 1 s (a 30 s profile; --timeout gives more)\n") != std::string::npos);
  // What was fetched is read as any input is: here, folded stacks.
  CannedServer folded(Answer("200 OK", "main;work 7\nmain;idle 3\n"));
  const std::string saved = testing::TempDir("url-save") + "/fetched.folded";
  run = testing::RunBinary("top " + folded.Url("/stacks") + " --save " + saved);
  CHECK(run.code == 0);
  CHECK(run.out.find("         7 70.00% 70.00%          7 70.00%  work") != std::string::npos);
  CHECK(testing::ReadFile(saved) == "main;work 7\nmain;idle 3\n");
  // go tool pprof's host:port/path without a scheme: the way to write it.
  run = testing::RunBinary("top localhost:6060/debug/pprof/heap");
  CHECK(run.code == 3);
  CHECK(run.err == "proflens: reading localhost:6060/debug/pprof/heap: No such file or directory "
                   "(a URL? write http://localhost:6060/debug/pprof/heap)\n");
  // The URL options with no URL: a note, and nothing saved.
  const std::string unsaved = testing::TempDir("url-save") + "/unsaved.pb.gz";
  run = testing::RunBinary("top " + testing::SourcePath("samples/perf-fast.folded") + " --save " + unsaved + " --seconds 5");
  CHECK(run.code == 0);
  CHECK(run.err == "proflens: note: --seconds is for URL inputs, and no input was one\n"
                   "proflens: note: --save is for URL inputs, and no input was one\n");
  CHECK_FALSE(std::filesystem::exists(unsaved));
  // --save keeps one fetched input.
  run = testing::RunBinary("top " + folded.Url("/a") + " " + folded.Url("/b") + " --save " + saved);
  CHECK(run.code == 2);
  CHECK(run.err.find("--save keeps one fetched input, and " + folded.Url("/b") + " is a second URL") != std::string::npos);
}

}  // namespace
}  // namespace proflens
