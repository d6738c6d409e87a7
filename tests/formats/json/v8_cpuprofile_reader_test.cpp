// V8 CPU profiles: speedscope's own sample files against the numbers its
// importer shows for them (src/import/__snapshots__/chrome.test.ts.snap),
// a real `node --cpu-prof` capture (samples/node-cpu.cpuprofile.gz) against
// sums worked out from the file, hand-made files for the edge cases, the
// --prof-process --preprocess JSON, and malformed files.
#include <catch2/catch.hpp>
#include <string>

#include "analyzer/any_profile.h"
#include "analyzer/call_graph.h"
#include "formats/io/gzip.h"
#include "formats/json/v8_cpuprofile_reader.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

CallGraph Graph(const Profile& p) { return AnyProfile(Profile(p)).BuildGraph({}); }

Profile ReadCpu(const std::string& text) {
  Result<Profile> p = ReadV8CpuProfile(text);
  INFO(p.status().message());
  REQUIRE(p.ok());
  return std::move(p).value();
}

std::string Error(const std::string& text) {
  Result<Profile> p = ReadV8CpuProfile(text);
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == StatusCode::kInput);
  return p.status().message();
}

// flat and cum of a function in time (sample type 1), in microseconds.
void CheckTime(const CallGraph& g, const std::string& name, int64_t flat_us, int64_t cum_us) {
  INFO(name);
  const CallGraphNode* n = testing::FindNode(g, name);
  REQUIRE(n != nullptr);
  CHECK(n->flat[1] == flat_us * 1000);
  CHECK(n->cum[1] == cum_us * 1000);
}

TEST_CASE("V8 cpuprofile: speedscope's Chrome 65 sample, its numbers", "[v8]") {
  // speedscope's snapshot: (anonymous) self 1060 total 34345, a total 33285,
  // b 17002, c 16283, d self 33285 (microseconds); 29 samples.
  Profile p = ReadCpu(testing::ReadFile(testing::SourcePath("tests/data/json/speedscope-chrome65-simple.cpuprofile")));
  REQUIRE(p.sample_types.size() == 2);
  CHECK(p.str(p.sample_types[0].type) == "samples");
  CHECK(p.str(p.sample_types[1].type) == "time");
  CHECK(p.str(p.sample_types[1].unit) == "nanoseconds");
  CHECK(p.DefaultSampleIndex() == 1);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 29);
  CHECK(g.totals[1] == 34'345'000);
  CheckTime(g, "(anonymous)", 1060, 34345);
  CheckTime(g, "a", 0, 33285);
  CheckTime(g, "b", 0, 17002);
  CheckTime(g, "c", 0, 16283);
  CheckTime(g, "d", 33285, 33285);
  CHECK(testing::FindNode(g, "d")->flat[0] == 28);
  CHECK(testing::FindNode(g, "(root)") == nullptr);
}

TEST_CASE("V8 cpuprofile: the older head-tree form (Node 10), speedscope's numbers", "[v8]") {
  // speedscope's snapshot: (anonymous) self 11575 total 44777, a 33202, b 16788, c 16414, d 33202.
  Profile p = ReadCpu(testing::ReadFile(testing::SourcePath("tests/data/json/speedscope-node10-example.cpuprofile")));
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 29);
  CheckTime(g, "(anonymous)", 11575, 44777);
  CheckTime(g, "a", 0, 33202);
  CheckTime(g, "b", 0, 16788);
  CheckTime(g, "c", 0, 16414);
  CheckTime(g, "d", 33202, 33202);
}

TEST_CASE("V8 cpuprofile: a real node --cpu-prof capture", "[v8]") {
  // samples/node-cpu.cpuprofile.gz (samples/gen/record-readers.sh). Worked
  // out from the file with Python: 405 samples; the time is the sum of
  // timeDeltas[1:] = 1603006 us (the last sample lasts 0); sortNumbers is the
  // leaf of 211 samples lasting 833825 us, fib of 6 lasting 21363 us.
  Result<std::string> text = Gunzip(testing::ReadFile(testing::SourcePath("samples/node-cpu.cpuprofile.gz")));
  REQUIRE(text.ok());
  Profile p = ReadCpu(*text);
  CHECK(p.raw_sample_count == 405);
  CHECK(p.duration_nanos > 1'603'006'000);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 405);
  CHECK(g.totals[1] == 1'603'006'000);
  const CallGraphNode* sort = testing::FindNode(g, "sortNumbers");
  REQUIRE(sort != nullptr);
  CHECK(sort->flat[0] == 211);
  CHECK(sort->flat[1] == 833'825'000);
  CHECK(testing::FindNode(g, "fib")->flat[0] == 6);
  CHECK(testing::FindNode(g, "fib")->flat[1] == 21'363'000);
  // The module's own function has no name: speedscope's "(anonymous FILE:LINE)".
  CHECK(testing::FindNode(g, "(anonymous nodework.js:1)") != nullptr);
  // Functions keep their file and 1-based line.
  bool found = false;
  for (const Function& f : p.functions) {
    if (p.str(f.name) != "fib") continue;
    found = true;
    CHECK(p.str(f.filename).ends_with("samples/gen/nodework.js"));
    CHECK(f.start_line == 4);
  }
  CHECK(found);
}

TEST_CASE("V8 cpuprofile: weighing, (program) and (idle) as roots, a time going back", "[v8]") {
  // Times: start 1000; samples at 1010 (a), 1020 (a;b), 1015 (idle: before
  // the latest, so counts as 1020), 1050 ((program)), 1060 (a).
  // a: 1010-1020 = 10; a;b: 1020-1020 = 0; (idle): 1020-1050 = 30;
  // (program): 1050-1060 = 10; the last a: 0.
  const std::string text = R"js({"nodes": [
      {"id": 1, "callFrame": {"functionName": "(root)", "url": "", "lineNumber": -1, "columnNumber": -1}, "children": [2, 4, 5]},
      {"id": 2, "callFrame": {"functionName": "a", "url": "file:///x/app.js", "lineNumber": 9, "columnNumber": 2}, "children": [3]},
      {"id": 3, "callFrame": {"functionName": "", "url": "file:///x/app.js", "lineNumber": 11, "columnNumber": 4}},
      {"id": 4, "callFrame": {"functionName": "(idle)", "url": "", "lineNumber": -1, "columnNumber": -1}},
      {"id": 5, "callFrame": {"functionName": "(program)", "url": "", "lineNumber": -1, "columnNumber": -1}}],
    "startTime": 1000, "endTime": 1070,
    "samples": [2, 3, 4, 5, 2], "timeDeltas": [10, 10, -5, 35, 10]})js";
  Profile p = ReadCpu(text);
  CHECK(p.duration_nanos == 70'000);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 5);
  CHECK(g.totals[1] == 50'000);
  CheckTime(g, "a", 10, 10);
  CheckTime(g, "(anonymous app.js:12)", 0, 0);
  CheckTime(g, "(idle)", 30, 30);
  CheckTime(g, "(program)", 10, 10);
  CHECK(testing::FindNode(g, "a")->flat[0] == 2);
}

TEST_CASE("V8 cpuprofile: no timeDeltas share the span evenly; parents by \"parent\"", "[v8]") {
  // Three samples over 0..300 us: 100 us each but the last (0).
  const std::string text = R"js({"nodes": [{"id": 1, "callFrame": {"functionName": "(root)"}},
      {"id": 2, "parent": 1, "callFrame": {"functionName": "main", "url": "m.js", "lineNumber": 0}},
      {"id": 3, "parent": 2, "callFrame": {"functionName": "work", "url": "m.js", "lineNumber": 5}}],
    "startTime": 0, "endTime": 300, "samples": [3, 3, 2]})js";
  CallGraph g = Graph(ReadCpu(text));
  CheckTime(g, "work", 200, 200);
  CheckTime(g, "main", 0, 200);
}

TEST_CASE("V8 cpuprofile: malformed files are refused with where and what", "[v8]") {
  CHECK(Error("[1, 2]").find("the document: expected an object") != std::string::npos);
  CHECK(Error(R"js({"nodes": [], "samples": 3})js").find("samples: expected an array of node ids") != std::string::npos);
  // A sample of a node the profile lacks is passed over (speedscope's rule): its time goes to the sample before.
  std::vector<std::string> notes;
  Result<Profile> unknown = ReadV8CpuProfile(R"js({"nodes": [{"id": 1, "callFrame": {"functionName": "f"}}],
      "samples": [1, 2, 1], "timeDeltas": [0, 5, 7]})js", &notes);
  REQUIRE(unknown.ok());
  CHECK(Graph(*unknown).totals == std::vector<int64_t>{2, 12'000});
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "1 sample names a node the profile does not have, and is passed over as speedscope passes them over (the time goes to the sample before)");
  CHECK(Error(R"js({"nodes": [{"id": 1}, {"id": 1}], "samples": [1], "timeDeltas": [1]})js").find("node id 1 is given twice") !=
        std::string::npos);
  CHECK(Error(R"js({"nodes": [{"id": 1}], "samples": [1, 1], "timeDeltas": [1]})js").find("2 samples, 1 timeDeltas") !=
        std::string::npos);
  CHECK(Error(R"js({"nodes": [{"id": 1, "parent": 2}, {"id": 2, "parent": 1}], "samples": [1], "timeDeltas": [1]})js")
            .find("form a cycle") != std::string::npos);
  CHECK(Error(R"js({"nodes": [{"callFrame": {}}], "samples": [], "timeDeltas": []})js").find("nodes[0]: expected an integer \"id\"") !=
        std::string::npos);
  CHECK(Error(R"js({"nodes": [{"id": 1}], "samples": [1], "timeDeltas": [1e400]})js").find("numbers fit in a double") != std::string::npos);
  CHECK(Error(R"js({"nodes": [{"id": 1}], "samples": [1], "timeDeltas": ["1"]})js").find("timeDeltas[0]") != std::string::npos);
  CHECK(Error(R"js({"nodes": [{"id": 1)js").find("byte offset") != std::string::npos);
}

TEST_CASE("V8 --prof-process --preprocess: ticks, frames named as speedscope names them, VM states", "[v8]") {
  // Ticks (out of time order in the file): tm 300 vm 0 [fib <- main],
  // tm 100 vm 1 [an address no code covers <- main], tm 600 vm 6 [libc <- main].
  // In time order: 100 (weight 100, from 0), 300 (200), 600 (300).
  const std::string text = R"js({"code": [
      {"name": "main /app/work.js:10:1", "type": "JS", "kind": "Opt"},
      {"name": "fib /app/work.js:3:13", "type": "JS", "kind": "Unopt"},
      {"name": "/usr/lib/x86_64-linux-gnu/libc.so.6", "type": "SHARED_LIB"},
      {"name": "ArrayPrototypeSort", "type": "CODE", "kind": "Builtin"},
      {"name": " node:internal/main/run_main_module:1:1", "type": "JS", "kind": "Unopt"}],
    "functions": [], "scripts": [],
    "ticks": [{"tm": 300, "vm": 0, "s": [1, 12, 0, 40]},
              {"tm": 100, "vm": 1, "s": [-1, 140205355905620, 0, 8]},
              {"tm": 600, "vm": 6, "s": [2, 99, 3, 4, 4, 0]}]})js";
  Result<Profile> read = ReadV8ProfLog(text);
  INFO(read.status().message());
  REQUIRE(read.ok());
  const Profile& p = *read;
  CHECK(p.DefaultSampleIndex() == 0);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 3);
  CHECK(g.totals[1] == 600'000);
  const CallGraphNode* main = testing::FindNode(g, "main");
  REQUIRE(main != nullptr);
  CHECK(main->cum[0] == 2);
  CHECK(main->flat[0] == 1);  // the tick whose pc no code covers
  CHECK(main->flat[1] == 100'000);
  CHECK(testing::FindNode(g, "fib")->flat[1] == 200'000);
  CHECK(testing::FindNode(g, "/usr/lib/x86_64-linux-gnu/libc.so.6")->flat[1] == 300'000);
  CHECK(testing::FindNode(g, "(builtin) ArrayPrototypeSort")->cum[0] == 1);
  CHECK(testing::FindNode(g, "(anonymous run_main_module:1)")->cum[0] == 1);
  int gc = 0;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) {
      if (p.str(l.key) == "vm" && p.str(l.str) == "GC") gc += static_cast<int>(p.ValuesOf(s)[0]);
    }
  }
  CHECK(gc == 1);

  Result<Profile> bad = ReadV8ProfLog(R"js({"code": [], "ticks": [{"tm": 1, "s": [0, 1]}]})js");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "ticks[0].s[0]: expected a code index below 0, or -1");
  bad = ReadV8ProfLog(R"js({"code": [], "ticks": [{"s": []}]})js");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "ticks[0]: expected a tick with a time \"tm\"");
}

}  // namespace
}  // namespace proflens
