// The three forms of one moment's goroutines (samples/go-goroutine.*,
// recorded by samples/gen/goroutine/record.sh from a program serving
// net/http/pprof) count the same goroutines: debug=1's named functions have
// the cum go tool pprof gives them in the debug=0 profile (the goldens
// tests/golden/pprof/go-goroutine.cum*.txt), and debug=2's goroutines,
// states and frames are the ones counted by hand in the dump.
#include <catch2/catch.hpp>

#include <map>

#include "tests/test_util.h"

namespace proflens {
namespace {

// name -> cum of a `top` text table.
std::map<std::string, std::string> CumByName(const std::string& text) {
  std::map<std::string, std::string> rows;
  for (const testing::TextRow& row : testing::TextRows(text)) rows[row.name] = row.cum;
  return rows;
}

std::map<std::string, std::string> Top(const std::string& sample, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"top", testing::SourcePath("samples/" + sample), "--sort", "cum", "-n", "100000",
                                   "--nodefraction", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  testing::CliRun run = testing::RunCli(args);
  INFO(run.err);
  REQUIRE(run.code == 0);
  return CumByName(run.out);
}

TEST_CASE("debug=1 frames are named from its # lines, with debug=0's counts", "[goroutine][golden]") {
  // Each form was one HTTP request: the goroutine reading the debug=0
  // request's connection in the background (net/http.(*connReader).
  // backgroundRead, in net.(*conn).Read) was one with no frame to name when
  // debug=1 was written ("1 @ 0x46b261"). go tool pprof's cum with it
  // ignored is every other goroutine's.
  const std::map<std::string, std::string> debug0 =
      CumByName(testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-goroutine.cum.ignore.txt")));
  REQUIRE(debug0.size() > 30);
  const std::map<std::string, std::string> debug1 = Top("go-goroutine.debug1.txt");
  size_t named = 0;
  for (const auto& [name, cum] : debug1) {
    if (name == "<unknown>") continue;  // the runtime frames the # lines leave out
    INFO(name);
    REQUIRE(debug0.contains(name));
    CHECK(cum == debug0.at(name));
    ++named;
  }
  CHECK(named >= 30);
  // Every function of the program and the libraries it waits in is named.
  for (const char* f : {"main.worker", "main.consumer", "main.handle", "main.locked", "sync.(*Mutex).Lock",
                        "main.waiter", "sync.(*WaitGroup).Wait", "main.sleeper", "time.Sleep", "main.pinned",
                        "main.reader", "net.(*conn).Read", "main.poller", "main.main", "net/http.(*Server).Serve"}) {
    CHECK(debug1.contains(f));
  }
}

TEST_CASE("debug=1 labels are the pprof labels of debug=0", "[goroutine][golden]") {
  const std::map<std::string, std::string> debug0 =
      CumByName(testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-goroutine.cum.txt")));
  const std::map<std::string, std::string> acme = Top("go-goroutine.debug1.txt", {"--tagfocus", "tenant=acme"});
  CHECK(acme.at("main.consumer") == "2");
  CHECK_FALSE(acme.contains("main.worker"));
  CHECK(Top("go-goroutine.debug1.txt", {"--tagfocus", "role=consumer"}).at("main.consumer") == debug0.at("main.consumer"));
}

TEST_CASE("debug=2 holds every goroutine, with its state, wait and creator", "[goroutine]") {
  const std::map<std::string, std::string> debug0 =
      CumByName(testing::ReadFile(testing::SourcePath("tests/golden/pprof/go-goroutine.cum.txt")));
  const std::map<std::string, std::string> debug2 = Top("go-goroutine.debug2.txt");
  // The program's own goroutines: as many as the debug=0 profile counts.
  for (const char* f : {"main.worker", "main.consumer", "main.handle", "main.locked", "main.waiter", "main.sleeper",
                        "main.pinned", "main.reader", "main.poller", "main.main"}) {
    INFO(f);
    CHECK(debug2.at(f) == debug0.at(f));
  }
  // By hand from the dump's 20 headers: 10 in "chan receive" (5 workers, 4
  // consumers, the goroutine locked to its thread), 4 in "semacquire" (3 on
  // the mutex, 1 on the wait group), 2 in "IO wait", and one each running
  // (the one writing the dump), runnable, in a select and asleep.
  testing::CliRun run = testing::RunCli({"info", testing::SourcePath("samples/go-goroutine.debug2.txt")});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("Format: Go goroutine dump (debug=2)"));
  CHECK_THAT(run.out, Catch::Contains("0: goroutine/count  total 20 (20)"));
  CHECK_THAT(run.out, Catch::Contains("Samples: 20 records, 11 distinct (stack, labels)"));
  CHECK_THAT(run.out, Catch::Contains("state: 7 values: chan receive (50.00%), semacquire (20.00%), IO wait (10.00%), "
                                      "runnable (5.00%), running (5.00%), select (5.00%), sleep (5.00%)"));
  CHECK_THAT(run.out, Catch::Contains("detail: 1 value: locked to thread (5.00%)"));
  // Creators: main.main started 13 (5 workers, the poller, 3 on the mutex,
  // the waiter, the sleeper, the pinned one, the reader's closure), the
  // closure in pprof.Do the 4 consumers.
  CHECK(debug2.at("created by main.main") == "13");
  CHECK(debug2.at("created by main.main.func1") == "4");
  CHECK(Top("go-goroutine.debug2.txt", {"--tagfocus", "detail=locked"}).at("main.pinned") == "1");
}

}  // namespace
}  // namespace proflens
