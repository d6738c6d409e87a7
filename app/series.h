// LoadSeries: profiles read one by one (not merged), each with its time and
// the view's filters applied, for what follows a value over time: `trend`,
// the check rules' growth metric and the report's trend chart. Only one
// profile is held at a time unless the growth rules need them all.
#ifndef PROFLENS_APP_SERIES_H_
#define PROFLENS_APP_SERIES_H_

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/status.h"
#include "analyzer/trend.h"
#include "app/args.h"
#include "app/command_context.h"

namespace proflens {

// One input of a series, after the filters.
struct SeriesInput {
  std::string name;             // as given
  int64_t time_nanos = 0;       // its own time, the file's modification time, or 0 (SeriesOptions::file_times)
  bool time_from_file = false;  // the file's modification time
  std::vector<std::pair<std::string, std::string>> types;  // sample types: (type, unit)
  std::vector<int64_t> totals;  // per sample type
  int default_index = 0;        // the type `--sample-index ""` names
};

struct LoadedSeries {
  std::vector<SeriesInput> inputs;     // in the order given
  std::deque<AnyProfile> profiles;     // with SeriesOptions::keep_profiles (a deque: `points` point into it)
  std::vector<SeriesProfile> points;   // the same, with names and times
  std::vector<std::string> unmatched;  // filters that matched nothing in every profile ("focus", ...)
  bool all_timed = true;               // every profile records its own time
};

struct SeriesOptions {
  // A format that records no time takes the file's modification time (with
  // a note on stderr); without this its time is left 0 (and all_timed false).
  bool file_times = true;
  // Keep every profile (growth rules evaluate on them); else each is
  // dropped once its totals are taken.
  bool keep_profiles = false;
  // The type `trend` follows, by name or number ("" for the default): an
  // input error naming the file that lacks it. Inputs of several kinds
  // (sets of sample types): the kind that has it is followed, else the
  // first input's, and the others left out.
  std::string sample_index;
  // Say on stderr which kinds were left out (the report shows every kind,
  // and says nothing).
  bool note_kinds = true;
};

// Reads each of the view's files, applies its --symbols and filters, and
// takes the profile's own time (pprof's time_nanos).
Result<LoadedSeries> LoadSeries(const ViewArgs& view, const SeriesOptions& options, CommandContext& context);

// The value `trend` follows: each input's total of the sample type
// (SeriesOptions::sample_index of the first input, by name in the others; after
// the filters, so with --focus the cum of what it keeps), sorted by time.
Result<TrendReport> ComputeSeriesTrend(const LoadedSeries& series);

// The same for each sample type of the first input that every input has
// (the report's charts); none when an input has no time of its own.
std::vector<TrendReport> ComputeSeriesTrends(const LoadedSeries& series);

}  // namespace proflens

#endif  // PROFLENS_APP_SERIES_H_
