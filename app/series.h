// LoadSeries: profiles read one by one (not merged), each with its time and
// the view's filters applied, for what follows a value over time: `trend`,
// the check rules' growth metric and the report's trend chart.
#ifndef PROFLENS_APP_SERIES_H_
#define PROFLENS_APP_SERIES_H_

#include <deque>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/status.h"
#include "analyzer/trend.h"
#include "app/args.h"
#include "app/command_context.h"

namespace proflens {

struct LoadedSeries {
  std::deque<AnyProfile> profiles;     // in the order given (a deque: `points` point into it)
  std::vector<SeriesProfile> points;   // the same, with names and times
  std::vector<bool> time_from_file;    // per profile: its time is the file's modification time
  std::vector<std::string> unmatched;  // filters that matched nothing in every profile ("focus", ...)
  bool all_timed = true;               // every profile records its own time
};

struct SeriesOptions {
  // A format that records no time takes the file's modification time (with
  // a note on stderr); without this its time is left 0 (and all_timed false).
  bool file_times = true;
};

// Reads each of the view's files, applies its --symbols and filters, and
// takes the profile's own time (pprof's time_nanos).
Result<LoadedSeries> LoadSeries(const ViewArgs& view, const SeriesOptions& options, CommandContext& context);

// The value `trend` follows: each profile's total of `sample_index` (after
// the filters, so with --focus the cum of what it keeps), sorted by time.
Result<TrendReport> ComputeSeriesTrend(const LoadedSeries& series, const std::string& sample_index);

}  // namespace proflens

#endif  // PROFLENS_APP_SERIES_H_
