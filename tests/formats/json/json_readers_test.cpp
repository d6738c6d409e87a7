// speedscope and Chrome trace JSON: readers on hand-made files whose numbers
// are worked out in the comments, a real Chrome trace against an independent
// computation (tests/golden/trace/make_trace_goldens.py), the speedscope and
// callgrind writers, and malformed files.
#include <catch2/catch.hpp>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "formats/json/chrome_trace_reader.h"
#include "formats/read_profile.h"
#include "formats/json/speedscope.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

CallGraph GraphOf(const AnyProfile& p) { return p.BuildGraph({}); }

Profile Read(const std::string& name, const std::string& text, Format format) {
  Result<LoadedProfile> loaded = ReadProfileBytes(text, name);
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  CHECK(loaded->format == format);
  REQUIRE(loaded->profile.stacks() != nullptr);
  return *loaded->profile.stacks();
}

TEST_CASE("speedscope: sampled and evented profiles, time units to nanoseconds", "[speedscope]") {
  // Frames: 0 main (m.py:1), 1 parse, 2 lex.
  // sampled, milliseconds: main;parse 2ms, main;parse;lex 0.5ms, main 1ms.
  // evented, microseconds: main opens at 0, parse 10..30, lex 15..20, main closes at 50:
  //   main alone 0-10 and 30-50 = 30us, parse alone 10-15 and 20-30 = 15us, lex 5us.
  const std::string text = R"({
    "$schema": "https://www.speedscope.app/file-format-schema.json",
    "shared": {"frames": [{"name": "main", "file": "m.py", "line": 1}, {"name": "parse"}, {"name": "lex"}]},
    "profiles": [
      {"type": "sampled", "name": "thread 1", "unit": "milliseconds", "startValue": 0, "endValue": 3.5,
       "samples": [[0, 1], [0, 1, 2], [0]], "weights": [2, 0.5, 1]},
      {"type": "evented", "name": "thread 2", "unit": "microseconds", "startValue": 0, "endValue": 50,
       "events": [{"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 10},
                  {"type": "O", "frame": 2, "at": 15}, {"type": "C", "frame": 2, "at": 20},
                  {"type": "C", "frame": 1, "at": 30}, {"type": "C", "frame": 0, "at": 50}]}
    ]})";
  Profile p = Read("t.speedscope.json", text, Format::kSpeedscope);
  REQUIRE(p.sample_types.size() == 1);
  CHECK(p.str(p.sample_types[0].type) == "time");
  CHECK(p.str(p.sample_types[0].unit) == "nanoseconds");
  CallGraph g = GraphOf(p);
  CHECK(g.totals[0] == 3'500'000 + 50'000);
  CHECK(testing::FindNode(g, "main")->flat[0] == 1'000'000 + 30'000);
  CHECK(testing::FindNode(g, "main")->cum[0] == 3'550'000);
  CHECK(testing::FindNode(g, "parse")->flat[0] == 2'000'000 + 15'000);
  CHECK(testing::FindNode(g, "parse")->cum[0] == 2'500'000 + 20'000);
  CHECK(testing::FindNode(g, "lex")->flat[0] == 500'000 + 5'000);
  CHECK(testing::FindNode(g, "main")->info.name == "main");
}

TEST_CASE("Chrome trace: B/E and X events per thread, nesting, thread names", "[chrome]") {
  // Thread 1 ("Main"): X run 0..100us; B parse at 10, X lex 20..30 inside it, E at 60;
  //   X tail 90..120 outlives run and is cut at 100.
  //   run alone: 0-10, 60-90 = 40us; parse: 10-20, 30-60 = 40us; lex 10us; tail 10us.
  // Thread 2: X idle 0..5us, an E with nothing open (ignored), an instant (left out).
  const std::string text = R"([
    {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "Main"}},
    {"ph": "X", "name": "run", "pid": 1, "tid": 1, "ts": 0, "dur": 100},
    {"ph": "B", "name": "parse", "pid": 1, "tid": 1, "ts": 10},
    {"ph": "X", "name": "lex", "pid": 1, "tid": 1, "ts": 20, "dur": 10},
    {"ph": "E", "pid": 1, "tid": 1, "ts": 60},
    {"ph": "X", "name": "tail", "pid": 1, "tid": 1, "ts": 90, "dur": 30},
    {"ph": "X", "name": "idle", "pid": 1, "tid": 2, "ts": 0, "dur": 5},
    {"ph": "E", "pid": 1, "tid": 2, "ts": 7},
    {"ph": "i", "name": "mark", "pid": 1, "tid": 2, "ts": 3}
  ])";
  Profile p = Read("trace.json", text, Format::kChromeTrace);
  CallGraph g = GraphOf(p);
  CHECK(g.totals[0] == 105'000);
  CHECK(testing::FindNode(g, "run")->flat[0] == 40'000);
  CHECK(testing::FindNode(g, "run")->cum[0] == 100'000);
  CHECK(testing::FindNode(g, "parse")->flat[0] == 40'000);
  CHECK(testing::FindNode(g, "parse")->cum[0] == 50'000);
  CHECK(testing::FindNode(g, "lex")->flat[0] == 10'000);
  CHECK(testing::FindNode(g, "tail")->flat[0] == 10'000);
  CHECK(testing::FindNode(g, "idle")->flat[0] == 5'000);
  CHECK(testing::FindNode(g, "mark") == nullptr);
  // Thread labels: the named thread's samples carry thread=Main.
  bool labelled = false;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) labelled |= p.str(l.key) == "thread" && p.str(l.str) == "Main";
  }
  CHECK(labelled);
  // What was read in an odd way is said, with the first event's index.
  Result<LoadedProfile> loaded = ReadProfileBytes(text, "trace.json");
  REQUIRE(loaded.ok());
  CHECK(loaded->notes == std::vector<std::string>{
                             "1 \"E\" event closes no open \"B\" of its thread and is left out (first: traceEvents[7])",
                             "1 interval outlives the one enclosing it and is cut at its end (first: traceEvents[5])"});
  loaded = ReadProfileBytes(R"([{"ph": "B", "name": "open", "pid": 1, "tid": 1, "ts": 0},
                                {"ph": "X", "name": "x", "pid": 1, "tid": 1, "ts": 5, "dur": 5}])",
                            "open.json");
  REQUIRE(loaded.ok());
  CHECK(loaded->notes ==
        std::vector<std::string>{"1 \"B\" event is never closed and ends at its thread's last event (first: traceEvents[0])"});
  CHECK(testing::FindNode(GraphOf(loaded->profile), "open")->cum[0] == 10'000);
}

// Events are read member by member as they are parsed, not built: a member
// given twice counts as its last (as in a parsed object), only args.name of
// a thread_name event is kept from args however deep it goes, and pid and
// tid of any JSON kind key the thread by their JSON text.
TEST_CASE("Chrome trace: repeated members count as their last and ids of any kind key threads", "[chrome]") {
  const std::string text = R"({"traceEvents": [
    {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "A"}, "args": 5},
    {"ph": "M", "name": "thread_name", "pid": 1, "tid": 2, "args": {"name": "B", "deep": {"name": "no"}, "name": "C"}},
    {"ph": "M", "name": "x", "name": "thread_name", "pid": 1, "tid": 3, "args": [{"name": "no"}]},
    {"ph": "E", "ph": "X", "name": "f", "pid": 1, "pid": 2, "tid": 1, "ts": "s", "ts": 5, "dur": 3, "dur": 4},
    {"args": {"name": "no", "x": [1, {"name": "no"}]}, "ph": "X", "name": "g", "pid": 1, "tid": 2, "ts": 0, "dur": 2},
    {"ph": "X", "name": "h", "pid": 1, "tid": 1, "ts": 0, "dur": 8},
    {"ph": "X", "name": "i", "pid": {"a": [1, "x"]}, "tid": [1, [2]], "ts": 0, "dur": 16},
    {"ph": "X", "name": "j", "pid": 1.5, "tid": null, "ts": 0, "dur": 32},
    {"ph": "X", "name": "k", "tid": true, "ts": 0, "dur": 64},
    {"ph": "X", "name": "l", "pid": )" + std::string(64, '[') + std::string(64, ']') + R"(, "ts": 0, "dur": 128}
  ]})";
  Profile p = Read("dups.json", text, Format::kChromeTrace);
  CallGraph g = GraphOf(p);
  // Each event is its own thread's only interval: flat = dur in ns.
  CHECK(testing::FindNode(g, "f")->flat[0] == 4'000);
  CHECK(testing::FindNode(g, "g")->flat[0] == 2'000);
  CHECK(testing::FindNode(g, "h")->flat[0] == 8'000);
  CHECK(testing::FindNode(g, "i")->flat[0] == 16'000);
  CHECK(g.totals[0] == 4'000 + 2'000 + 8'000 + 16'000 + 32'000 + 64'000 + 128'000);
  // The labels of each frame's sample.
  using Labels = std::map<std::string, std::string>;
  std::map<std::string, Labels> labels;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    const LocationId leaf = p.StackOf(p.samples[s].stack)[0];
    Labels& of = labels[std::string(p.str(p.functions[p.LinesOf(p.locations[leaf])[0].function].name))];
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) of[std::string(p.str(l.key))] = p.str(l.str);
  }
  CHECK(labels["f"] == Labels{{"pid", "2"}, {"tid", "1"}});                   // the second pid; (2, 1) has no name
  CHECK(labels["g"] == Labels{{"pid", "1"}, {"tid", "2"}, {"thread", "C"}});  // args.name twice: the last, not the nested one
  CHECK(labels["h"] == Labels{{"pid", "1"}, {"tid", "1"}});                   // the last args of (1, 1) was 5: no name
  CHECK(labels["i"] == Labels{{"pid", "{\"a\":[1,\"x\"]}"}, {"tid", "[1,[2]]"}});
  CHECK(labels["j"] == Labels{{"pid", "1.5"}, {"tid", "null"}});
  CHECK(labels["k"] == Labels{{"tid", "true"}});  // no pid member: no pid label
  CHECK(labels["l"] == Labels{{"pid", std::string(64, '[') + std::string(64, ']')}});  // 64 deep: kept
}

TEST_CASE("deep nesting: stacks share storage and the times are exact", "[chrome][speedscope][hostile]") {
  // 5000 B events 1us apart, then their E events 1us apart: frame k (0-based)
  // is innermost for 1us after it opens (the last one, 1us before its E) and
  // 1us after its child closes: 2us of self time each, 10 ms in all. The 5000
  // distinct stacks (depths 1..5000) are stored in one array of 5000 frames
  // (one per depth), not 12.5 M (one copy per stack).
  constexpr int kDepth = 5000;
  std::string text = "{\"traceEvents\": [";
  for (int i = 0; i < kDepth; ++i) {
    text += "{\"ph\": \"B\", \"name\": \"f" + std::to_string(i) + "\", \"pid\": 1, \"tid\": 1, \"ts\": " + std::to_string(i) + "},";
  }
  for (int i = 0; i < kDepth; ++i) {
    text += std::string(i ? "," : "") + "{\"ph\": \"E\", \"pid\": 1, \"tid\": 1, \"ts\": " + std::to_string(kDepth + i) + "}";
  }
  text += "]}";
  Profile p = Read("deep.json", text, Format::kChromeTrace);
  CHECK(p.stacks.size() == kDepth);
  CHECK(p.stack_locations.size() == kDepth);
  CallGraph g = GraphOf(p);
  CHECK(g.totals[0] == 2 * kDepth * 1000 - 1000);  // the innermost frame: 1us open before its E, none after
  CHECK(testing::FindNode(g, "f0")->cum[0] == g.totals[0]);
  CHECK(testing::FindNode(g, "f0")->flat[0] == 2000);
  CHECK(testing::FindNode(g, "f2500")->flat[0] == 2000);
  CHECK(testing::FindNode(g, "f4999")->flat[0] == 1000);
}

TEST_CASE("timeline inputs keep their spans in time order for the report", "[chrome][speedscope]") {
  // Thread 1: run 0..100us with parse 10..60 inside it, lex 20..30 inside parse.
  TimelineRecording chrome;
  Result<Profile> trace = ReadChromeTrace(R"([
    {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "Main"}},
    {"ph": "X", "name": "run", "pid": 1, "tid": 1, "ts": 0, "dur": 100},
    {"ph": "B", "name": "parse", "pid": 1, "tid": 1, "ts": 10},
    {"ph": "X", "name": "lex", "pid": 1, "tid": 1, "ts": 20, "dur": 10},
    {"ph": "E", "pid": 1, "tid": 1, "ts": 60}])", nullptr, &chrome);
  REQUIRE(trace.ok());
  REQUIRE(chrome.lanes.size() == 1);
  CHECK(chrome.lanes[0].name == "Main (pid 1, tid 1)");
  CHECK(chrome.unit == "nanoseconds");
  std::vector<std::tuple<std::string, int64_t, int64_t, uint32_t>> spans;
  for (const TimelineSpan& s : chrome.lanes[0].spans) spans.emplace_back(chrome.names[s.frame], s.start, s.end, s.depth);
  CHECK(spans == std::vector<std::tuple<std::string, int64_t, int64_t, uint32_t>>{
                     {"lex", 20'000, 30'000, 2}, {"parse", 10'000, 60'000, 1}, {"run", 0, 100'000, 0}});
  // An evented speedscope profile: a lane named by its profile.
  TimelineRecording evented;
  Result<Profile> ss = ReadSpeedscope(R"({"$schema": "https://www.speedscope.app/file-format-schema.json",
    "shared": {"frames": [{"name": "a"}, {"name": "b"}]},
    "profiles": [{"type": "evented", "name": "worker", "unit": "milliseconds", "startValue": 0, "endValue": 5,
                  "events": [{"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 1},
                             {"type": "C", "frame": 1, "at": 3}, {"type": "C", "frame": 0, "at": 5}]}]})", &evented);
  REQUIRE(ss.ok());
  REQUIRE(evented.lanes.size() == 1);
  CHECK(evented.lanes[0].name == "worker");
  REQUIRE(evented.lanes[0].spans.size() == 2);
  CHECK(evented.names[evented.lanes[0].spans[0].frame] == "b");
  CHECK(evented.lanes[0].spans[0].start == 1'000'000);
  CHECK(evented.lanes[0].spans[0].end == 3'000'000);
  CHECK(evented.lanes[0].spans[1].depth == 0);
}

TEST_CASE("a real Chrome trace: every event name's self time equals an independent computation", "[chrome][golden]") {
  nlohmann::json expected =
      nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/trace/chrome-trace.expected.json")));
  Result<LoadedProfile> loaded = ReadProfileFile(testing::SourcePath("samples/chrome-trace.json.gz"));
  REQUIRE(loaded.ok());
  CallGraph g = GraphOf(loaded->profile);
  CHECK(g.totals[0] == expected["total"].get<int64_t>());
  REQUIRE(expected["flat"].size() > 5);
  for (auto& [name, ns] : expected["flat"].items()) {
    INFO(name);
    const CallGraphNode* node = testing::FindNode(g, name);
    REQUIRE(node != nullptr);
    CHECK(node->flat[0] == ns.get<int64_t>());
  }
}

TEST_CASE("convert --to speedscope keeps every stack and value", "[speedscope][convert]") {
  std::string dir = testing::TempDir("speedscope-out");
  const std::string perf = testing::SourcePath("samples/perf-fp.txt");
  REQUIRE(testing::RunCli({"convert", perf, "-o", dir + "/fp.speedscope.json"}).code == 0);
  std::string written = testing::ReadFile(dir + "/fp.speedscope.json");
  nlohmann::json doc = nlohmann::json::parse(written);  // valid JSON
  CHECK(doc["$schema"] == "https://www.speedscope.app/file-format-schema.json");
  CHECK(doc["profiles"][0]["type"] == "sampled");
  CHECK(doc["profiles"][0]["unit"] == "nanoseconds");
  // Read back: the same top table, row for row (perf's cpu-clock is in nanoseconds).
  testing::CliRun original = testing::RunCli({"top", "--format", "csv", perf});
  testing::CliRun again = testing::RunCli({"top", "--format", "csv", dir + "/fp.speedscope.json"});
  REQUIRE(original.code == 0);
  REQUIRE(again.code == 0);
  CHECK(again.out == original.out);
}

TEST_CASE("convert --to callgrind: callgrind and cProfile inputs come back with the same numbers", "[callgrind][convert]") {
  std::string dir = testing::TempDir("callgrind-out");
  for (const char* input : {"samples/callgrind-multi.out.gz", "samples/py-slow.prof"}) {
    SECTION(input) {
      const std::string path = testing::SourcePath(input);
      REQUIRE(testing::RunCli({"convert", path, "--to", "callgrind", "-o", dir + "/callgrind.out.1"}).code == 0);
      Result<LoadedProfile> a = ReadProfileFile(path);
      Result<LoadedProfile> b = ReadProfileFile(dir + "/callgrind.out.1");
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      const CallGraph& ga = *a->profile.graph()->graph;
      const CallGraph& gb = *b->profile.graph()->graph;
      CHECK(ga.totals == gb.totals);
      REQUIRE(ga.nodes.size() == gb.nodes.size());
      REQUIRE(ga.edges.size() == gb.edges.size());
      std::map<std::string, const CallGraphNode*> back;
      for (const CallGraphNode& n : gb.nodes) back[n.info.file + ":" + n.info.name] = &n;
      for (const CallGraphNode& n : ga.nodes) {
        INFO(n.name);
        const CallGraphNode* m = back[n.info.file + ":" + n.info.name];
        REQUIRE(m != nullptr);
        CHECK(m->flat == n.flat);
        // Callgrind counts calls on arcs only: pstats's calls of roots (exec) and its
        // cumtime (which counts recursion once) do not survive; arcs and self costs do.
        if (a->profile.graph()->format == "callgrind") {
          CHECK(m->calls == n.calls);
          CHECK(m->cum == n.cum);
        }
      }
      std::map<std::string, const CallGraphEdge*> back_edges;
      auto key = [](const CallGraph& g, const CallGraphEdge& e) {
        return g.nodes[e.caller].info.file + ":" + g.nodes[e.caller].name + " -> " + g.nodes[e.callee].info.file + ":" +
               g.nodes[e.callee].name;
      };
      for (const CallGraphEdge& e : gb.edges) back_edges[key(gb, e)] = &e;
      for (const CallGraphEdge& e : ga.edges) {
        INFO(key(ga, e));
        const CallGraphEdge* f = back_edges[key(ga, e)];
        REQUIRE(f != nullptr);
        CHECK(f->weight == e.weight);
        CHECK(f->calls == e.calls);
      }
    }
  }
}

TEST_CASE("writers that need stacks refuse graph profiles", "[convert]") {
  std::string dir = testing::TempDir("graph-writers");
  const std::string prof = testing::SourcePath("samples/py-slow.prof");
  for (const char* to : {"pprof", "folded", "speedscope"}) {
    testing::CliRun run = testing::RunCli({"convert", prof, "--to", to, "-o", dir + "/out"});
    CHECK(run.code == 2);
    CHECK_THAT(run.err, Catch::Contains("stacks, and this cProfile profile has none"));
  }
}

TEST_CASE("malformed speedscope and Chrome trace files are errors with the place", "[speedscope][chrome][hostile]") {
  const std::string head = R"({"$schema": "https://www.speedscope.app/file-format-schema.json", )";
  struct Case {
    std::string name, text, expect;
  };
  for (const Case& c : std::vector<Case>{
           {"cut json", head + R"("shared": {"frames": [)", "byte offset"},
           {"no frames", head + R"("profiles": []})", "shared.frames: expected an array of frames"},
           {"bad frame index", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0, 3]], "weights": [1]}]})",
            "profiles[0].samples[0][1]: expected a frame index below 1"},
           {"bad unit", head + R"("shared": {"frames": []}, "profiles": [{"type": "sampled", "unit": "parsecs", "samples": []}]})",
            "profiles[0].unit: expected none, nanoseconds"},
           {"weights count", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0]], "weights": []}]})",
            "profiles[0].weights: expected one weight per sample"},
           {"bad nesting", head + R"("shared": {"frames": [{"name": "a"}, {"name": "b"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "frame": 0, "at": 0}, {"type": "C", "frame": 1, "at": 1}]}]})",
            "profiles[0].events[1]: expected to close the innermost open frame"},
           {"unclosed", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "frame": 0, "at": 0}]}]})",
            "profiles[0].events: expected a \"C\" event for every \"O\" event"},
           {"event not object", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [5]}]})",
            "profiles[0].events[0]: expected an event {\"type\": \"O\" or \"C\", \"frame\", \"at\"}"},
           {"event frame string", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "frame": "a", "at": 1}]}]})",
            "profiles[0].events[0].frame: expected a frame index below 1"},
           {"event at array", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": [{"type": "O", "frame": 0, "at": [1]}]}]})",
            "profiles[0].events[0].at: expected a number"},
           {"sample not array", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0], 3], "weights": [1, 2]}]})",
            "profiles[0].samples[1]: expected an array of frame indexes"},
           {"sample frame object", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "sampled", "unit": "none", "samples": [[0, {"a": 1}]]}]})",
            "profiles[0].samples[0][1]: expected a frame index below 1"},
           {"events not array", head + R"("shared": {"frames": [{"name": "a"}]}, "profiles": [{"type": "evented", "unit": "none", "events": 3}]})",
            "profiles[0].events: expected an array of events"},
           {"trace without ts", R"([{"ph": "X", "name": "a", "dur": 3}])", "traceEvents[0]: expected a number in \"ts\""},
           {"trace negative dur", R"([{"ph": "X", "name": "a", "ts": 1, "dur": -3}])", "traceEvents[0]: expected a \"dur\" of 0 or more"},
           {"trace not events", R"({"traceEvents": 3})", "traceEvents: expected an array of trace events"},
           {"trace event not object", R"([{"ph": "X", "name": "a", "ts": 1, "dur": 1}, 7])", "traceEvents[1]: expected an event object"},
           // Printing a pid back as text recursed as deep as it nests (200,000 levels crashed).
           {"trace pid 65 deep", R"([{"ph": "X", "name": "a", "ts": 1, "dur": 1, "pid": )" + std::string(65, '[') + std::string(65, ']') + "}]",
            "traceEvents[0]: expected a \"pid\" nested at most 64 deep"},
           {"trace tid 200000 deep", R"([{"ph": "B", "name": "a", "ts": 1, "tid": {"a": )" + std::string(200000, '[') + std::string(200000, ']') + "}}]",
            "traceEvents[0]: expected a \"tid\" nested at most 64 deep"},
       }) {
    SECTION(c.name) {
      std::string dir = testing::TempDir("json-bad");
      testing::WriteFile(dir + "/bad.json", c.text);
      testing::CliRun run = testing::RunCli({"top", dir + "/bad.json"});
      CHECK(run.code == 3);
      CHECK_THAT(run.err, Catch::Contains("reading " + dir + "/bad.json: ") && Catch::Contains(c.expect));
    }
  }
}

}  // namespace
}  // namespace proflens
