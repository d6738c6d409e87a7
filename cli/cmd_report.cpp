// proflens report FILE... [--base BASE] [--rules FILE] -o report.html: one
// self-contained HTML file with the summary, top table, flame graph with
// callers and callees, call graph, diff and check results.
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "cli/comparison.h"
#include "formats/flame_svg.h"
#include "formats/html_report.h"
#include "formats/output_file.h"
#include "formats/report_builder.h"
#include "formats/text_pieces.h"

namespace proflens {

namespace {

struct ReportArgs {
  ViewArgs view;
  std::string output = "report.html";
  bool output_given = false;  // -o was given: no word about where the report went
  std::string title;
  RuleArgs rules;
  double min_width = 1;
  int node_count = 80;
  std::string palette = "hot";
  RootArgs roots;
  std::string source_dir;
};

Status RunReport(const ReportArgs& args, CommandContext& context) {
  PROFLENS_RETURN_IF_ERROR(CheckPalette(args.palette));
  Result<Granularity> granularity = ParseGranularity(args.view.granularity);
  if (!granularity.ok()) return granularity.status();
  std::optional<LoadedRules> rules;
  if (args.rules.any()) {
    Result<LoadedRules> loaded = LoadRules(args.rules, context);
    if (!loaded.ok()) return loaded.status();
    rules = std::move(loaded).value();
  }
  ComparisonSpec spec = FilteredComparison(args.view);
  spec.timeline = true;
  Result<Comparison> in = LoadComparison(spec, context);
  if (!in.ok()) return in.status();

  ReportInputs inputs;
  inputs.profile = &in->profile;
  inputs.base = in->base ? &*in->base : nullptr;
  inputs.files = args.view.files;
  inputs.base_files = args.view.base;
  inputs.formats = in->formats;
  inputs.sample_index = in->sample_index;
  inputs.normalize = args.view.normalize;
  inputs.sample_index_arg = args.view.sample_index;
  inputs.filters = &args.view.filters;
  inputs.timeline = in->timeline.get();
  ReportOptions options;
  options.title = args.title;
  options.generator = "proflens " PROFLENS_VERSION;
  options.granularity = *granularity;
  options.min_width = args.min_width;
  options.node_count = args.node_count;
  options.palette = args.palette;
  options.roots = args.roots.roots();
  options.source_dir = args.source_dir;
  options.threads = ResolveThreads(context.read.threads);
  ApplyRuleOptions(args.rules, options.check);
  if (rules) {
    options.rules = &rules->rules;
    options.rule_sources = &rules->sources;
  }
  Result<ReportData> data = BuildReportData(inputs, options);
  if (!data.ok()) return data.status();
  PROFLENS_RETURN_IF_ERROR(WriteOutputFile(args.output, RenderHtmlReport(*data), context.out));
  if (!args.output_given) context.err << "proflens: wrote " << args.output << " (-o names the file)\n";
  return Status::Ok();
}

}  // namespace

void AddReportCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "One self-contained HTML report: summary, top, flame graph, call graph, diff, checks");
  cmd->footer("Examples: proflens report cpu.pb.gz -o report.html\n"
              "          proflens report new.pb.gz --base old.pb.gz --rules perf-budget.rules -o report.html");
  AddViewOptions(*cmd, args->view);
  cmd->add_option("-o,--output", args->output, "Output HTML file")->capture_default_str();
  cmd->add_option("--title", args->title, "Title of the report");
  AddRuleOptions(*cmd, args->rules);  // the options of check: one rules file works in both
  cmd->add_option("--minwidth", args->min_width, "Leave flame frames narrower than this many pixels out (keeps big reports small)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("-n,--nodecount", args->node_count, "Nodes in the call graph")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--colors", args->palette, "Flame graph palette: hot, mem, io, java, js")->capture_default_str();
  AddRootOptions(*cmd, args->roots);
  cmd->add_option("--source-dir", args->source_dir,
                  "Also look for source files under this folder (their recorded path appended), for the source view");
  CLI::Option* output = cmd->get_option("--output");
  cmd->callback([args, output, &context] {
    args->output_given = output->count() > 0;
    context.status = RunReport(*args, context);
  });
}

}  // namespace proflens
