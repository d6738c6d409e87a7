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
  spec.every_kind = true;  // a day's CPU and heap profiles: a section each
  PROFLENS_ASSIGN_OR_RETURN(const Comparison in, LoadComparison(spec, context));
  PROFLENS_ASSIGN_OR_RETURN(const std::optional<LoadedBench> bench, LoadBenchOutput(args.rules, in.profile, context));
  // Several inputs are also a series: the trend chart when each records its
  // time, and the growth rules.
  const bool growth = rules && UsesGrowth(rules->rules);
  std::optional<LoadedSeries> series;
  std::vector<TrendReport> trends;
  size_t profiles = in.inputs.size();
  for (const Comparison& kind : in.other_kinds) profiles += kind.inputs.size();
  if (profiles > 1) {
    PROFLENS_ASSIGN_OR_RETURN(series, LoadSeries(args.view, SeriesOptions{.file_times = growth, .keep_profiles = growth, .note_kinds = false}, context));
    trends = ComputeSeriesTrends(*series);
  }
  const bool mixed = !in.other_kinds.empty();

  // The flame trees leave out what the pictures would draw narrower than
  // --minwidth pixels.
  FlameSvgOptions flame;
  flame.min_width = args.min_width;
  ReportOptions options;
  options.title = args.title.empty() && mixed ? "proflens report: " + Join(args.view.files, ", ") : args.title;
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
  // One model a kind of profile; the rules are checked on the kind shown
  // first (the one --sample-index names), as check checks them.
  std::vector<ReportModel> models;
  std::vector<int> kind_inputs;
  std::vector<const Comparison*> kinds = {&in};
  for (const Comparison& other : in.other_kinds) kinds.push_back(&other);
  for (const Comparison* kind : kinds) {
    ReportInputs inputs;
    inputs.profile = &kind->profile;
    inputs.base = kind->base ? &*kind->base : nullptr;
    inputs.files = mixed ? kind->inputs : args.view.files;
    if (kind->base) inputs.base_files = mixed ? std::vector<std::string>{kind->base_name} : args.view.base;
    inputs.formats = kind->formats;
    inputs.sample_index = kind->sample_index;
    inputs.normalize = args.view.normalize && kind->base;
    inputs.sample_index_arg = args.view.sample_index;
    inputs.filters = &args.view.filters;
    if (!args.view.relative_percentages) inputs.percent_totals = kind->unfiltered_totals;
    inputs.timeline = kind->timeline;
    inputs.trends = trends;
    PROFLENS_ASSIGN_OR_RETURN(ReportModel model, BuildReportModel(inputs, options));
    models.push_back(std::move(model));
    kind_inputs.push_back(static_cast<int>(kind->inputs.size()));
    options.rules = nullptr;
    options.rule_sources = nullptr;
  }
  ReportModel model = JoinReportKinds(std::move(models), kind_inputs);
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
