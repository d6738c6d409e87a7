#include "app/series.h"

#include <algorithm>

#include "app/comparison.h"
#include "app/load.h"
#include "formats/io/file_time.h"

namespace proflens {

namespace {

// The trend of the type `type` (with `unit`) across the inputs; an input
// error naming the first input without it.
Result<TrendReport> TrendOfType(const LoadedSeries& series, const std::string& type, const std::string& unit) {
  std::vector<TrendPoint> points;
  for (const SeriesInput& input : series.inputs) {
    auto found = std::find(input.types.begin(), input.types.end(), std::make_pair(type, unit));
    if (found == input.types.end()) {
      return Status::Input(input.name + ": it has no sample type " + type + " (" + unit + "), which " + series.inputs[0].name +
                           " has: give --sample-index to follow one they share");
    }
    points.push_back({input.name, input.time_nanos, input.time_from_file, input.totals[found - input.types.begin()]});
  }
  return ComputeTrend(std::move(points), type, unit);
}

// The sample types of an input, as one key: its kind.
std::string KindOf(const SeriesInput& input) {
  std::string kind;
  for (const auto& [type, unit] : input.types) kind += type + "/" + unit + ",";
  return kind;
}

std::string TypeNames(const SeriesInput& input) {
  std::string names;
  for (const auto& [type, unit] : input.types) names += (names.empty() ? "" : ", ") + type;
  return names;
}

// Inputs of several kinds (a day's CPU and heap profiles): the series
// follows the kind whose first input has the type --sample-index names, else
// the first input's; the others are left out with a note, as top leaves them.
Status KeepOneKind(const SeriesOptions& options, const Status& first_error, LoadedSeries& series, std::vector<std::vector<std::string>>& unmatched,
                   CommandContext& context) {
  if (series.inputs.empty()) return Status::Ok();
  size_t first = 0;
  if (!options.sample_index.empty()) {
    while (first < series.inputs.size() && series.inputs[first].default_index < 0) ++first;
    if (first == series.inputs.size()) return first_error;  // none has it
  }
  const std::string kept = KindOf(series.inputs[first]);
  std::vector<std::pair<std::string, size_t>> others;  // kind names, inputs
  LoadedSeries one;
  one.unmatched = std::move(series.unmatched);
  one.profiles = std::move(series.profiles);
  std::vector<std::vector<std::string>> kept_unmatched;
  for (size_t i = 0; i < series.inputs.size(); ++i) {
    SeriesInput& input = series.inputs[i];
    if (KindOf(input) != kept) {
      const std::string names = TypeNames(input);
      auto it = std::find_if(others.begin(), others.end(), [&](const auto& o) { return o.first == names; });
      if (it == others.end()) others.emplace_back(names, 1); else ++it->second;
      continue;
    }
    one.all_timed = one.all_timed && !input.time_from_file && input.time_nanos != 0;
    if (!series.points.empty()) one.points.push_back(series.points[i]);
    one.inputs.push_back(std::move(input));
    kept_unmatched.push_back(std::move(unmatched[i]));
  }
  if (!others.empty() && options.note_kinds) {
    auto counted = [](size_t n) { return " (" + std::to_string(n) + (n == 1 ? " input)" : " inputs)"); };
    context.err << "proflens: note: the inputs hold " << others.size() + 1 << " kinds of profile; following "
                << TypeNames(one.inputs[0]) << counted(one.inputs.size()) << "; left out: ";
    for (size_t i = 0; i < others.size(); ++i) context.err << (i ? "; " : "") << others[i].first << counted(others[i].second);
    context.err << ". --sample-index TYPE follows the kind with that sample type\n";
  }
  if (others.empty()) one.all_timed = series.all_timed;
  series = std::move(one);
  unmatched = std::move(kept_unmatched);
  return Status::Ok();
}

}  // namespace

Result<LoadedSeries> LoadSeries(const ViewArgs& view, const SeriesOptions& options, CommandContext& context) {
  LoadedSeries series;
  std::vector<std::vector<std::string>> unmatched;
  Status first_error;  // the first input has no type --sample-index names
  // Each profile of the inputs (a directory's or an archive's each its own).
  PROFLENS_RETURN_IF_ERROR(ForEachLoadedInput(view.files, context, context.read, [&](LoadedItem item) -> Status {
    const std::string& path = item.name;
    AnyProfile profile = std::move(item.loaded.profile);
    Result<std::vector<std::string>> missed = ApplyView(profile, view.symbols == "full", &view.filters, path, context);
    if (!missed.ok()) return missed.status().WithContext(path);
    unmatched.push_back(std::move(missed).value());

    SeriesInput input;
    input.name = path;
    const Profile& header = profile.header();
    for (const ValueType& t : header.sample_types) input.types.emplace_back(header.str(t.type), header.str(t.unit));
    input.totals = profile.Totals();
    // The type --sample-index names, when this input has it (the kind
    // followed is chosen once all are read).
    Result<int> named = profile.SampleIndexByName(options.sample_index);
    if (!named.ok() && series.inputs.empty()) first_error = named.status().WithContext(path);
    input.default_index = named.ok() ? *named : -1;
    input.time_nanos = header.time_nanos;
    if (input.time_nanos == 0) {
      series.all_timed = false;
      if (options.file_times) {
        Result<int64_t> modified = FileModifiedTime(path);
        if (!modified.ok()) return modified.status().WithContext("reading " + path + ": the format records no time");
        input.time_nanos = *modified;
        input.time_from_file = true;
        context.err << "proflens: reading " << path << ": the format records no time; using the file's modification time\n";
      }
    }
    if (options.keep_profiles) {
      series.points.push_back({path, input.time_nanos, &series.profiles.emplace_back(std::move(profile))});
    }
    series.inputs.push_back(std::move(input));
    return Status::Ok();
  }));
  PROFLENS_RETURN_IF_ERROR(KeepOneKind(options, first_error, series, unmatched, context));
  // A filter missed in every profile of the series.
  if (!unmatched.empty()) {
    for (const std::string& filter : unmatched[0]) {
      if (std::all_of(unmatched.begin(), unmatched.end(),
                      [&](const auto& u) { return std::find(u.begin(), u.end(), filter) != u.end(); })) {
        series.unmatched.push_back(filter);
      }
    }
  }
  return series;
}

Result<TrendReport> ComputeSeriesTrend(const LoadedSeries& series) {
  if (series.inputs.empty()) return Status::Usage("no profiles to follow");
  const SeriesInput& first = series.inputs[0];
  const auto& [type, unit] = first.types[first.default_index];
  return TrendOfType(series, type, unit);
}

std::vector<TrendReport> ComputeSeriesTrends(const LoadedSeries& series) {
  std::vector<TrendReport> trends;
  if (series.inputs.empty() || !series.all_timed) return trends;
  for (const auto& [type, unit] : series.inputs[0].types) {
    Result<TrendReport> trend = TrendOfType(series, type, unit);
    if (trend.ok()) trends.push_back(std::move(trend).value());
  }
  return trends;
}

}  // namespace proflens
