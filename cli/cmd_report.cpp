// proflens report FILE... [--base BASE] [--rules FILE] -o report.html: one
// self-contained HTML file with the summary, top table, flame graph with
// callers and callees, call graph, diff and check results.
#include <CLI/CLI.hpp>
#include <memory>
#include <thread>

#include "analyzer/assertions.h"
#include "cli/cli.h"
#include "cli/flame_input.h"
#include "analyzer/flame_tree.h"
#include "analyzer/graph_input.h"
#include "analyzer/graph_profile.h"
#include "analyzer/graph_view.h"
#include "analyzer/report_labels.h"
#include "analyzer/units.h"
#include "formats/dot.h"
#include "formats/flame_svg.h"
#include "formats/html_report.h"
#include "formats/output_file.h"
#include "formats/svg.h"
#include "formats/text_pieces.h"

namespace proflens {

namespace {

struct ReportArgs {
  ViewArgs view;
  std::string output = "report.html";
  std::string title;
  std::string rules_file;
  std::vector<std::string> assertions;
  double min_width = 1;
  int node_count = 80;
  std::string palette = "hot";
};

Status RunReport(const ReportArgs& args, CommandContext& context) {
  PROFLENS_RETURN_IF_ERROR(CheckPalette(args.palette));
  Result<Granularity> granularity = ParseGranularity(args.view.granularity);
  if (!granularity.ok()) return granularity.status();
  std::optional<LoadedRules> rules;
  if (!args.rules_file.empty() || !args.assertions.empty()) {
    Result<LoadedRules> loaded = LoadRules(args.assertions, args.rules_file);
    if (!loaded.ok()) return loaded.status();
    rules = std::move(loaded).value();
  }
  Result<FlameInput> in = LoadFlameInput(args.view, context);
  if (!in.ok()) return in.status();
  const Profile& profile = in->profile;
  const Profile* base = in->base ? &*in->base : nullptr;
  PROFLENS_RETURN_IF_ERROR(CheckGraphView(profile, *granularity, args.view.filters));
  if (base != nullptr) PROFLENS_RETURN_IF_ERROR(CheckGraphView(*base, *granularity, args.view.filters));
  // Graph profiles have no stacks to draw: the flame sections say so instead.
  auto no_stacks = [](const Profile& p) {
    return "<p class=\"no-stacks\">This " + p.graph->graph_format +
           " profile records per-function totals and call arcs, not stacks, so it has no flame graph. "
           "The table, callers and callees and the call graph show what it has.</p>";
  };

  ReportData data;
  data.generator = "proflens " PROFLENS_VERSION;
  std::string inputs;
  for (const std::string& f : args.view.files) inputs += (inputs.empty() ? "" : ", ") + f;
  data.title = args.title.empty() ? "proflens report: " + inputs : args.title;
  data.facts.push_back({"Profile", inputs});
  std::string formats;
  for (const std::string& f : in->formats) formats += (formats.empty() ? "" : ", ") + f;
  data.facts.push_back({"Format", formats});
  if (base != nullptr) {
    std::string bases;
    for (const std::string& f : args.view.base) bases += (bases.empty() ? "" : ", ") + f;
    data.facts.push_back({"Base", bases});
  }
  std::string types;
  for (const ValueType& t : profile.sample_types) types += (types.empty() ? "" : ", ") + std::string(profile.str(t.type));
  data.facts.push_back({"Sample types", types});
  if (profile.is_graph()) {
    data.facts.push_back({"Functions", std::to_string(profile.graph->nodes.size())});
  } else {
    data.facts.push_back({"Samples", std::to_string(profile.raw_sample_count)});
  }
  if (profile.duration_nanos != 0) data.facts.push_back({"Duration", FormatDuration(profile.duration_nanos)});
  if (profile.time_nanos != 0) data.facts.push_back({"Time", FormatProfileTime(profile.time_nanos)});
  if (!args.view.filters.empty()) {
    std::string active;
    for (const std::string& f : args.view.filters.Active(/*with_prune_from=*/true)) active += (active.empty() ? "" : ", ") + f;
    data.facts.push_back({"Filters", active});
  }

  // One graph of all sample types (with the label tags the pictures draw)
  // serves every table and every picture's first step.
  auto flame_options = [&](int t) {
    FlameSvgOptions svg;
    svg.title = profile.str(profile.sample_types[t].type);
    svg.unit = profile.str(profile.sample_types[t].unit);
    svg.palette = args.palette;
    svg.min_width = args.min_width;
    svg.standalone = false;
    return svg;
  };
  // Frames narrower than --minwidth are not drawn: the trees leave them out.
  // The flame graphs are drawn on a thread of their own while the graphs
  // are built (they only read the profile).
  std::vector<std::string> flames(profile.sample_types.size());
  auto draw_flames = [&] {
    for (int t = 0; t < static_cast<int>(flames.size()); ++t) {
      const FlameSvgOptions svg = flame_options(t);
      flames[t] = profile.is_graph() ? no_stacks(profile)
                                     : RenderFlameSvg(BuildFlameTree(profile, {t, false, FlameMinFraction(svg)}), svg);
    }
  };
  std::jthread flame_thread;
  if (ResolveThreads(context.read.threads) > 1) {
    flame_thread = std::jthread(draw_flames);
  } else {
    draw_flames();
  }
  CallGraphOptions full_options{*granularity, nullptr, true};
  full_options.threads = ResolveThreads(context.read.threads);
  const std::shared_ptr<const CallGraph> full = std::make_shared<CallGraph>(BuildCallGraph(profile, full_options));
  const CallGraph& graph = *full;
  data.default_type = in->sample_index;
  for (int t = 0; t < static_cast<int>(profile.sample_types.size()); ++t) {
    ReportSampleType rt;
    rt.name = profile.str(profile.sample_types[t].type);
    rt.unit = profile.str(profile.sample_types[t].unit);
    rt.total = graph.totals[t];
    rt.graph = &graph;
    rt.graph_index = t;
    // The untrimmed graph is the one built above: no need to build it again per type.
    GraphBuilder build = [&](const NodeKeySet* kept) -> std::shared_ptr<const CallGraph> {
      if (kept == nullptr) return full;
      CallGraphOptions options{*granularity, kept};
      options.threads = full_options.threads;
      return std::make_shared<CallGraph>(BuildCallGraph(profile, options));
    };
    TopOptions top;
    top.sample_index = t;
    top.node_fraction = 0;
    Result<TopReport> table = ComputeTop(build, top);
    if (!table.ok()) return table.status();
    rt.top = std::move(table).value();

    GraphBuilder tagged = [&](const NodeKeySet* kept) -> std::shared_ptr<const CallGraph> {
      if (kept == nullptr) return full;
      CallGraphOptions options = full_options;
      options.kept = kept;
      return std::make_shared<CallGraph>(BuildCallGraph(profile, options));
    };
    GraphViewOptions view;
    view.sample_index = t;
    view.node_count = args.node_count;
    DotDocument dot(ComputeGraphView(tagged, view));
    Result<std::string> callgraph = RenderSvg(dot);
    if (!callgraph.ok()) return callgraph.status();
    rt.callgraph_svg = std::move(callgraph).value();

    if (base != nullptr) {
      Result<DiffPair> pair = MatchSampleTypes(*base, profile, t);
      if (pair.ok()) {
        double scale = 1;
        if (args.view.normalize) {
          Result<double> ratio = NormalizeRatio(*base, profile, *pair);
          if (ratio.ok()) scale = *ratio;
        }
        rt.diff = ComputeDiff(*base, profile, *pair, DiffOptions{*granularity, scale});
        if (profile.is_graph() || base->is_graph()) {
          rt.diff_flame_svg = no_stacks(profile.is_graph() ? profile : *base);
        } else {
          FlameSvgOptions diff_svg = flame_options(t);
          FlameTree diff_tree = BuildFlameTree(profile, {t, false, FlameMinFraction(diff_svg)}, base, pair->base_index,
                                               pair->base_to_new_unit * scale);
          diff_svg.title = rt.name + " (differential)";
          rt.diff_flame_svg = RenderFlameSvg(diff_tree, diff_svg);
        }
      }
    }
    data.types.push_back(std::move(rt));
  }
  if (flame_thread.joinable()) flame_thread.join();
  for (size_t t = 0; t < flames.size(); ++t) data.types[t].flame_svg = std::move(flames[t]);

  if (rules) {
    CheckContext check;
    check.profile = &profile;
    check.base = base;
    check.sample_index = args.view.sample_index;
    check.granularity = *granularity;
    Result<std::vector<RuleResult>> results = EvaluateRules(rules->rules, rules->sources, check);
    if (!results.ok()) return results.status();
    data.checks = std::move(results).value();
  }
  return WriteOutputFile(args.output, RenderHtmlReport(data), context.out);
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
  cmd->add_option("--rules", args->rules_file, "Evaluate these check rules and show the results");
  cmd->add_option("-a,--assert", args->assertions, "A check rule to show (repeat for more)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--minwidth", args->min_width, "Leave flame frames narrower than this many pixels out (keeps big reports small)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("-n,--nodecount", args->node_count, "Nodes in the call graph")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--colors", args->palette, "Flame graph palette: hot, mem, io, java, js")->capture_default_str();
  cmd->callback([args, &context] { context.status = RunReport(*args, context); });
}

}  // namespace proflens
