// perf script reader: each case is a few lines as perf prints them, and the
// expected model worked out by reading them.
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>

#include "analyzer/any_profile.h"
#include "analyzer/call_graph.h"
#include "formats/folded/folded.h"
#include "formats/perf/perf_script_reader.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

PerfScriptResult Read(const std::string& text) {
  Result<PerfScriptResult> r = ReadPerfScript(text);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string LabelOf(const Profile& p, size_t sample, std::string_view key) {
  for (const Label& l : p.LabelsOf(p.samples[sample].labels)) {
    if (p.str(l.key) == key) return l.str ? std::string(p.str(l.str)) : std::to_string(l.num);
  }
  return "-";
}

std::string Folded(const Profile& p, FoldedOptions o = {}) {
  std::ostringstream out;
  WriteFolded(p, o, out);
  return out.str();
}

TEST_CASE("frame lines made alike where the frame cache looks are still told apart", "[perf_script]") {
  // 3000 distinct frames with the same address, symbol start, length and
  // binary: the cache's sampled hash is the same for all, so it falls back to
  // hashing every byte part way through. Each frame comes twice, the second
  // time long after the fallback: all are found again, none merged.
  std::string text, expected;
  std::vector<std::string> lines;
  for (int i = 0; i < 3000; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "f_%08d_padding_for_length", i);
    lines.push_back(name);
  }
  for (int round = 0; round < 2; ++round) {
    for (const std::string& name : lines) {
      text += "app 1 1.0: 1 cpu-clock:\n\t0000000000001000 " + name + "+0x1 (/bin/x)\n\t0000000000002000 main+0x1 (/bin/x)\n\n";
    }
  }
  for (const std::string& name : lines) expected += "app;main;" + name + " 2\n";
  const PerfScriptResult r = Read(text);
  CHECK(r.profile.functions.size() == 3001);
  CHECK(Folded(r.profile) == expected);
}

TEST_CASE("sample types drop perf's event modifiers unless two events would then share a name", "[perf_script]") {
  auto types = [](const std::string& text) {
    PerfScriptResult r = Read(text);
    std::vector<std::string> names;
    for (const ValueType& t : r.profile.sample_types) names.emplace_back(r.profile.str(t.type));
    return names;
  };
  const std::string stack = "\t    55d0 main+0x1a (/usr/bin/app)\n\n";
  CHECK(types("app 1 1.0: 100 cpu-clock:pppH: \n" + stack) == std::vector<std::string>{"cpu-clock"});
  CHECK(types("app 1 1.0: 100 cycles:u: \n" + stack + "app 1 2.0: 100 cycles:k: \n" + stack) ==
        std::vector<std::string>{"cycles:u", "cycles:k"});
  // A tracepoint's name has a colon of its own.
  CHECK(types("app 1 1.0: sched:sched_switch: prev_comm=app\n" + stack) == std::vector<std::string>{"sched:sched_switch"});
}

TEST_CASE("the profiled program is the first mapping, as pprof's header shows it", "[perf_script]") {
  // The loader and the kernel are met first; the program /usr/bin/app goes first.
  PerfScriptResult r = Read(
      "app 1 1.0: 100 cpu-clock: \n"
      "\t    1010 _dl_start+0x10 (/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)\n\n"
      "app 1 2.0: 100 cpu-clock: \n"
      "\tffffffff81000010 do_syscall_64+0x10 ([kernel.kallsyms])\n"
      "\t    55d0 main+0x1a (/usr/bin/app)\n\n");
  const Profile& p = r.profile;
  REQUIRE(p.mappings.size() == 3);
  CHECK(p.str(p.mappings[0].file) == "/usr/bin/app");
  // Every location still names its own DSO.
  for (const Location& l : p.locations) {
    const std::string_view function = p.str(p.functions[p.lines[l.first_line].function].name);
    const std::string_view file = p.str(p.mappings[l.mapping].file);
    if (function == "main") CHECK(file == "/usr/bin/app");
    if (function == "_dl_start") CHECK(file == "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    if (function == "do_syscall_64") CHECK(file == "[kernel.kallsyms]");
  }
}

TEST_CASE("a capture with no program file names the process with the most samples", "[perf_script]") {
  // Only the kernel and a JIT map: "java" (two samples) is the program, not
  // [kernel.kallsyms] and not "GC Thread" (one); its mapping holds no address.
  PerfScriptResult r = Read(
      "GC Thread 7 1.0: 100 cpu-clock: \n"
      "\tffffffff81000010 do_syscall_64+0x10 ([kernel.kallsyms])\n\n"
      "java 8 2.0: 100 cpu-clock: \n"
      "\t    7f10 Interpreter (/tmp/perf-8.map)\n\n"
      "java 8 3.0: 100 cpu-clock: \n"
      "\tffffffff81000010 do_syscall_64+0x10 ([kernel.kallsyms])\n\n");
  const Profile& p = r.profile;
  REQUIRE(p.mappings.size() == 3);
  CHECK(p.str(p.mappings[0].file) == "java");
  CHECK(p.mappings[0].memory_limit == 0);
  for (const Location& l : p.locations) CHECK(l.mapping != 0);
  CHECK_THAT(testing::RunCli({"top", testing::SourcePath("samples/java-jit.perf.txt.gz")}).out,
             Catch::StartsWith("File: java\n"));
}

TEST_CASE("sample headers: comm with spaces, pid/tid, period, event", "[perf_script]") {
  PerfScriptResult r = Read(
      "Web Content 4031/4032 [001] 12.500000:       1000 cycles:u: \n"
      "\t    55d0 main+0x1a (/usr/bin/app)\n"
      "\n"
      "swapper     0 [001]  13.000000: cpu-clock: \n"
      "\tffffffff8106b2e5 native_safe_halt+0x5 ([kernel.kallsyms])\n"
      "\n");
  const Profile& p = r.profile;
  REQUIRE(p.sample_types.size() == 2);
  CHECK(p.str(p.sample_types[0].type) == "cycles");  // perf's modifier :u is not part of the type
  CHECK(p.str(p.sample_types[1].type) == "cpu-clock");
  CHECK(p.str(p.sample_types[1].unit) == "count");  // no period printed: counted as 1
  REQUIRE(p.samples.size() == 2);
  CHECK(LabelOf(p, 0, "comm") == "Web Content");
  CHECK(LabelOf(p, 0, "pid") == "4031");
  CHECK(LabelOf(p, 0, "tid") == "4032");
  CHECK(p.ValuesOf(0)[0] == 1000);
  CHECK(LabelOf(p, 1, "comm") == "swapper");
  CHECK(LabelOf(p, 1, "pid") == "-");  // one number is the tid
  CHECK(LabelOf(p, 1, "tid") == "0");
  CHECK(p.ValuesOf(1)[1] == 1);
  CHECK(p.duration_nanos == 500000000);
  CHECK(p.DefaultSampleIndex() == 0);  // the first event, as stackcollapse-perf.pl picks it
  CHECK(Folded(p, {.sample_index = 0, .pid = true}) == "Web_Content-4031;main 1000\n");
  CHECK(Folded(p, {.sample_index = 1, .tid = true, .kernel = true}) == "swapper-?/0;native_safe_halt_[k] 1\n");
}

TEST_CASE("clock events with a period count nanoseconds", "[perf_script]") {
  PerfScriptResult r = Read("dd 29776 666709.771979:   10101010 cpu-clock: \n\t 7f01 f (/bin/dd)\n\n");
  CHECK(r.profile.str(r.profile.sample_types[0].unit) == "nanoseconds");
  CHECK(r.profile.ValuesOf(0)[0] == 10101010);
}

TEST_CASE("tracepoint headers carry text after the event", "[perf_script]") {
  PerfScriptResult r = Read(
      "sh  6610 [001]  1237.579034: sched:sched_switch: prev_comm=sh prev_pid=6610 ==> next_comm=swapper/1\n"
      "\tffffffff821f8b58 __schedule+0x618 ([kernel.kallsyms])\n\n");
  CHECK(r.profile.str(r.profile.sample_types[0].type) == "sched:sched_switch");
  CHECK(r.profile.ValuesOf(0)[0] == 1);
}

TEST_CASE("inlined frames join the next frame at the same address", "[perf_script]") {
  PerfScriptResult r = Read(
      "work 1 1.0: 5 cpu-clock: \n"
      "\t            1301 hash_loop+0x261 (inlined)\n"
      "\t            1301 main+0x261 (/tmp/work)\n"
      "\t           27304 __libc_start_main_impl+0x84 (inlined)\n"
      "\t            13d0 _start+0x20 (/tmp/work)\n"
      "\n");
  const Profile& p = r.profile;
  auto stack = p.StackOf(p.samples[0].stack);
  REQUIRE(stack.size() == 3);  // [hash_loop, main], [__libc_start_main_impl], [_start]
  CHECK(p.locations[stack[0]].line_count == 2);
  CHECK(p.locations[stack[1]].line_count == 1);
  CHECK(p.locations[stack[1]].mapping == kNoId);
  CallGraph g = BuildCallGraph(p, {});
  CHECK(testing::FindEdge(g, "main", "hash_loop")->is_inline(0));
  CHECK(testing::FindNode(g, "hash_loop")->flat[0] == 5);
  CHECK(Folded(p) == "work;_start;__libc_start_main_impl;main;hash_loop 5\n");
}

TEST_CASE("a->b chains are one folded location and annotate as inlined", "[perf_script]") {
  PerfScriptResult r = Read("app 7 1.0: cpu-clock: \n\t  4005 outer->inner+0x10 (/bin/app)\n\t  4001 main (/bin/app)\n\n");
  const Profile& p = r.profile;
  CHECK(p.locations[p.StackOf(p.samples[0].stack)[0]].is_folded);
  CHECK(Folded(p, {.kernel = true}) == "app;main;outer;inner_[i] 1\n");
}

TEST_CASE("source lines after frames become file and line", "[perf_script]") {
  PerfScriptResult r = Read(
      "work 6530  1220.920511:    2004008 cpu-clock: \n"
      "\t            15a4 is_even+0x24 (/tmp/work)\n"
      "  work.c:9\n"
      "\t            15b5 main+0x35 (/tmp/work)\n"
      "  work.c:20\n"
      "\n");
  const Profile& p = r.profile;
  CallGraph g = BuildCallGraph(p, {.granularity = Granularity::kLines});
  CHECK(testing::FindNode(g, "is_even work.c:9") != nullptr);
  CHECK(testing::FindNode(g, "main work.c:20") != nullptr);
  CHECK(r.skipped[0].count == 0);
  CHECK(Folded(p, {.srcline = true}) == "work;main:work.c:20;is_even:work.c:9 2004008\n");
}

TEST_CASE("unknown symbols, pseudo frames and addresses", "[perf_script]") {
  PerfScriptResult r = Read(
      "java 19983 cycles:\n"
      "\t 7f4b [unknown] (/tmp/perf-19983.map)\n"
      "\t 552c [unknown] ([unknown])\n"
      "\t 1000 (process) (/bin/java)\n"
      "\t 7f00 Lcom/foo/Bar;::run (/tmp/perf-19983.map)\n"
      "\n");
  const Profile& p = r.profile;
  CHECK(p.StackOf(p.samples[0].stack).size() == 3);  // "(process)" is skipped
  CHECK(Folded(p, {.jit = true}) == "java;com/foo/Bar:::run_[j];[unknown];[perf-19983.map]_[j] 1\n");
  CHECK(Folded(p, {.addrs = true}) == "java;com/foo/Bar:::run;[unknown <552c>];[perf-19983.map <7f4b>] 1\n");
}

TEST_CASE("lines outside samples are counted, not fatal", "[perf_script]") {
  PerfScriptResult r = Read(
      "\t 4001 orphan (/bin/app)\n"   // a frame before any header
      "app 7 1.0: cpu-clock: \n"
      "\t 4001 main (/bin/app)\n"
      "\n"
      "?? what is this\n"
      "app 7 2.0: cpu-clock: \n"      // a sample with no stack
      "\n"
      "app 7 3.0: cpu-clock: \n"      // no blank line ends it: read, with a note
      "\t 4001 main (/bin/app)\n");
  CHECK(r.skipped[0].count == 2);
  CHECK(r.skipped[0].first_line == 1);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0] == "the last sample (line 8) has no blank line after it; it is read (stackcollapse-perf.pl leaves it out)");
  REQUIRE(r.profile.samples.size() == 2);
  CHECK(r.profile.StackOf(r.profile.samples[1].stack).empty());
  CHECK(Folded(r.profile) == "app 1\napp;main 2\n");
}

TEST_CASE("a capture recorded without -g: each sample is the frame its header ends with", "[perf_script]") {
  // perf pads the command on the left and ends the header with the frame;
  // no blank lines. stackcollapse-perf.pl makes nothing of this.
  PerfScriptResult r = Read(
      "            work  5646  2185.251113:    2004008 cpu-clock:      7f6f608b499a _dl_lookup_symbol_x+0x2a (/usr/lib/ld.so)\n"
      "            work  5646  2185.253126:    2004008 cpu-clock:      557a564e7818 is_even+0x38 (/tmp/work)\n"
      "  V8 WorkerThread  5647  2185.255126:    2004008 cpu-clock:      557a564e7293 main+0x1f3 (/tmp/work)\n"
      "            work  5646  2185.267188:    2004008 cpu-clock:      557a564e7818 is_even+0x38 (/tmp/work)\n");
  CHECK(r.skipped[0].count == 0);
  CHECK(r.notes.size() == 1);  // the last sample ends the file
  CHECK(Folded(r.profile) == "V8_WorkerThread;main 2004008\nwork;_dl_lookup_symbol_x 2004008\nwork;is_even 4008016\n");
}

TEST_CASE("a real capture without -g (samples/perf-nocallchain.txt)", "[perf_script]") {
  // samples/gen/record-readers.sh; worked out with awk from the file: 163
  // samples of 2004008 ns each; main is the frame of 67 (134268536 ns).
  PerfScriptResult r = Read(testing::ReadFile(testing::SourcePath("samples/perf-nocallchain.txt")));
  CHECK(r.profile.raw_sample_count == 163);
  CallGraph g = AnyProfile(Profile(r.profile)).BuildGraph({});
  CHECK(g.totals[0] == 163 * int64_t{2004008});
  CHECK(testing::FindNode(g, "main")->flat[0] == 134268536);
}

TEST_CASE("text with no sample header is an error", "[perf_script]") {
  Result<PerfScriptResult> r = ReadPerfScript("\t 4001 main (/bin/app)\n\n");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("no perf samples found"));
}

TEST_CASE("binary bytes inside a perf file are skipped lines", "[perf_script]") {
  std::string text = "app 7 1.0: cpu-clock: \n\t 4001 main (/bin/app)\n\n";
  text += std::string("\x01\x02\xff\xfe\x00 junk\n", 11);
  text += "app 7 2.0: cpu-clock: \n\t 4001 main (/bin/app)\n\n";
  PerfScriptResult r = Read(text);
  CHECK(r.skipped[0].count == 1);
  CHECK(r.profile.ValuesOf(0)[0] == 2);
}

}  // namespace
}  // namespace proflens
