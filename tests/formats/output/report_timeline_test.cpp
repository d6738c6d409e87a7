// The report's time-order view as JSON: spans relative to the first start,
// names listed once in order of first use, each lane's depth; past
// kMaxTimelineSpans only the longest spans stay and the rest are counted.
// The expected documents are worked out by hand from the spans given.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/output/json_writer.h"
#include "formats/output/report_timeline.h"

namespace proflens {
namespace {

nlohmann::json Written(const TimelineRecording& recording) {
  std::string out;
  JsonWriter w(&out);
  WriteTimelineJson(recording, w);
  return nlohmann::json::parse(out);
}

TEST_CASE("report timeline: spans from the first start, names once each", "[report_timeline]") {
  TimelineRecording r;
  r.unit = "microseconds";
  r.names = {"main", "parse", "unused", "lex"};  // by location id
  TimelineLane main_thread;
  main_thread.name = "Main";
  main_thread.spans = {{1015, 1025, 2, 3}, {1010, 1040, 1, 1}, {1000, 1050, 0, 0}};
  TimelineLane worker;
  worker.name = "pid 1 tid 2";
  worker.spans = {{1100, 1130, 0, 1}};
  r.lanes = {main_thread, worker};
  const nlohmann::json doc = Written(r);
  CHECK(doc == nlohmann::json::parse(R"({
    "end": 130, "left_out": 0, "names": ["lex", "parse", "main"], "start": 1000, "unit": "microseconds",
    "lanes": [{"name": "Main", "depth": 3, "spans": [[15, 10, 2, 0], [10, 30, 1, 1], [0, 50, 0, 2]]},
              {"name": "pid 1 tid 2", "depth": 1, "spans": [[100, 30, 0, 1]]}]})"));
  // Nothing recorded: an empty view.
  TimelineRecording empty;
  empty.unit = "nanoseconds";
  CHECK(Written(empty) == nlohmann::json::parse(R"({"end": 0, "lanes": [], "left_out": 0, "names": [], "start": 0,
                                                    "unit": "nanoseconds"})"));
}

TEST_CASE("report timeline: past the limit the longest spans stay, the rest are counted", "[report_timeline]") {
  TimelineRecording r;
  r.unit = "nanoseconds";
  r.names = {"short", "long"};
  TimelineLane lane;
  lane.name = "Main";
  // Five spans of 1 among kMaxTimelineSpans spans of 2: the five go.
  for (size_t i = 0; i < kMaxTimelineSpans + 5; ++i) {
    const int64_t start = static_cast<int64_t>(i) * 10;
    const bool is_short = i % 20000 == 7;  // i = 7, 20007, ..., 80007
    lane.spans.push_back({start, start + (is_short ? 1 : 2), 0, is_short ? 0u : 1u});
  }
  r.lanes = {lane};
  nlohmann::json doc = Written(r);
  CHECK(doc["left_out"] == 5);
  CHECK(doc["lanes"][0]["spans"].size() == kMaxTimelineSpans);
  CHECK(doc["names"] == nlohmann::json::array({"long"}));
  // All of one length: the first kMaxTimelineSpans in lane order stay.
  for (TimelineSpan& s : r.lanes[0].spans) s.end = s.start + 3;
  doc = Written(r);
  CHECK(doc["left_out"] == 5);
  const nlohmann::json& spans = doc["lanes"][0]["spans"];
  REQUIRE(spans.size() == kMaxTimelineSpans);
  CHECK(spans.back()[0] == static_cast<int64_t>(kMaxTimelineSpans - 1) * 10);
}

}  // namespace
}  // namespace proflens
