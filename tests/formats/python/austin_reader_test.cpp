// Austin: an Austin 3 capture from austin-python's test data against
// austin2speedscope's conversion of it (the writing tool's own converter),
// real Austin 1.0.1 captures (samples/austin1*.txt.gz) against sums worked
// out from the files, hand-made lines of each version and mode, and
// malformed files.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "analyzer/any_profile.h"
#include "analyzer/call_graph.h"
#include "formats/io/gzip.h"
#include "formats/python/austin_reader.h"
#include "formats/json/speedscope.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

CallGraph Graph(const Profile& p) { return AnyProfile(Profile(p)).BuildGraph({}); }

Profile Read(const std::string& text, std::vector<std::string>* notes = nullptr) {
  Result<Profile> p = ReadAustin(text, notes);
  INFO(p.status().message());
  REQUIRE(p.ok());
  return std::move(p).value();
}

Profile ReadSample(const std::string& name) {
  Result<std::string> text = Gunzip(testing::ReadFile(testing::SourcePath("samples/" + name)));
  REQUIRE(text.ok());
  return Read(*text);
}

std::string Error(const std::string& text) {
  Result<Profile> p = ReadAustin(text);
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == StatusCode::kInput);
  return p.status().message();
}

// The node of the function whose name starts with `prefix` ("leaf (").
const CallGraphNode* Function(const CallGraph& g, const std::string& prefix) {
  for (const CallGraphNode& n : g.nodes) {
    if (n.name.starts_with(prefix)) return &n;
  }
  FAIL("no function " << prefix);
  return nullptr;
}

std::vector<std::string> TypesOf(const Profile& p) {
  std::vector<std::string> types;
  for (const ValueType& t : p.sample_types) types.push_back(std::string(p.str(t.type)) + "/" + std::string(p.str(t.unit)));
  return types;
}

TEST_CASE("Austin 3: austin-python's capture equals austin2speedscope's conversion of it", "[austin]") {
  // test/data/austin.out and test/data/austin.json of austin-python: every
  // function's flat and cum equal, microseconds here, nanoseconds there. The
  // one sample with no frames ("P82848;T82848 21") is left out by both.
  std::vector<std::string> notes;
  Profile austin = Read(testing::ReadFile(testing::SourcePath("tests/data/python/austin-python-austin.out")), &notes);
  CHECK(TypesOf(austin) == std::vector<std::string>{"wall/microseconds"});
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "1 sample has no frames and is left out, as austin2speedscope leaves them out");
  Result<Profile> converted = ReadSpeedscope(testing::ReadFile(testing::SourcePath("tests/data/python/austin-python-austin.json")));
  REQUIRE(converted.ok());
  CallGraph mine = Graph(austin), theirs = Graph(*converted);
  REQUIRE(mine.nodes.size() == theirs.nodes.size());
  CHECK(mine.totals[0] * 1000 == theirs.totals[0]);
  for (const CallGraphNode& n : theirs.nodes) {
    INFO(n.info.name);
    const CallGraphNode* m = Function(mine, n.info.name + " (/");  // "run (/usr/lib/python3.8/threading.py)"
    REQUIRE(m != nullptr);
    CHECK(m->flat[0] * 1000 == n.flat[0]);
    CHECK(m->cum[0] * 1000 == n.cum[0]);
  }
  // Threads are labels, not frames: one function tree for both threads.
  CHECK(testing::FindNode(mine, "T82858") == nullptr);
  CHECK(austin.comments.size() == 4);  // austin, interval, mode, duration
}

TEST_CASE("Austin 1.0.1: real captures in the default, -a and -f forms", "[austin]") {
  // Worked out from the files with Python (frames without "L<n>" markers,
  // lines without frames left out): total, leaf's flat, parse's cum, and
  // in -f alloc's allocations (KiB made bytes).
  CallGraph plain = Graph(ReadSample("austin1.txt.gz"));
  CHECK(plain.totals[0] == 1238673);
  CHECK(Function(plain, "leaf (")->flat[0] == 487436);
  CHECK(Function(plain, "parse (")->cum[0] == 948527);
  CHECK(testing::FindNode(plain, "L30") == nullptr);  // markers are lines, not frames

  CallGraph alt = Graph(ReadSample("austin1-a.txt.gz"));
  CHECK(alt.totals[0] == 1030134);
  CHECK(Function(alt, "leaf (")->flat[0] == 366891);
  CHECK(Function(alt, "parse (")->cum[0] == 814038);

  Profile full = ReadSample("austin1-f.txt.gz");
  CHECK(TypesOf(full) == std::vector<std::string>{"wall/microseconds", "alloc/bytes", "dealloc/bytes"});
  CallGraph g = Graph(full);
  CHECK(g.totals[0] == 1029015);
  CHECK(g.totals[1] == 5804032);
  CHECK(g.totals[2] == 0);
  CHECK(Function(g, "leaf (")->flat[0] == 489686);
  CHECK(Function(g, "parse (")->cum[0] == 859895);
  CHECK(Function(g, "alloc (")->cum[1] == 364544);
}

TEST_CASE("Austin 1: line markers, the -a form, processes, threads, bad samples", "[austin]") {
  // main (app.py) at lines 5 and 6, f (lib.py) at 9; two threads of process 7.
  const std::string text =
      "Process 7;Thread 7f3c;main (app.py);L5;f (lib.py);L9 100\n"
      "Process 7;Thread 7f3d;main (app.py:6) 40\n"
      "Thread 7f3c;Bad sample 12\n"
      "Process 7;Thread 7f3c;main (app.py);L6;<idle> 0\n";
  std::vector<std::string> notes;
  Profile p = Read(text, &notes);
  CallGraph g = Graph(p);
  CHECK(g.totals[0] == 140);
  CHECK(testing::FindNode(g, "main (app.py)")->cum[0] == 140);
  CHECK(testing::FindNode(g, "main (app.py)")->flat[0] == 40);
  CHECK(testing::FindNode(g, "f (lib.py)")->flat[0] == 100);
  CHECK(testing::FindNode(g, "<idle>") != nullptr);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "1 \"Bad sample\" line (an invalid sample Austin wrote) is left out");
  std::map<std::string, int64_t> by_thread;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) {
      if (p.str(l.key) == kThreadFrameLabel) by_thread[std::string(p.str(l.str))] += p.ValuesOf(s)[0];
      if (p.str(l.key) == kProcessFrameLabel) CHECK(p.str(l.str) == "Process 7");
    }
  }
  CHECK(by_thread == std::map<std::string, int64_t>{{"Thread 7f3c", 100}, {"Thread 7f3d", 40}});
  // The lines are kept on the locations.
  bool line9 = false;
  for (const Line& l : p.lines) line9 |= l.line == 9;
  CHECK(line9);
}

TEST_CASE("Austin 2 and 3: full and memory modes", "[austin]") {
  // Austin 3 full: time,idle,memory. cpu counts the samples not idle;
  // alloc the positive deltas, dealloc the negated negative ones.
  const std::string full3 =
      "# austin: 3.7.0\n# interval: 100\n# mode: full\n"
      "P1;T0:11;app.py:main:3;app.py:work:7 100,0,2048\n"
      "P1;T0:11;app.py:main:3;app.py:wait:9 300,1,-1024\n"
      "P1;T0:11;app.py:main:4;:GC: 50,0,0\n";
  Profile p = Read(full3);
  CHECK(TypesOf(p) == std::vector<std::string>{"wall/microseconds", "cpu/microseconds", "alloc/bytes", "dealloc/bytes"});
  CallGraph g = Graph(p);
  CHECK(g.totals == std::vector<int64_t>{450, 150, 2048, 1024});
  CHECK(testing::FindNode(g, "wait (app.py)")->flat == std::vector<int64_t>{300, 0, 0, 1024});
  CHECK(testing::FindNode(g, "GC")->flat[0] == 50);

  const std::string memory3 = "# austin: 3.4.1\n# mode: memory\nP1;T0:11;app.py:main:3 4096\nP1;T0:11;app.py:main:3 -512\n";
  CHECK(Graph(Read(memory3)).totals == std::vector<int64_t>{4096, 512});

  // Austin 2: no header; three values make full mode (time, +memory, -memory) in bytes.
  const std::string full2 = "P42;T7f01;main (app.py);L3 100 2048 0\nP42;T7f01;main (app.py);L4 50 0 -1024\n";
  Profile p2 = Read(full2);
  CHECK(TypesOf(p2) == std::vector<std::string>{"wall/microseconds", "alloc/bytes", "dealloc/bytes"});
  CHECK(Graph(p2).totals == std::vector<int64_t>{150, 2048, 1024});
  // Austin 1's memory is in KiB.
  CHECK(Graph(Read("Thread 7f01;main (app.py);L3 100 2 -1\n")).totals == std::vector<int64_t>{100, 2048, 1024});
}

TEST_CASE("Austin: malformed files are refused with the line and what was expected", "[austin]") {
  CHECK(Error("# mode: wall\nP1;T0:1;a.py:f:1 10\nmain;f 3\n").find("line 3: expected an Austin sample") != std::string::npos);
  CHECK(Error("P1;T0:1;a.py:f:1 ten\n").find("line 1: expected the sample's value at the end") != std::string::npos);
  CHECK(Error("P1;T0:1;a.py:f:1 10\nP1;T0:1;a.py:f:1 10 20 30\n") == "line 2: expected 1 value, as the first sample has");
  CHECK(Error("# mode: full\nP1;T0:1;a.py:f:1 10\n").find("expected three values (full mode)") != std::string::npos);
  CHECK(Error("# austin: 3.7.0\n# mode: wall\n").find("no Austin samples") != std::string::npos);
  CHECK(Error("P1;T0:1;a.py:f:1 99999999999999999999\n").find("line 1") != std::string::npos);
  CHECK(IsAustinSampleLine("P1;T0:1;a.py:f:1 10"));
  CHECK(IsAustinSampleLine("Thread 7f3c;main (app.py);L5 100"));
  CHECK(IsAustinSampleLine("Process 7;Thread 7f3c 100"));
  CHECK_FALSE(IsAustinSampleLine("Thread main;x 1"));
  CHECK_FALSE(IsAustinSampleLine("Pmain;T1 3"));
  CHECK_FALSE(IsAustinSampleLine("main;f 3"));
}

}  // namespace
}  // namespace proflens
