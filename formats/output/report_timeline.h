// The report's time-order view: a timeline input's spans per thread as JSON,
// at most kMaxTimelineSpans of them (the longest, which are what a screen's
// width can show; the rest are counted).
#ifndef PROFLENS_FORMATS_OUTPUT_REPORT_TIMELINE_H_
#define PROFLENS_FORMATS_OUTPUT_REPORT_TIMELINE_H_

#include <cstddef>

#include "formats/output/json_writer.h"
#include "analyzer/timeline.h"

namespace proflens {

inline constexpr size_t kMaxTimelineSpans = 100000;

// {"unit", "start", "end", "names": [...], "left_out": N,
//  "lanes": [{"name", "depth", "spans": [[start - first start, duration, depth, name index], ...]}]}
void WriteTimelineJson(const TimelineRecording& timeline, JsonWriter& w);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_REPORT_TIMELINE_H_
