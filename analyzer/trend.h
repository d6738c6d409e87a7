// Growth over a series of profiles (heap snapshots taken every few minutes,
// CPU profiles of each hour): each profile's value (its total, or the cum of
// what --focus keeps) at its own time, and the growth per hour as the slope
// of the least-squares line through them. `proflens trend` prints it, the
// check rules' growth metric reads it, the report draws it.
#ifndef PROFLENS_ANALYZER_TREND_H_
#define PROFLENS_ANALYZER_TREND_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/status.h"

namespace proflens {

// One profile of a series, as check rules read it (app/ loads it, filtered).
struct SeriesProfile {
  std::string name;          // the input as given
  int64_t time_nanos = 0;    // when it was taken (Unix time, ns)
  const AnyProfile* profile = nullptr;
};

// One profile's value at its time.
struct TrendPoint {
  std::string name;             // the input as given
  int64_t time_nanos = 0;       // the profile's time, or the file's modification time
  bool time_from_file = false;  // the format records no time: the file's modification time
  int64_t value = 0;            // in the sample type's unit
};

// The least-squares line v = slope * (t - t0) + at_first through points
// (t in ns since the Unix epoch), t0 the earliest time.
struct LinearFit {
  double slope_per_ns = 0;  // value units per nanosecond
  double at_first = 0;      // the line's value at the earliest time
};

// Fits the line: slope = sum((t - mean t)(v - mean v)) / sum((t - mean t)^2).
// An input error with fewer than two points, or when every time is the same
// (no time passed, so there is no rate).
Result<LinearFit> FitLine(const std::vector<std::pair<int64_t, double>>& points);

struct TrendReport {
  std::string sample_type, unit;  // what the values measure ("inuse_space", "bytes")
  std::vector<TrendPoint> points; // by time, then name
  LinearFit fit;
  double growth_per_hour = 0;     // fit.slope_per_ns * 3600e9, in `unit`s
};

// The growth per hour with its units, as the check rules write rates:
// "+12.50MB/h", "-3ms/h", "+120/h".
std::string FormatGrowth(const TrendReport& report);

// Sorts the points by time and fits the line through them; the errors of FitLine.
Result<TrendReport> ComputeTrend(std::vector<TrendPoint> points, std::string sample_type, std::string unit);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TREND_H_
