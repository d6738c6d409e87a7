// ComputeTraces on profiles built in the test: pprof's rules for which
// samples are listed, how frames are named and marked inline, and the order
// of labels.
#include <catch2/catch.hpp>

#include "analyzer/profile_builder.h"
#include "analyzer/traces.h"
#include "analyzer/text.h"

namespace proflens {
namespace {

// Two sample types (count, bytes); `lines` innermost first for one location.
struct Builder {
  ProfileBuilder b;
  Builder() {
    b.AddSampleType("objects", "count");
    b.AddSampleType("space", "bytes");
  }
  LocationId Loc(std::vector<std::string> names) {
    std::vector<Line> lines;
    for (const std::string& n : names) {
      const StringId s = b.InternString(n);
      lines.push_back({b.InternFunction({.name = s, .system_name = s}), 0});
    }
    return b.InternLocation(kNoId, 0, lines);
  }
  void Add(std::vector<LocationId> stack, std::vector<int64_t> values, std::vector<Label> labels = {}) {
    b.AddSample(b.InternStack(stack), b.InternLabels(labels), values);
  }
};

TEST_CASE("traces list every sample pprof lists, in order", "[traces]") {
  Builder t;
  const LocationId main = t.Loc({"main"}), work = t.Loc({"inner", "work"});
  t.Add({work, main}, {1, 0});  // zero for the shown type only: listed with 0
  t.Add({main}, {0, 0});        // zero for every type: pprof's merge drops it
  t.Add({}, {5, 5});            // no frames: left out
  t.Add({main}, {2, 4096});
  const Profile p = std::move(t.b).Build();
  TracesOptions options;
  options.sample_index = 1;
  const TracesReport report = ComputeTraces(p, options);
  REQUIRE(report.traces.size() == 2);
  CHECK(report.traces[0].value == 0);
  REQUIRE(report.traces[0].frames.size() == 3);
  CHECK(report.traces[0].frames[0].name == "inner");
  CHECK(report.traces[0].frames[0].inlined);
  CHECK(report.traces[0].frames[1].name == "work");
  CHECK_FALSE(report.traces[0].frames[1].inlined);
  CHECK(report.traces[0].frames[2].name == "main");
  CHECK(report.traces[1].value == 4096);
  CHECK(report.FormatValue(4096) == "4kB");
  CHECK(report.labels == std::vector<std::string>{"Type: space"});
}

TEST_CASE("traces sort labels as pprof sorts its padded lines", "[traces]") {
  Builder t;
  const LocationId main = t.Loc({"main"});
  ProfileBuilder& b = t.b;
  std::vector<Label> labels = {
      {.key = b.InternString("alignment"), .num = 8},
      {.key = b.InternString("bytes"), .num = 4096},
      {.key = b.InternString("pid"), .num = 7},
      {.key = b.InternString("tenant"), .str = b.InternString("acme")},
      {.key = b.InternString("role"), .str = b.InternString("consumer")},
  };
  t.Add({main}, {1, 1}, labels);
  const Profile p = std::move(t.b).Build();
  const TracesReport report = ComputeTraces(p, {});
  REQUIRE(report.traces.size() == 1);
  std::vector<std::string> printed;
  for (const TraceLabel& l : report.traces[0].labels) printed.push_back(PadLeft(l.key, 10) + ":  " + l.values);
  // Strings first, then numbers; within each, "      role" < "    tenant" (more padding first).
  CHECK(printed == std::vector<std::string>{"      role:  consumer", "    tenant:  acme", "       pid:  7",
                                            "     bytes:  4kB", " alignment:  8B"});
}

TEST_CASE("PadLeft counts characters, as Go's %10s does", "[traces]") {
  CHECK(PadLeft("abc", 5) == "  abc");
  CHECK(PadLeft("\xc3\xa9t\xc3\xa9", 5) == "  \xc3\xa9t\xc3\xa9");
  CHECK(PadLeft("longer than ten", 10) == "longer than ten");
}

}  // namespace
}  // namespace proflens
