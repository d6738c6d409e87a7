// proflens report: one self-contained HTML file with the summary, top table,
// flame graph with callers and callees, call graph, diff and check results.
#include <optional>

#include "analyzer/growth_metric.h"
#include "analyzer/text.h"
#include "app/bench_output.h"
#include "app/commands.h"
#include "app/comparison.h"
#include "app/load.h"
#include "app/report.h"
#include "app/series.h"
#include "formats/io/output_file.h"
#include "formats/io/text_pieces.h"
#include "formats/output/flame_svg.h"
#include "formats/output/html_report.h"

namespace proflens {

Result<std::string> RenderReport(const ReportArgs& args, CommandContext& context,
                                 const std::function<void(ReportModel&)>& finish) {
  PROFLENS_RETURN_IF_ERROR(CheckPalette(args.palette));
  PROFLENS_ASSIGN_OR_RETURN(const Granularity granularity, ParseGranularity(args.view.granularity));
  std::optional<LoadedRules> rules;
  if (args.rules.any()) {
    PROFLENS_ASSIGN_OR_RETURN(rules, LoadRules(args.rules, context));
  }
  ComparisonSpec spec = FilteredComparison(args.view);
  spec.keep_timeline = true;
  PROFLENS_ASSIGN_OR_RETURN(const Comparison in, LoadComparison(spec, context));
  PROFLENS_ASSIGN_OR_RETURN(const std::optional<LoadedBench> bench, LoadBenchOutput(args.rules, in.profile, context));
  // Several inputs are also a series: the trend chart when each records its
  // time, and the growth rules.
  const bool growth = rules && UsesGrowth(rules->rules);
  std::optional<LoadedSeries> series;
  std::vector<TrendReport> trends;
  if (args.view.files.size() > 1) {
    PROFLENS_ASSIGN_OR_RETURN(series, LoadSeries(args.view, SeriesOptions{.file_times = growth, .keep_profiles = growth}, context));
    trends = ComputeSeriesTrends(*series);
  }

  ReportInputs inputs;
  inputs.profile = &in.profile;
  inputs.base = in.base ? &*in.base : nullptr;
  inputs.files = args.view.files;
  inputs.base_files = args.view.base;
  inputs.formats = in.formats;
  inputs.sample_index = in.sample_index;
  inputs.normalize = args.view.normalize;
  inputs.sample_index_arg = args.view.sample_index;
  inputs.filters = &args.view.filters;
  inputs.timeline = in.timeline;
  inputs.trends = std::move(trends);
  // The flame trees leave out what the pictures would draw narrower than
  // --minwidth pixels.
  FlameSvgOptions flame;
  flame.min_width = args.min_width;
  ReportOptions options;
  options.title = args.title;
  options.generator = args.generator;
  options.granularity = granularity;
  options.min_fraction = FlameMinFraction(flame);
  options.node_count = args.node_count;
  options.roots = args.roots.roots();
  options.source_dir = args.source_dir;
  options.threads = ResolveThreads(context.read.threads);
  ApplyRuleOptions(args.rules, options.check);
  ApplyBench(bench, options.check);
  if (growth && series) options.check.series = &series->points;
  if (rules) {
    options.rules = &rules->rules;
    options.rule_sources = &rules->sources;
  }
  PROFLENS_ASSIGN_OR_RETURN(ReportModel model, BuildReportModel(inputs, options));
  if (finish) finish(model);
  Result<std::string> html =
      RenderHtmlReport(model, {.palette = args.palette, .min_width = args.min_width, .threads = options.threads});
  if (!html.ok()) return html.status().WithContext("drawing the report of " + Join(args.view.files, ", "));
  return html;
}

Status RunReport(const ReportArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(const std::string html, RenderReport(args, context));
  PROFLENS_RETURN_IF_ERROR(WriteOutputFile(args.output, html, context.out));
  if (!args.output_given) context.err << "proflens: wrote " << args.output << " (-o names the file)\n";
  return Status::Ok();
}

}  // namespace proflens
