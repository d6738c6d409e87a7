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

}  // namespace

Result<LoadedSeries> LoadSeries(const ViewArgs& view, const SeriesOptions& options, CommandContext& context) {
  LoadedSeries series;
  std::vector<std::vector<std::string>> unmatched;
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
    Result<int> chosen = profile.SampleIndexByName(series.inputs.empty() ? options.sample_index : "");
    if (!chosen.ok()) return chosen.status().WithContext(path);
    input.default_index = *chosen;
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
