// Never read a file as something it is not: reports for people (pprof's and
// proflens's own text, DOT, Instruments, GHC, node --prof-process), source
// code and prose are refused with exit 3 and what they look like; text close
// to a format is refused naming that format and why. The formats proflens
// reads are each recognized, and `info` names them.
#include <catch2/catch.hpp>
#include <string>

#include "formats/detect.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// The error reading `text` gives; fails the test when it reads.
std::string Refusal(const std::string& text) {
  Result<LoadedProfile> loaded = ReadProfileBytes(text, "in.txt");
  if (loaded.ok()) FAIL("read as " << FormatName(loaded->format) << ": " << text.substr(0, 200));
  CHECK(loaded.status().code() == StatusCode::kInput);
  return loaded.status().message();
}

constexpr char kPprofTop[] =
    "File: workload\n"
    "Type: cpu\n"
    "Time: Nov 22, 2026 at 3:21am (UTC)\n"
    "Duration: 1.61s, Total samples = 1.51s (93.96%)\n"
    "Showing nodes accounting for 1.51s, 100% of 1.51s total\n"
    "      flat  flat%   sum%        cum   cum%\n"
    "     0.94s 62.25% 62.25%      0.98s 64.90%  main.isOdd\n"
    "     0.16s 10.60% 72.85%      0.16s 10.60%  main.fib\n";

constexpr char kPprofTraces[] =
    "File: workload\n"
    "Type: cpu\n"
    "-----------+-------------------------------------------------------\n"
    "     240ms   main.isOdd\n"
    "             main.isEven (inline)\n"
    "             main.main\n"
    "-----------+-------------------------------------------------------\n";

constexpr char kDot[] =
    "digraph \"workload\" {\n"
    "node [style=filled fillcolor=\"#f8f8f8\"]\n"
    "N1 [label=\"main\\nisOdd\\n0.94s (62.25%)\" id=\"node1\" fontsize=24 shape=box]\n"
    "N2 -> N1 [label=\" 0.60s\" weight=40]\n"
    "}\n";

// speedscope's sample/profiles/Instruments/7.3.1/simple-time-profile-deep-copy.txt, first lines.
constexpr char kInstruments[] =
    "Running Time\tSelf (ms)\t\tSymbol Name\n"
    "4273.0ms   99.9%\t0\t \tstart\n"
    "4273.0ms   99.9%\t0\t \t main\n"
    "2126.0ms   49.7%\t693\t \t  delta()\n"
    "713.0ms   16.6%\t696\t \t   alpha()\n";

// The shape of a GHC +RTS -p report (made here, numbers of no run).
constexpr char kGhc[] =
    "\tSat Jan  5 20:09 2013 Time and Allocation Profiling Report  (Final)\n"
    "\n"
    "\t   app +RTS -p -RTS\n"
    "\n"
    "\ttotal time  =        5.91 secs   (5905 ticks @ 1000 us, 1 processor)\n"
    "\ttotal alloc = 7,444,305,000 bytes  (excludes profiling overheads)\n"
    "\n"
    "COST CENTRE           MODULE      %time %alloc\n"
    "\n"
    "randomElem            Util         25.8   10.2\n"
    "shuffle               Util          9.0    8.3\n";

constexpr char kNodeProfProcess[] =
    "Statistical profiling result from isolate-0x34dcbe80-20452-v8.log, (1269 ticks, 907 unaccounted, 0 excluded).\n"
    "\n"
    " [Shared libraries]:\n"
    "   ticks  total  nonlib   name\n"
    "    126    9.9%          /usr/lib/x86_64-linux-gnu/libc.so.6\n"
    "\n"
    " [JavaScript]:\n"
    "   ticks  total  nonlib   name\n"
    "     28    2.2%    2.5%  JS: *fib /tmp/work.js:3:13\n";

TEST_CASE("Reports for people are refused with what they are", "[detect]") {
  CHECK_THAT(Refusal(kPprofTop), Catch::Contains("`go tool pprof -top` (or `proflens top`) text") &&
                                     Catch::Contains("give the profile itself"));
  CHECK_THAT(Refusal(kPprofTraces), Catch::Contains("`go tool pprof -traces`"));
  CHECK_THAT(Refusal(kDot), Catch::Contains("a Graphviz DOT graph"));
  CHECK_THAT(Refusal(kInstruments), Catch::Contains("an Instruments call tree"));
  CHECK_THAT(Refusal(kGhc), Catch::Contains("a GHC profiling report"));
  CHECK_THAT(Refusal(kNodeProfProcess), Catch::Contains("`node --prof-process` text") &&
                                            Catch::Contains("--prof-process --preprocess"));
  CHECK_THAT(Refusal("PASS  cum(\"main.fib\") < 50%  actual 10.60% (160ms), limit 50.00%\n1 passed, 0 failed\n"),
             Catch::Contains("`proflens check` output"));
}

TEST_CASE("proflens's own text outputs are never read back", "[detect]") {
  const std::string go = testing::SourcePath("samples/go-cpu.pb.gz");
  const std::string folded = testing::SourcePath("samples/perf-fp.folded");
  const std::vector<std::vector<std::string>> commands = {
      {"info", go},
      {"top", go},
      {"top", folded},  // a count profile
      {"peek", go, "main"},
      {"diff", testing::SourcePath("samples/py-slow.prof"), testing::SourcePath("samples/py-fast.prof")},
      {"check", go, "-a", "cum(\"main.fib\") < 50%"},
  };
  for (const std::vector<std::string>& args : commands) {
    testing::CliRun run = testing::RunCli(args);
    INFO(args[0] << ": " << run.err);
    REQUIRE(run.code == 0);
    const std::string why = Refusal(run.out);
    CHECK((why.find("proflens") != std::string::npos || why.find("pprof") != std::string::npos));
    CHECK(why.find("a report, not a profile") != std::string::npos);
  }
}

TEST_CASE("Source code, prose and logs are no profiles", "[detect]") {
  for (const char* file : {"samples/gen/perfwork.c", "samples/gen/pywork.py", "samples/gen/nodework.js", "formats/detect.cpp",
                           "samples/README.md", "CMakeLists.txt"}) {
    INFO(file);
    Refusal(testing::ReadFile(testing::SourcePath(file)));
  }
  Refusal("2026-12-07 05:00:01 INFO request 123 took 45 ms\n2026-12-07 05:00:02 INFO request 124 took 12 ms\n");
  Refusal("The quick brown fox 3\njumps over the lazy dog 4\nand then some prose.\nMore prose here.\n");
}

TEST_CASE("Text close to a format names it and says why it is not that", "[detect]") {
  // Two real perf headers among prose with numbers.
  const std::string near_perf =
      "app 7 1.0: cpu-clock:\n"
      "\t 4001 main (/bin/app)\n"
      "\n"
      "note 12 of 40\n"
      "another line 7 with 9\n"
      "and a third 5 here\n";
  CHECK_THAT(Refusal(near_perf), Catch::Contains("not a profile proflens reads: closest is perf script") &&
                                     Catch::Contains("line 4: \"note 12 of 40\""));
  const std::string near_folded = "main;parse 3\nthis is no stack\nnor is this one\nor this\n";
  CHECK_THAT(Refusal(near_folded), Catch::Contains("closest is folded stacks, but only 1 of the first 4 lines") &&
                                       Catch::Contains("line 2: \"this is no stack\""));
}

TEST_CASE("Other JSON is named or described by its keys", "[detect]") {
  CHECK_THAT(Refusal(R"({"head": {"callFrame": {}, "selfSize": 10, "children": []}, "samples": []})"),
             Catch::Contains("a V8 heap profile (.heapprofile)"));
  CHECK_THAT(Refusal(R"({"name": "app", "version": 3, "dependencies": {}})"),
             Catch::Contains("JSON with the keys \"name\", \"version\", \"dependencies\""));
}

TEST_CASE("Each format proflens reads is recognized, and info names it", "[detect]") {
  struct Case {
    const char* file;
    Format format;
    const char* name;
  };
  const Case cases[] = {
      {"samples/node-cpu.cpuprofile.gz", Format::kV8CpuProfile, "V8 CPU profile (.cpuprofile)"},
      {"tests/data/json/speedscope-node10-example.cpuprofile", Format::kV8CpuProfile, "V8 CPU profile (.cpuprofile)"},
      {"tests/data/json/samply-ls-profile.json.gz", Format::kFirefox, "Firefox Profiler"},
      {"tests/data/json/speedscope-firefox63-simple.json.gz", Format::kFirefox, "Firefox Profiler"},
      {"samples/austin1.txt.gz", Format::kAustin, "Austin"},
      {"tests/data/python/austin-python-austin.out", Format::kAustin, "Austin"},
      {"samples/perf-nocallchain.txt", Format::kPerfScript, "perf script"},
      {"tests/data/folded/speedscope-simple-with-invalids.txt", Format::kFolded, "folded"},
      {"tests/data/folded/speedscope-simple-utf16-le.txt", Format::kFolded, "folded"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    Result<LoadedProfile> loaded = ReadProfileFile(testing::SourcePath(c.file));
    INFO(loaded.status().message());
    REQUIRE(loaded.ok());
    CHECK(loaded->format == c.format);
    testing::CliRun info = testing::RunCli({"info", testing::SourcePath(c.file)});
    CHECK(info.code == 0);
    CHECK_THAT(info.out, Catch::Contains(std::string("Format: ") + c.name));
  }
  // A --prof-process --preprocess JSON, by its first code entries.
  const std::string log = R"({"code": [{"name": "/usr/bin/node", "type": "SHARED_LIB"}, {"name": "fib /a.js:1:1", "type": "JS", "kind": "Opt"}],
      "functions": [], "ticks": [{"tm": 5, "vm": 0, "s": [1, 0]}], "scripts": []})";
  CHECK(DetectFormat(log) == Format::kV8Log);
}

}  // namespace
}  // namespace proflens
