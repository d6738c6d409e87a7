#include "app/series.h"

#include <algorithm>

#include "app/comparison.h"
#include "app/load.h"
#include "formats/io/file_time.h"

namespace proflens {

Result<LoadedSeries> LoadSeries(const ViewArgs& view, const SeriesOptions& options, CommandContext& context) {
  LoadedSeries series;
  std::vector<std::vector<std::string>> unmatched;
  for (const std::string& path : view.files) {
    PROFLENS_ASSIGN_OR_RETURN(LoadedProfile loaded, LoadProfile(path, context));
    AnyProfile& profile = series.profiles.emplace_back(std::move(loaded.profile));
    Result<std::vector<std::string>> missed = ApplyView(profile, view.symbols == "full", &view.filters, path, context);
    if (!missed.ok()) return missed.status().WithContext(path);
    unmatched.push_back(std::move(missed).value());
    int64_t time = profile.header().time_nanos;
    const bool from_file = time == 0;
    if (from_file) series.all_timed = false;
    if (from_file && options.file_times) {
      Result<int64_t> modified = FileModifiedTime(path);
      if (!modified.ok()) return modified.status().WithContext("reading " + path + ": the format records no time");
      time = *modified;
      context.err << "proflens: reading " << path << ": the format records no time; using the file's modification time\n";
    }
    series.points.push_back({path, time, &profile});
    series.time_from_file.push_back(from_file && options.file_times);
  }
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

Result<TrendReport> ComputeSeriesTrend(const LoadedSeries& series, const std::string& sample_index) {
  std::vector<TrendPoint> points;
  std::string type, unit;
  for (size_t i = 0; i < series.points.size(); ++i) {
    const SeriesProfile& one = series.points[i];
    const Profile& header = one.profile->header();
    Result<int> index = one.profile->SampleIndexByName(sample_index);
    if (!index.ok()) return index.status().WithContext(one.name);
    const std::string this_type(header.str(header.sample_types[*index].type));
    const std::string this_unit(header.str(header.sample_types[*index].unit));
    if (i == 0) {
      type = this_type;
      unit = this_unit;
    } else if (this_type != type || this_unit != unit) {
      return Status::Input(one.name + ": its sample type is " + this_type + " (" + this_unit + "), " + series.points[0].name +
                           "'s " + type + " (" + unit + "): give --sample-index to follow one they share");
    }
    points.push_back({one.name, one.time_nanos, series.time_from_file[i], one.profile->Totals()[*index]});
  }
  return ComputeTrend(std::move(points), type, unit);
}

}  // namespace proflens
