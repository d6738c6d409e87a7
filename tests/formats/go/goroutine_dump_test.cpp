// Go's goroutine dump (debug=2): hand-made dumps worked out by hand, its
// detection, and its errors. The real capture is checked in
// goroutine_capture_test.cpp.
#include <catch2/catch.hpp>

#include <map>

#include "analyzer/profile_debug.h"
#include "formats/detect.h"
#include "formats/go/goroutine_dump_reader.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// Go 1.21's form: "created by ... in goroutine 1"; a bracket with a wait and
// a lock; an inlined frame "(...)" without an offset; GOTRACEBACK=system's
// "fp= sp= pc=" after a file line.
constexpr std::string_view kDump =
    "goroutine 1 [running]:\n"
    "main.main()\n"
    "\t/src/app/main.go:20 +0x65\n"
    "\n"
    "goroutine 7 [chan receive, 5 minutes, locked to thread]:\n"
    "main.handle(...)\n"
    "\t/src/app/main.go:34\n"
    "main.consumer(0xc000012345)\n"
    "\t/src/app/main.go:39 +0x27 fp=0xc000051f80 sp=0xc000051f60 pc=0x674347\n"
    "created by main.main in goroutine 1\n"
    "\t/src/app/main.go:92 +0x45\n"
    "\n"
    "goroutine 8 [chan receive, 5 minutes, locked to thread]:\n"
    "main.handle(...)\n"
    "\t/src/app/main.go:34\n"
    "main.consumer(0xc000012399)\n"
    "\t/src/app/main.go:39 +0x27\n"
    "created by main.main in goroutine 1\n"
    "\t/src/app/main.go:92 +0x45\n"
    "\n"
    "goroutine 9 [select]:\n"
    "main.poller({0xc00001, 0x5}, 0x0?)\n"
    "\t/src/app/main.go:44 +0x52\n"
    "created by main.main\n"
    "\t/src/app/main.go:95 +0x1f\n"
    "\n"
    "goroutine 10 [running]:\n"
    "\tgoroutine running on other thread; stack unavailable\n"
    "\n";

std::string Name(const Profile& p, const Line& line) { return std::string(p.str(p.functions[line.function].name)); }

TEST_CASE("a goroutine dump is one sample per goroutine, labelled by its state", "[goroutine]") {
  std::vector<std::string> notes;
  Result<Profile> read = ReadGoroutineDump(kDump, &notes);
  REQUIRE(read.ok());
  const Profile& p = *read;
  REQUIRE(p.sample_types.size() == 1);
  CHECK(p.str(p.sample_types[0].type) == "goroutine");
  CHECK(p.str(p.sample_types[0].unit) == "count");
  CHECK(p.Totals()[0] == 4);  // goroutines 1, 7, 8, 9; 10 has no stack
  CHECK(p.raw_sample_count == 4);
  REQUIRE(p.samples.size() == 3);  // 7 and 8 are one stack with one label set
  // Goroutines 7 and 8: two goroutines, handle inlined into consumer (one
  // location of two lines), then the creator as the root frame.
  const Sample& consumers = p.samples[1];
  CHECK(p.ValuesOf(1)[0] == 2);
  const StackView stack = p.StackOf(consumers.stack);
  REQUIRE(stack.size() == 2);
  const auto lines = p.LinesOf(p.locations[stack[0]]);
  REQUIRE(lines.size() == 2);
  CHECK(Name(p, lines[0]) == "main.handle");
  CHECK(lines[0].line == 34);
  CHECK(Name(p, lines[1]) == "main.consumer");
  CHECK(lines[1].line == 39);
  const auto root = p.LinesOf(p.locations[stack[1]]);
  REQUIRE(root.size() == 1);
  CHECK(Name(p, root[0]) == "created by main.main");
  CHECK(p.str(p.functions[root[0].function].filename) == "/src/app/main.go");
  CHECK(root[0].line == 92);
  std::map<std::string, std::string> labels;
  for (const Label& l : p.LabelsOf(consumers.labels)) labels[std::string(p.str(l.key))] = p.str(l.str);
  CHECK(labels == std::map<std::string, std::string>{
                      {"state", "chan receive"}, {"wait", "5 minutes"}, {"detail", "locked to thread"}});
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::Contains("1 goroutine without a stack"));
}

TEST_CASE("traces and top read a goroutine dump as pprof reads a goroutine profile", "[goroutine][traces]") {
  const std::string dir = testing::TempDir("goroutine-dump");
  testing::WriteFile(dir + "/dump.txt", std::string(kDump));
  testing::CliRun run = testing::RunCli({"traces", dir + "/dump.txt", "--tagfocus", "state=chan receive"});
  REQUIRE(run.code == 0);
  CHECK(run.out ==
        "Type: goroutine\n"
        "-----------+-------------------------------------------------------\n"
        "      wait:  5 minutes\n"  // pprof sorts its padded lines: the shortest key first
        "     state:  chan receive\n"
        "    detail:  locked to thread\n"
        "         2   main.handle (inline)\n"
        "             main.consumer\n"
        "             created by main.main\n"
        "-----------+-------------------------------------------------------\n");
  CHECK_THAT(run.err, Catch::Contains("1 goroutine without a stack"));
  run = testing::RunCli({"top", dir + "/dump.txt", "--sort", "cum"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("Showing nodes accounting for 4, 100% of 4 total"));
  CHECK_THAT(run.out, Catch::Contains("         0     0%     0%          3 75.00%  created by main.main"));
}

TEST_CASE("a goroutine dump is recognized by its own grammar only", "[goroutine][detect]") {
  CHECK(DetectFormat(kDump) == Format::kGoroutineDump);
  CHECK(DetectFormat("\n\ngoroutine 3 [IO wait]:\nnet.(*conn).Read(0xc0)\n\t/go/src/net/net.go:183 +0x45\n") ==
        Format::kGoroutineDump);
  CHECK(DetectFormat("goroutine 3 [running]:\n\tgoroutine running on other thread; stack unavailable\n") ==
        Format::kGoroutineDump);
  // Not one: a header alone, a header without a file line, a panic's
  // output before the goroutines, the debug=1 count profile, folded stacks
  // that mention goroutines.
  CHECK(DetectFormat("goroutine 3 [running]:\n") != Format::kGoroutineDump);
  CHECK(DetectFormat("goroutine 3 [running]:\nmain.main()\nmain.f()\n") != Format::kGoroutineDump);
  CHECK(DetectFormat("goroutine x [running]:\nmain.main()\n\t/a.go:1 +0x1\n") != Format::kGoroutineDump);
  CHECK(DetectFormat("goroutine 3 []:\nmain.main()\n\t/a.go:1 +0x1\n") != Format::kGoroutineDump);
  CHECK(DetectFormat("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n") != Format::kGoroutineDump);
  CHECK(DetectFormat("goroutine profile: total 1\n1 @ 0x1 0x2\n#\t0x0\tmain.f+0x1\t/a.go:1\n") == Format::kPprofLegacy);
  CHECK(DetectFormat("goroutine;main.worker 5\ngoroutine;main.poll 2\n") == Format::kFolded);
}

TEST_CASE("a broken goroutine dump is refused with its line", "[goroutine][hostile]") {
  Result<Profile> read = ReadGoroutineDump("goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\nmain.f()\nmain.g()\n");
  REQUIRE_FALSE(read.ok());
  CHECK_THAT(read.status().message(), Catch::Contains("line 5: expected the frame's file line"));
  read = ReadGoroutineDump("goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\nnot a header\n");
  REQUIRE_FALSE(read.ok());
  CHECK_THAT(read.status().message(), Catch::Contains("line 5: expected a goroutine's header"));
  read = ReadGoroutineDump("goroutine 1 [running]:\nmain.main()\n\t/a.go:x +0x1\n");
  REQUIRE_FALSE(read.ok());
  CHECK_THAT(read.status().message(), Catch::Contains("line 3"));
  const std::string dir = testing::TempDir("goroutine-broken");
  testing::WriteFile(dir + "/cut.txt", "goroutine 1 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\ngoroutine 2 [select]:\nmain.f()\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/cut.txt"});
  CHECK(run.code == 3);
  CHECK_THAT(run.err, Catch::Contains("cut.txt: line 6: expected the frame's file line"));
}

TEST_CASE("goroutine headers split into id and items", "[goroutine]") {
  GoroutineHeader h;
  REQUIRE(ParseGoroutineHeader("goroutine 18 [syscall, 2 minutes, locked to thread]:", &h));
  CHECK(h.id == 18);
  CHECK(h.items == std::vector<std::string_view>{"syscall", "2 minutes", "locked to thread"});
  REQUIRE(ParseGoroutineHeader("goroutine 5 [GC worker (idle)]:\r", &h));
  CHECK(h.items == std::vector<std::string_view>{"GC worker (idle)"});
  CHECK_FALSE(ParseGoroutineHeader("goroutine 5 [select, ]:", &h));
  CHECK_FALSE(ParseGoroutineHeader("goroutine 5 [select]", &h));
  CHECK_FALSE(ParseGoroutineHeader("goroutine  [select]:", &h));
}

}  // namespace
}  // namespace proflens
