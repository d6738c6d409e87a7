// Callgrind input: per-function self and inclusive costs equal
// callgrind_annotate's (goldens by tests/golden/make_callgrind_goldens.sh),
// name compression, positions, calls, and malformed files.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "formats/callgrind/callgrind.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

struct AnnotateTable {
  std::vector<std::string> events;
  std::vector<int64_t> totals;
  std::map<std::string, std::vector<int64_t>> functions;  // "file:function" -> one cost per event
};

// One event column: "1,234", "1,234 (12.34%)" or "." (no cost).
int64_t Column(std::istringstream& in) {
  std::string word;
  in >> word;
  int64_t v = 0;
  for (char c : word) {
    if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
  }
  while (in.peek() == ' ') in.get();
  if (in.peek() == '(') {
    std::string pct;
    in >> pct;
    if (pct == "(") in >> pct;  // "( 0.08%)"
  }
  return v;
}

AnnotateTable ParseAnnotate(const std::string& text) {
  AnnotateTable table;
  std::istringstream in(text);
  std::string line;
  int section = 0;  // 1: totals, 2: functions
  while (std::getline(in, line)) {
    if (line.starts_with("Events shown:")) {
      std::istringstream words(line.substr(13));
      for (std::string w; words >> w;) table.events.push_back(w);
    } else if (line.find("PROGRAM TOTALS") != std::string::npos) {
      std::istringstream cols(line);
      for (size_t e = 0; e < table.events.size(); ++e) table.totals.push_back(Column(cols));
    } else if (line.ends_with("file:function")) {
      section = 2;
      std::getline(in, line);  // dashes
    } else if (section == 2) {
      if (line.empty() || line.starts_with("---")) break;
      std::istringstream cols(line);
      std::vector<int64_t> costs;
      for (size_t e = 0; e < table.events.size(); ++e) costs.push_back(Column(cols));
      std::string name;
      std::getline(cols, name);
      name = name.substr(name.find_first_not_of(' '));
      name = name.substr(0, name.rfind(" ["));  // " [object]"
      table.functions[name] = costs;
    }
  }
  return table;
}

// Every function's self and inclusive costs, the events and the totals equal
// those callgrind_annotate printed for `path` (goldens golden_prefix.self.txt
// and .inclusive.txt). Without a summary line in the file, callgrind_annotate
// calculates its inclusive "PROGRAM TOTALS" by adding inclusive costs, a sum
// that means nothing: those totals are compared only where the file has one.
void CheckEqualsAnnotate(const std::string& path, const std::string& golden_prefix, size_t min_functions,
                         bool inclusive_totals) {
  Result<LoadedProfile> loaded = ReadProfileFile(testing::SourcePath(path));
  INFO(path << ": " << loaded.status().message());
  REQUIRE(loaded.ok());
  REQUIRE(loaded->format == Format::kCallgrind);
  const CallGraph& g = *loaded->profile.graph()->graph;
  std::map<std::string, const CallGraphNode*> ours;
  for (const CallGraphNode& n : g.nodes) ours[n.info.file + ":" + n.info.name] = &n;
  for (bool inclusive : {false, true}) {
    AnnotateTable peer = ParseAnnotate(
        testing::ReadFile(testing::SourcePath(golden_prefix + (inclusive ? ".inclusive.txt" : ".self.txt"))));
    REQUIRE(peer.events.size() == g.sample_types.size());
    for (size_t e = 0; e < peer.events.size(); ++e) CHECK(g.sample_types[e].type == peer.events[e]);
    if (!inclusive || inclusive_totals) CHECK(peer.totals == g.totals);
    REQUIRE(peer.functions.size() >= min_functions);
    for (const auto& [function, costs] : peer.functions) {
      INFO(function << (inclusive ? " inclusive" : " self"));
      REQUIRE(ours.count(function));
      CHECK((inclusive ? ours[function]->cum : ours[function]->flat) == costs);
    }
    // And nothing with a cost that callgrind_annotate does not list.
    for (const auto& [function, node] : ours) {
      bool costs = false;
      for (int64_t v : inclusive ? node->cum : node->flat) costs |= v != 0;
      if (costs) CHECK(peer.functions.count(function));
    }
  }
}

TEST_CASE("callgrind self and inclusive costs equal callgrind_annotate's", "[golden][callgrind]") {
  for (const char* name : {"callgrind-basic", "callgrind-multi", "callgrind-plain"}) {
    SECTION(name) {
      CheckEqualsAnnotate(std::string("samples/") + name + ".out.gz", std::string("tests/golden/callgrind/") + name,
                          200, true);
    }
  }
}

TEST_CASE("callgrind written by yappi equals callgrind_annotate's reading", "[golden][callgrind]") {
  // A real yappi 1.4 capture (Debian's python3-yappi; tests/data/callgrind/
  // yappi-threads.py under /usr/bin/python3): names as "func file:line",
  // no summary line, three threads.
  CheckEqualsAnnotate("tests/data/callgrind/yappi-threads.callgrind", "tests/golden/callgrind/yappi-threads", 20,
                      false);
}

GraphProfile ReadOk(const std::string& text) {
  Result<GraphProfile> p = ReadCallgrind(text);
  INFO(p.status().message());
  REQUIRE(p.ok());
  return std::move(p).value();
}

TEST_CASE("callgrind: compression, relative positions, fi, calls, hand-checked", "[callgrind]") {
  // main (self 5+1) calls work twice (inclusive 40 then 60); work's own cost
  // is 100 (90 in w.c, 10 in an inlined header, a separate entry); helper is
  // called from work's inlined part.
  GraphProfile p = ReadOk(
      "# callgrind format\n"
      "events: Ir Dr\n"
      "positions: line\n"
      "summary: 106 7\n"
      "\n"
      "fl=(1) m.c\n"
      "fn=(1) main\n"
      "10 5 1\n"
      "cfl=(2) w.c\n"
      "cfn=(2) work\n"
      "calls=2 20\n"
      "+2 100 5\n"
      "* 1\n"
      "\n"
      "fl=(2)\n"
      "fn=(2)\n"
      "20 90 4\n"
      "fi=(3) h.h\n"
      "-5 10\n"
      "cfn=(3) helper\n"
      "calls=1 0\n"
      "3 7 2\n");
  const CallGraph& g = *p.graph;
  CHECK(g.totals == std::vector<int64_t>{106, 7});
  const CallGraphNode* main = testing::FindNode(g, "main");
  REQUIRE(main != nullptr);
  CHECK(main->flat == std::vector<int64_t>{6, 1});
  CHECK(main->cum == std::vector<int64_t>{106, 6});  // never called: self + calls
  CHECK(main->calls == 0);
  std::map<std::string, const CallGraphNode*> by_file;
  for (const CallGraphNode& n : g.nodes) by_file[n.info.file + ":" + n.name] = &n;
  REQUIRE(by_file.count("w.c:work"));
  REQUIRE(by_file.count("h.h:work"));
  REQUIRE(by_file.count("h.h:helper"));
  CHECK(by_file["w.c:work"]->flat == std::vector<int64_t>{90, 4});
  CHECK(by_file["w.c:work"]->cum == std::vector<int64_t>{100, 5});  // called: the calls' inclusive cost
  CHECK(by_file["w.c:work"]->calls == 2);
  CHECK(by_file["h.h:work"]->flat == std::vector<int64_t>{10, 0});
  CHECK(by_file["h.h:work"]->cum == std::vector<int64_t>{17, 2});
  CHECK(by_file["h.h:helper"]->cum == std::vector<int64_t>{7, 2});
  const CallGraphEdge* call = testing::FindEdge(g, "main", "work");
  REQUIRE(call != nullptr);
  CHECK(call->calls == 2);
  CHECK(call->weight == std::vector<int64_t>{100, 5});
  CHECK(p.header.str(p.header.sample_types[p.header.DefaultSampleIndex()].type) == "Ir");
}

TEST_CASE("malformed callgrind files are errors with the line", "[callgrind][hostile]") {
  struct Case {
    std::string name, text, expect;
  };
  for (const Case& c : std::vector<Case>{
           {"no events", "# callgrind format\nversion: 1\n", "expected an \"events:\" line"},
           {"cost before fn", "events: Ir\nfl=a.c\n3 4\n", "line 3: expected fn= before the first cost line"},
           {"fn before events", "# callgrind format\nfn=main\n", "line 2: expected an \"events:\" header line before fn="},
           {"calls without cfn", "events: Ir\nfn=main\ncalls=1 3\n", "line 3: expected fn= and cfn= before calls="},
           {"calls without cost", "events: Ir\nfn=main\ncfn=work\ncalls=1 3\nfn=work\n", "line 5: expected the call's cost line"},
       }) {
    SECTION(c.name) {
      Result<GraphProfile> p = ReadCallgrind(c.text);
      REQUIRE_FALSE(p.ok());
      CHECK(p.status().code() == StatusCode::kInput);
      CHECK_THAT(p.status().message(), Catch::Contains(c.expect));
    }
  }
  // A malformed line (a bad count, an unknown key, a line of no kind, too
  // many counts) is skipped as callgrind_annotate skips it, with a note;
  // --strict refuses the file (tests/formats/callgrind/callgrind_lenient_test.cpp).
  std::string dir = testing::TempDir("callgrind-bad");
  testing::WriteFile(dir + "/bad.out", "# callgrind format\nevents: Ir\nfn=main\n3 x\n3 4 5\nbogus=1\nhello\n3 7\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/bad.out"});
  CHECK(run.code == 0);
  CHECK_THAT(run.err, Catch::Contains("reading " + dir + "/bad.out: skipped 4 malformed lines (callgrind_annotate ignores them too) (first: line 4: \"3 x\")"));
  testing::CliRun strict = testing::RunCli({"--strict", "top", dir + "/bad.out"});
  CHECK(strict.code == 3);
  CHECK_THAT(strict.err, Catch::Contains("reading " + dir + "/bad.out: line 4: skipped 4 malformed lines"));
}

}  // namespace
}  // namespace proflens

namespace proflens {
namespace {

TEST_CASE("callgrind: compressed names used before they are defined", "[callgrind]") {
  // ob=(8) and cfn=(2) are used first and defined further down, as some
  // producers write them; callgrind_annotate and gprof2dot accept this.
  GraphProfile p = ReadOk(
      "events: Ir\n"
      "ob=(8)\nfl=(1) a.c\nfn=(1) main\n1 10\n"
      "cob=(8)\ncfi=(1)\ncfn=(2)\ncalls=1 5\n5 100\n"
      "ob=(8) libwork.so\nfn=(2) work\n5 100\n");
  const CallGraph& g = *p.graph;
  const CallGraphNode* work = testing::FindNode(g, "work");
  REQUIRE(work != nullptr);
  CHECK(work->info.objfile == "libwork.so");
  CHECK(work->flat == std::vector<int64_t>{100});
  CHECK(work->calls == 1);
  const CallGraphNode* main = testing::FindNode(g, "main");
  REQUIRE(main != nullptr);
  CHECK(main->cum == std::vector<int64_t>{110});
  // An id defined nowhere is named by itself, with a note.
  std::vector<std::string> notes;
  Result<GraphProfile> missing = ReadCallgrind("events: Ir\nfn=(3)\n1 1\n", &notes);
  REQUIRE(missing.ok());
  CHECK(testing::FindNode(*missing->graph, "(3)") != nullptr);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "1 id is never given a name (first: fn=(3)): named by the id, as \"(3)\"");
}

TEST_CASE("callgrind: events that name their unit are read in it (Xdebug's Time_(10ns))", "[callgrind][units]") {
  // Xdebug 3 writes time in units of 10 ns and memory in bytes; speedscope
  // reads them so. main: self 15 (150 ns) and 1000 B; it calls f (20 = 200 ns).
  GraphProfile p = ReadOk(
      "version: 1\n"
      "creator: xdebug 3.2.0 (PHP 8.2.7)\n"
      "positions: line\n"
      "events: Time_(10ns) Memory_(bytes)\n"
      "\n"
      "fl=(1) a.php\n"
      "fn=(1) f\n"
      "3 20 64\n"
      "\n"
      "fl=(1)\n"
      "fn=(2) {main}\n"
      "1 15 1000\n"
      "cfl=(1)\n"
      "cfn=(1)\n"
      "calls=1 0 0\n"
      "2 20 64\n"
      "\n"
      "summary: 35 1064\n");
  REQUIRE(p.header.sample_types.size() == 2);
  CHECK(p.header.str(p.header.sample_types[0].type) == "Time");
  CHECK(p.header.str(p.header.sample_types[0].unit) == "nanoseconds");
  CHECK(p.header.str(p.header.sample_types[1].type) == "Memory");
  CHECK(p.header.str(p.header.sample_types[1].unit) == "bytes");
  const CallGraph& g = *p.graph;
  CHECK(g.totals == std::vector<int64_t>{350, 1064});
  const CallGraphNode* main = testing::FindNode(g, "{main}");
  REQUIRE(main != nullptr);
  CHECK(main->flat == std::vector<int64_t>{150, 1000});
  CHECK(main->cum == std::vector<int64_t>{350, 1064});
  const CallGraphEdge* call = testing::FindEdge(g, "{main}", "f");
  REQUIRE(call != nullptr);
  CHECK(call->weight == std::vector<int64_t>{200, 64});
  // Events without a unit, or with one that is not a time or a size, stay counts.
  GraphProfile plain = ReadOk("events: Ir Time Cost_(widgets)\nfn=f\n1 5 6 7\n");
  CHECK(plain.header.str(plain.header.sample_types[1].type) == "Time");
  CHECK(plain.header.str(plain.header.sample_types[1].unit) == "count");
  CHECK(plain.header.str(plain.header.sample_types[2].type) == "Cost_(widgets)");
  CHECK(plain.graph->totals == std::vector<int64_t>{5, 6, 7});
}

}  // namespace
}  // namespace proflens
