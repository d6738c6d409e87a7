// `proflens trend` as text and JSON: each profile's time, time since the
// first, value and name, then the growth per hour.
#ifndef PROFLENS_FORMATS_OUTPUT_TREND_OUTPUT_H_
#define PROFLENS_FORMATS_OUTPUT_TREND_OUTPUT_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "analyzer/trend.h"

namespace proflens {

// "2026-12-07 08:32:18.636" (UTC, milliseconds).
std::string FormatUtcTime(int64_t time_nanos);

//   time (UTC)               elapsed  inuse_space  file
//   2026-12-07 08:32:18.636       0s       2.10MB  heap-1.pb.gz
//   ...
//   growth: +3.68GB/h (least squares over 5 profiles, 8.20s)
// A time taken from the file's modification time is marked "*", with a note.
void WriteTrendText(const TrendReport& report, std::ostream& out);

// {"sample_type", "unit", "points": [{"file", "time", "time_nanos",
// "time_from_file", "value"}], "growth_per_hour" (in unit), "growth"}.
void WriteTrendJson(const TrendReport& report, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_TREND_OUTPUT_H_
