// proflens trend FILE...: each profile's time and total (or, with --focus,
// the cum of what it keeps), by time, and the growth per hour by least
// squares over the profiles' own times.
#include "app/commands.h"
#include "app/comparison.h"
#include "app/series.h"
#include "formats/output/trend_output.h"

namespace proflens {

Status RunTrend(const TrendArgs& args, CommandContext& context) {
  const char* const kTwo =
      "trend needs 2 or more profiles taken at different times (heap profiles of one process, every few minutes; "
      "a directory or an archive of them)";
  if (args.view.files.empty()) return Status::Usage(kTwo);
  if (!args.view.base.empty()) return Status::Usage("trend takes no --base: it follows each profile's own value");
  PROFLENS_ASSIGN_OR_RETURN(const LoadedSeries series, LoadSeries(args.view, SeriesOptions{.sample_index = args.view.sample_index}, context));
  if (series.inputs.size() < 2) return Status::Usage(kTwo);
  // A filter that keeps nothing anywhere would show a flat line of zeros.
  if (const std::string filter = FilterThatKeptNothing(series.unmatched); !filter.empty()) {
    return Status::Input("--" + filter + " matched nothing in any of the " + std::to_string(series.inputs.size()) +
                         " profiles: there is no trend to follow");
  }
  PROFLENS_ASSIGN_OR_RETURN(const TrendReport report, ComputeSeriesTrend(series));
  if (args.format == "json") {
    WriteTrendJson(report, context.out);
  } else {
    WriteTrendText(report, context.out);
  }
  return Status::Ok();
}

}  // namespace proflens
