// Firefox Profiler JSON: a real Firefox export (speedscope's sample, against
// the numbers speedscope's importer shows), a real samply capture (processed
// format version 41) against sums worked out from the file, hand-made
// processed profiles of the newer versions (shared tables, prefixOffset),
// and malformed files.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "analyzer/any_profile.h"
#include "analyzer/call_graph.h"
#include "formats/io/gzip.h"
#include "formats/json/firefox_profile_reader.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

CallGraph Graph(const Profile& p) { return AnyProfile(Profile(p)).BuildGraph({}); }

Profile ReadData(const std::string& relative, std::vector<std::string>* notes = nullptr) {
  Result<std::string> text = Gunzip(testing::ReadFile(testing::SourcePath(relative)));
  REQUIRE(text.ok());
  Result<Profile> p = ReadFirefoxProfile(*text, notes);
  INFO(p.status().message());
  REQUIRE(p.ok());
  return std::move(p).value();
}

Profile Read(const std::string& text, std::vector<std::string>* notes = nullptr) {
  Result<Profile> p = ReadFirefoxProfile(text, notes);
  INFO(p.status().message());
  REQUIRE(p.ok());
  return std::move(p).value();
}

std::string Error(const std::string& text) {
  Result<Profile> p = ReadFirefoxProfile(text);
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == StatusCode::kInput);
  return p.status().message();
}

// The file of the function named `name`.
std::string FileOf(const Profile& p, std::string_view name) {
  for (const Function& f : p.functions) {
    if (p.str(f.name) == name) return std::string(p.str(f.filename));
  }
  return "<none>";
}

std::string LabelOf(const Profile& p, size_t sample, std::string_view key) {
  for (const Label& l : p.LabelsOf(p.samples[sample].labels)) {
    if (p.str(l.key) == key) return std::string(p.str(l.str));
  }
  return "";
}

TEST_CASE("Firefox: a Firefox 63 export (raw Gecko tables in DevTools' wrapper), speedscope's numbers", "[firefox]") {
  // speedscope's snapshot (importFromFirefox ignore self-hosted): total weight
  // alpha 26.983816999942064 ms, gamma the same, beta 15.037492998875678,
  // delta 11.946324001066387. A sample lasts until the next one, as in
  // speedscope; the last one lasts the interval (1 ms), where speedscope has
  // none, but its stack holds none of these. 39 samples; time 38775204 ns
  // (from the first sample's time to the last's, plus the interval).
  Profile p = ReadData("tests/data/json/speedscope-firefox63-simple.json.gz");
  REQUIRE(p.sample_types.size() == 2);
  CHECK(p.DefaultSampleIndex() == 0);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 39);
  CHECK(g.totals[1] == 38'775'204);
  CHECK(testing::FindNode(g, "alpha")->cum[1] == 26'983'817);
  CHECK(testing::FindNode(g, "gamma")->cum[1] == 26'983'817);
  CHECK(testing::FindNode(g, "beta")->cum[1] == 15'037'493);
  CHECK(testing::FindNode(g, "delta")->cum[1] == 11'946'324);
  CHECK(testing::FindNode(g, "gamma")->cum[0] == 27);
  // The JS function's file comes from its location string.
  CHECK(FileOf(p, "gamma") == "http://localhost:8000/simple.js");
  CHECK(LabelOf(p, 0, "thread") == "GeckoMain");
  CHECK(LabelOf(p, 0, "tid") == "7051856");
}

TEST_CASE("Firefox: a samply capture (processed format 41), weights and traced time", "[firefox]") {
  // samply's fixtures/other/ls-linux/ls-profile.json: an unsymbolized `ls`.
  // Worked out from the file with Python: 5130 samples, 11 without a stack;
  // the weights of the others sum to 13069; the traced time is 3264719446 ns;
  // the hottest leaf is 0xb27a8 in libc.so.6 (weight 11938, 12072 with callees).
  std::vector<std::string> notes;
  Profile p = ReadData("tests/data/json/samply-ls-profile.json.gz", &notes);
  CHECK(p.raw_sample_count == 5119);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "11 samples have no stack and are left out, as the Firefox Profiler's call tree leaves them out");
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 13069);
  CHECK(g.totals[1] == 3'264'719'446);
  const CallGraphNode* hot = testing::FindNode(g, "0xb27a8");
  REQUIRE(hot != nullptr);
  CHECK(hot->flat[0] == 11938);
  CHECK(hot->cum[0] == 12072);
  CHECK(FileOf(p, "0xb27a8") == "libc.so.6");  // a native function's library stands for its file
  CHECK(LabelOf(p, 0, "process") == "ls");
  CHECK(LabelOf(p, 0, "pid") == "18693");
}

// A processed profile of the newer versions: tables shared between the
// threads, prefixOffset, timeDeltas. Frames: 0 main (app.js:1), 1 parse
// (app.js:10), 2 a native function of libxul.so.
// Stacks: 0 = main, 1 = main;parse, 2 = main;parse;native.
// Thread A: samples at 0, 2, 3, 7 ms (timeDeltas 0, 2, 1, 4): stacks 1, 2, null, 0.
//   traced: parse 2, parse;native 1, (null: none), main: the interval 0.5.
// Thread B: weightType tracing-ms: stack 2 for 5 ms.
const char kShared[] = R"js({
  "meta": {"interval": 0.5, "preprocessedProfileVersion": 66, "startTime": 0},
  "threads": [
    {"name": "A", "pid": "10", "tid": 11, "processName": "app",
     "samples": {"stack": [1, 2, null, 0], "timeDeltas": [0, 2, 1, 4], "weight": null, "weightType": "samples", "length": 4}},
    {"name": "B", "pid": "10", "tid": 12,
     "samples": {"stack": [2], "time": [1], "weight": [5], "weightType": "tracing-ms", "length": 1}}],
  "shared": {
    "stringArray": ["main", "app.js", "parse", "0x1234", "libxul.so"],
    "sources": {"length": 1, "filename": [1]},
    "funcTable": {"length": 3, "name": [0, 2, 3], "source": [0, 0, null], "lineNumber": [1, 10, null], "resource": [-1, -1, 0]},
    "resourceTable": {"length": 1, "name": [4]},
    "frameTable": {"length": 3, "func": [0, 1, 2], "line": [2, 12, null]},
    "stackTable": {"length": 3, "frame": [0, 1, 2], "prefixOffset": [0, 1, 1]}}})js";

TEST_CASE("Firefox: shared tables, prefixOffset, timeDeltas, tracing-ms weights", "[firefox]") {
  std::vector<std::string> notes;
  Profile p = Read(kShared, &notes);
  CHECK(notes.size() == 1);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 4);  // 3 samples of A, 1 of B
  CHECK(g.totals[1] == 2'000'000 + 1'000'000 + 500'000 + 5'000'000);
  const CallGraphNode* parse = testing::FindNode(g, "parse");
  REQUIRE(parse != nullptr);
  CHECK(parse->flat[1] == 2'000'000);
  CHECK(parse->cum[1] == 2'000'000 + 1'000'000 + 5'000'000);
  CHECK(FileOf(p, "parse") == "app.js");
  CHECK(testing::FindNode(g, "main")->flat[1] == 500'000);
  CHECK(FileOf(p, "0x1234") == "libxul.so");
  CHECK(testing::FindNode(g, "0x1234")->flat[0] == 2);
}

TEST_CASE("Firefox: raw Gecko locations name JS functions as the Firefox Profiler does", "[firefox]") {
  // Location strings: a label frame, a JS function, a script's top level
  // (no name; "a -> b" keeps the last script), an address.
  const std::string text = R"js({"meta": {"interval": 1, "version": 27}, "threads": [{"name": "GeckoMain", "tid": 1, "pid": 1,
    "stringTable": ["js::RunScript", "render (https://x.org/app.js:40:7)", "https://x.org/loader.js -> https://x.org/boot.js:3:1[2]", "0x7fff1234"],
    "frameTable": {"schema": {"location": 0, "relevantForJS": 1, "line": 2}, "data": [[0, false, null], [1, false, 41], [2, false, null], [3, false, null]]},
    "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": [[null, 0], [0, 1], [0, 2], [1, 3]]},
    "samples": {"schema": {"stack": 0, "time": 1}, "data": [[3, 0], [2, 1], [1, 3]]}}]})js";
  Profile p = Read(text);
  CallGraph g = Graph(p);
  CHECK(testing::FindNode(g, "js::RunScript")->cum[0] == 3);
  CHECK(FileOf(p, "render") == "https://x.org/app.js");
  CHECK(testing::FindNode(g, "render")->cum[1] == 1'000'000 + 1'000'000);  // at 0 (1 ms) and at 3 (the interval)
  CHECK(testing::FindNode(g, "(root scope) https://x.org/boot.js") != nullptr);
  CHECK(testing::FindNode(g, "0x7fff1234")->flat[1] == 1'000'000);
  CHECK(testing::FindNode(g, "(root scope) https://x.org/boot.js")->flat[1] == 2'000'000);
}

TEST_CASE("Firefox: subprocess profiles and threads written as JSON text", "[firefox]") {
  const std::string thread =
      R"js({"name": "W", "tid": 2, "pid": 9, "stringTable": ["f"], "frameTable": {"schema": {"location": 0}, "data": [[0]]},
          "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": [[null, 0]]},
          "samples": {"schema": {"stack": 0, "time": 1}, "data": [[0, 0], [0, 1]]}})js";
  nlohmann::json doc = {{"meta", {{"interval", 1}}},
                        {"threads", nlohmann::json::array()},
                        {"processes", {{{"meta", {{"interval", 2}}}, {"threads", {thread}}}}}};
  CallGraph g = Graph(Read(doc.dump()));
  CHECK(g.totals[0] == 2);
  CHECK(g.totals[1] == 1'000'000 + 2'000'000);
}

TEST_CASE("Firefox: malformed profiles are refused with where and what", "[firefox]") {
  CHECK(Error("[]").find("expected a profile object") != std::string::npos);
  CHECK(Error(R"js({"meta": {}, "threads": {}})js") == "threads: expected an array of threads");
  CHECK(Error(R"js({"meta": {}, "threads": []})js").find("no samples found") != std::string::npos);
  const std::string cycle = R"js({"meta": {}, "threads": [{"stringTable": ["f"], "frameTable": {"schema": {"location": 0}, "data": [[0]]},
      "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": [[1, 0], [0, 0]]},
      "samples": {"schema": {"stack": 0, "time": 1}, "data": [[0, 0]]}}]})js";
  CHECK(Error(cycle).find("threads[0].stackTable") != std::string::npos);
  CHECK(Error(cycle).find("not a cycle") != std::string::npos);
  const std::string bad_string = R"js({"meta": {}, "threads": [{"stringTable": [], "frameTable": {"schema": {"location": 0}, "data": [[5]]},
      "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": [[null, 0]]},
      "samples": {"schema": {"stack": 0, "time": 1}, "data": [[0, 0]]}}]})js";
  CHECK(Error(bad_string) == "threads[0].frameTable[0].location: expected an index into the 0 strings");
  const std::string bad_stack = R"js({"meta": {}, "threads": [{"stringTable": ["f"], "frameTable": {"schema": {"location": 0}, "data": [[0]]},
      "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": [[null, 0]]},
      "samples": {"schema": {"stack": 0, "time": 1}, "data": [[7, 0]]}}]})js";
  CHECK(Error(bad_stack) == "threads[0].samples.stack[0]: expected an index into the 1 stacks, or null");
}

}  // namespace
}  // namespace proflens
