// URL inputs against a real Go service (tests/data/pprof_service: net/http/pprof,
// CPU work, memory held, goroutines waiting), built here with `go build`:
// proflens top of each endpoint's URL must print what go tool pprof -top
// prints of the same bytes (fetched once, kept with --save, and given to
// both). Skipped, with a warning, when Go is not installed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "tests/child_process.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

bool HaveGo() { return std::system("command -v go >/dev/null 2>&1") == 0; }

TEST_CASE("top of a Go service's URLs equals go tool pprof -top of the same bytes", "[url][go]") {
  if (!HaveGo()) {
    WARN("skipped: go is not installed (scripts/setup.sh --test installs golang-go)");
    return;
  }
  const std::string dir = testing::TempDir("go-service");
  // Go needs a build cache; $HOME's when there is one.
  const std::string cache = std::getenv("HOME") != nullptr ? "" : "GOCACHE=" + dir + "/cache ";
  const std::string build = cache + "go build -o " + dir + "/service " +
                            testing::SourcePath("tests/data/pprof_service/main.go") + " 2>&1";
  INFO(build);
  REQUIRE(testing::ShellOutput(build + " && echo built").ends_with("built\n"));

  testing::ChildProcess service(dir + "/service");
  const std::string listening = service.WaitForLine("listening on 127.0.0.1:", 30);
  INFO(service.output());
  REQUIRE_FALSE(listening.empty());
  const std::string base = "http://" + listening.substr(listening.find("127.0.0.1:")) + "/debug/pprof/";

  struct Endpoint {
    std::string path, options;
  };
  for (const Endpoint& e : {Endpoint{"heap", ""}, Endpoint{"profile", "--seconds 1"}, Endpoint{"goroutine", ""},
                            Endpoint{"heap", "--sample-index alloc_space"}}) {
    SECTION(e.path + " " + e.options) {
      const std::string saved = dir + "/" + e.path + ".pb.gz";
      testing::CliRun run = testing::RunBinary("top " + base + e.path + " " + e.options + " --save " + saved);
      INFO(run.err);
      REQUIRE(run.code == 0);
      CHECK(run.err.find("proflens: fetching " + base + e.path) != std::string::npos);
      // The view's options (not --seconds, which is the fetch's).
      const bool alloc = e.options.starts_with("--sample-index");
      const std::string flags = alloc ? "-sample_index=alloc_space " : "";
      const std::string peer = testing::ShellOutput("TZ=UTC go tool pprof -top " + flags + saved + " 2>/dev/null");
      REQUIRE_FALSE(peer.empty());
      CHECK(run.out == peer);
      // The saved file says the same as the URL did.
      CHECK(testing::RunBinary("top " + std::string(alloc ? e.options : "") + " " + saved).out == run.out);
      if (e.path == "profile") {
        // --seconds 1 asked the service for a 1 s profile.
        CHECK(run.out.find("Duration: 1.") != std::string::npos);
        CHECK(run.err.find("/debug/pprof/profile?seconds=1 (1 s)") != std::string::npos);
      }
      if (e.path == "goroutine") CHECK(run.out.find("main.wait") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace proflens
