// Timeline: frames opening and closing become weighted stacks (each stack
// weighs the time it was the innermost state) and time-order spans. The
// events and their expected stacks are worked out by hand below.
#include <catch2/catch.hpp>

#include <map>

#include "analyzer/profile_builder.h"
#include "analyzer/timeline.h"

namespace proflens {
namespace {

// Stacks root first, ';' between frames, with their values summed.
std::map<std::string, int64_t> Stacks(const Profile& p) {
  std::map<std::string, int64_t> out;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    std::string text;
    for (LocationId l : p.StackOf(p.samples[s].stack)) {
      const std::string name(p.str(p.functions[p.LinesOf(p.locations[l])[0].function].name));
      text = text.empty() ? name : name + ";" + text;
    }
    out[text] += p.ValuesOf(s)[0];
  }
  return out;
}

struct Span {
  int64_t start, end;
  uint32_t depth;
  std::string name;
  bool operator==(const Span&) const = default;
};

TEST_CASE("timeline: each stack weighs the time it was innermost", "[timeline]") {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  const LocationId main = InternFrame(b, "main", "app.js", 1);
  const LocationId parse = InternFrame(b, "parse", "app.js", 5);
  const LocationId lex = InternFrame(b, "lex", "lex.js", 2);
  const LocationId idle = InternFrame(b, "idle", "", 0);
  CHECK(InternFrame(b, "parse", "app.js", 5) == parse);  // equal frames are one location
  TimelineLane lane;
  lane.name = "Main";
  {
    Timeline t(b, 0, 0, &lane);
    t.Open(main, 0);
    t.Open(parse, 10);   // main: 10
    t.Open(lex, 15);     // parse: 5
    CHECK(t.depth() == 3);
    CHECK(t.Close(lex, 25));    // lex: 10
    CHECK(t.Close(parse, 40));  // parse: 5 + 15 = 20
    CHECK(t.Close(main, 50));   // main: 10 + 10 = 20
    t.Open(idle, 70);           // 50..70: nothing open, counted nowhere
    CHECK(t.Close(idle, 75));   // idle: 5
    CHECK(t.depth() == 0);
    CHECK_FALSE(t.Close(main, 80));  // not open
  }
  Profile p = std::move(b).Build();
  CHECK(Stacks(p) == std::map<std::string, int64_t>{{"main", 20}, {"main;parse", 20}, {"main;parse;lex", 10}, {"idle", 5}});
  CHECK(p.Totals()[0] == 55);

  TimelineRecording recording;
  recording.lanes.push_back(lane);
  recording.ResolveNames(p);
  std::vector<Span> spans;
  for (const TimelineSpan& s : lane.spans) spans.push_back({s.start, s.end, s.depth, recording.names[s.frame]});
  // In the order the frames closed.
  CHECK(spans == std::vector<Span>{{15, 25, 2, "lex"}, {10, 40, 1, "parse"}, {0, 50, 0, "main"}, {70, 75, 0, "idle"}});
}

TEST_CASE("timeline: a close that is not the innermost frame changes nothing", "[timeline]") {
  ProfileBuilder b;
  b.AddSampleType("wall", "microseconds");
  const LocationId a = InternFrame(b, "a", "", 0);
  const LocationId c = InternFrame(b, "c", "", 0);
  {
    Timeline t(b, 0, 0);
    t.Open(a, 0);
    t.Open(c, 1);                 // a: 1
    CHECK_FALSE(t.Close(a, 2));   // c is innermost: refused, the clock stays at 1
    CHECK(t.depth() == 2);
    CHECK(t.Close(c, 3));         // c: 3 - 1 = 2
    CHECK(t.Close(a, 4));         // a: 1 + 1
  }
  CHECK(Stacks(std::move(b).Build()) == std::map<std::string, int64_t>{{"a", 2}, {"a;c", 2}});
}

TEST_CASE("timeline: time never runs back, and what is open closes at the last event", "[timeline]") {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  b.AddSampleType("samples", "count");
  const LocationId a = InternFrame(b, "a", "", 0);
  const LocationId c = InternFrame(b, "c", "", 0);
  TimelineLane lane;
  {
    Timeline t(b, 0, 0, &lane);
    t.Open(a, 100);
    t.Open(c, 90);    // before the last event: counts as 100
    t.Open(c, 130);   // c: 30 (c within c)
    CHECK(t.Close(c, 120));  // as 130: the inner c weighs nothing
    // The outer c and a are still open: the destructor closes them at 130.
  }
  Profile p = std::move(b).Build();
  CHECK(Stacks(p) == std::map<std::string, int64_t>{{"a;c", 30}});
  CHECK(p.ValuesOf(0)[1] == 0);  // sample type 0 only
  REQUIRE(lane.spans.size() == 3);
  CHECK((lane.spans[0].start == 130 && lane.spans[0].end == 130 && lane.spans[0].depth == 2));
  CHECK((lane.spans[1].start == 100 && lane.spans[1].end == 130 && lane.spans[1].depth == 1));
  CHECK((lane.spans[2].start == 100 && lane.spans[2].end == 130 && lane.spans[2].depth == 0));
}

TEST_CASE("timeline: calls reopened under one deep frame share its stack, each stored once", "[timeline]") {
  // 1,000 nested frames, then 3,000 short calls to three functions in turn
  // under the innermost one: each call's stack is the one its function had
  // the call before (the time is linear, tests/hostile/deep_nesting.sh runs
  // it 100,000 deep); the stacks come out as a copy per call gives them, and
  // four of them ~1,000 deep are stored.
  constexpr int kDepth = 1000, kCalls = 3000;
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  std::vector<LocationId> chain, calls;
  for (int i = 0; i < kDepth; ++i) chain.push_back(InternFrame(b, "f" + std::to_string(i), "", 0));
  for (int k = 0; k < 3; ++k) calls.push_back(InternFrame(b, "s" + std::to_string(k), "", 0));
  {
    Timeline t(b, 0, 0);
    int64_t now = 0;
    for (LocationId f : chain) t.Open(f, now++);
    for (int c = 0; c < kCalls; ++c) {
      t.Open(calls[c % 3], now);
      now += 1 + c % 3;  // s0 1 ns, s1 2, s2 3 per call
      CHECK(t.Close(calls[c % 3], now));
      ++now;  // the innermost chain frame, 1 ns between calls
    }
    for (int i = kDepth; i-- > 0;) CHECK(t.Close(chain[i], now));
  }
  Profile p = std::move(b).Build();
  CHECK(p.stack_locations.size() <= 4 * (kDepth + 1));
  std::string path;
  for (int i = 0; i < kDepth; ++i) path += (i ? ";f" : "f") + std::to_string(i);
  const std::map<std::string, int64_t> stacks = Stacks(p);
  CHECK(stacks.size() == kDepth + 3);
  CHECK(stacks.at(path) == kCalls + 1);  // 1 ns before the first call
  CHECK(stacks.at(path + ";s0") == kCalls / 3 * 1);
  CHECK(stacks.at(path + ";s1") == kCalls / 3 * 2);
  CHECK(stacks.at(path + ";s2") == kCalls / 3 * 3);
  CHECK(stacks.at("f0") == 1);
}

TEST_CASE("timeline: a frame reopened under another opening of its caller gets that one's stack", "[timeline]") {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  const LocationId r = InternFrame(b, "r", "", 0);
  const LocationId q = InternFrame(b, "q", "", 0);
  const LocationId a = InternFrame(b, "a", "", 0);
  const LocationId x = InternFrame(b, "x", "", 0);
  {
    Timeline t(b, 0, 0);
    t.Open(r, 0);
    t.Open(a, 0);
    t.Open(x, 0);
    CHECK(t.Close(x, 1));  // r;a;x 1
    t.Open(x, 1);
    CHECK(t.Close(x, 3));  // r;a;x 2 more, its stack known from the first x
    CHECK(t.Close(a, 3));
    t.Open(q, 3);
    t.Open(a, 3);
    t.Open(x, 3);
    CHECK(t.Close(x, 7));  // r;q;a;x 4: a new opening of a, not the first one's stack
    CHECK(t.Close(a, 7));
    CHECK(t.Close(q, 7));
    t.Open(a, 7);
    t.Open(x, 7);
    CHECK(t.Close(x, 15));  // r;a;x 8: the same stack as the first, found again
    CHECK(t.Close(a, 15));
    CHECK(t.Close(r, 15));
  }
  CHECK(Stacks(std::move(b).Build()) == std::map<std::string, int64_t>{{"r;a;x", 11}, {"r;q;a;x", 4}});
}

}  // namespace
}  // namespace proflens
