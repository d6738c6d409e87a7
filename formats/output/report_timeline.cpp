#include "formats/output/report_timeline.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analyzer/shown_text.h"

namespace proflens {

void WriteTimelineJson(const TimelineRecording& timeline, JsonWriter& w) {
  // The shortest spans go first when there are too many.
  size_t count = 0;
  int64_t first = INT64_MAX, last = INT64_MIN;
  for (const TimelineLane& lane : timeline.lanes) {
    count += lane.spans.size();
    for (const TimelineSpan& s : lane.spans) {
      first = std::min(first, s.start);
      last = std::max(last, s.end);
    }
  }
  int64_t shortest = INT64_MIN;  // spans shorter than this are left out
  size_t at_shortest = SIZE_MAX;  // how many of exactly that length may stay
  if (count > kMaxTimelineSpans) {
    std::vector<int64_t> lengths;
    lengths.reserve(count);
    for (const TimelineLane& lane : timeline.lanes) {
      for (const TimelineSpan& s : lane.spans) lengths.push_back(s.end - s.start);
    }
    std::nth_element(lengths.begin(), lengths.begin() + kMaxTimelineSpans - 1, lengths.end(), std::greater<>());
    shortest = lengths[kMaxTimelineSpans - 1];
    const size_t longer = static_cast<size_t>(std::count_if(lengths.begin(), lengths.end(), [&](int64_t l) { return l > shortest; }));
    at_shortest = kMaxTimelineSpans - longer;
  }
  std::vector<int64_t> name_index(timeline.names.size(), -1);
  std::vector<std::string_view> names;
  size_t written = 0;
  w.BeginObject();
  w.Member("end", first == INT64_MAX ? 0 : last - first);
  w.Key("lanes");
  w.BeginArray();
  for (const TimelineLane& lane : timeline.lanes) {
    w.BeginObject();
    uint32_t depth = 0;
    for (const TimelineSpan& s : lane.spans) depth = std::max(depth, s.depth + 1);
    w.Member("depth", depth);
    w.Member("name", FullShownText(lane.name));
    w.Key("spans");
    w.BeginArray();
    for (const TimelineSpan& s : lane.spans) {
      const int64_t length = s.end - s.start;
      const bool keep = length > shortest || (length == shortest && at_shortest > 0);
      if (!keep) continue;
      if (length == shortest) --at_shortest;
      int64_t& name = name_index[s.frame];
      if (name < 0) {
        name = static_cast<int64_t>(names.size());
        names.push_back(timeline.names[s.frame]);
      }
      w.BeginArray();
      w.Int(s.start - first);
      w.Int(length);
      w.Int(s.depth);
      w.Int(name);
      w.EndArray();
      ++written;
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Member("left_out", static_cast<int64_t>(count - written));
  w.Key("names");
  w.BeginArray();
  for (std::string_view n : names) w.String(FullShownText(n));
  w.EndArray();
  w.Member("start", first == INT64_MAX ? 0 : first);
  w.Member("unit", timeline.unit);
  w.EndObject();
}

}  // namespace proflens
