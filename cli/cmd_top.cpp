// proflens top FILE...: the top-N table, as `go tool pprof -top` prints it.
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "analyzer/call_graph.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "analyzer/top.h"
#include "analyzer/units.h"
#include "formats/csv.h"
#include "formats/json.h"
#include "formats/pstats_table.h"
#include "formats/text_table.h"

namespace proflens {

namespace {

struct TopArgs {
  ViewArgs view;
  int node_count = 0;
  std::optional<double> node_fraction;
  std::string rows;  // --rows  // default: 0.005 (pprof), 0 for cProfile input (pstats lists all)
  std::string sort = "flat";
  std::string unit = "minimum";
  std::string format = "text";
};

Status RunTop(const TopArgs& args, CommandContext& context) {
  Result<NodeOrder> order = ParseSortOrder(args.sort);
  if (!order.ok()) return order.status();
  if (!IsKnownUnit(args.unit)) {
    return Status::Usage("unknown unit \"" + args.unit + "\" (expected minimum, auto, ns, us, ms, s, B, kB, MB, GB, ...)");
  }
  Result<GraphInput> input = LoadGraphInput(args.view, context);
  if (!input.ok()) return input.status();

  TopOptions options;
  options.sample_index = input->sample_index;
  options.node_count = args.node_count;
  const GraphProfile* graph = input->profile.graph();
  const bool pstats = graph != nullptr && graph->format == kPstatsFormat;
  options.node_fraction = args.node_fraction.value_or(pstats ? 0.0 : 0.005);
  options.order = *order;
  options.unit = args.unit;
  options.active_filters = input->active_filters;
  options.sorter = input->sorter;
  options.rows = args.rows;
  const GraphInput& in = *input;
  GraphBuilder build = [&in](const NodeKeySet* kept) { return in.Build(kept); };
  Result<TopReport> report = ComputeTop(build, options);
  if (!report.ok()) return report.status();
  if (args.format == "json") {
    WriteTopJson(*report, context.out);
  } else if (args.format == "csv") {
    WriteTopCsv(*report, context.out);
  } else if (pstats) {
    WritePstatsText(*report, SummarizePstats(*in.Build(nullptr), options.sample_index, options.order), context.out);
  } else {
    WriteTopText(*report, context.out);
  }
  return Status::Ok();
}

}  // namespace

void AddTopCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<TopArgs>();
  CLI::App* cmd = app.add_subcommand("top", "Top functions by flat or cum (like go tool pprof -top)");
  cmd->footer("Example: proflens top cpu.pb.gz -n 20 --sort cum --focus 'json\\.'");
  AddViewOptions(*cmd, args->view);
  cmd->add_option("-n,--nodecount", args->node_count, "Show at most this many functions (0: all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--rows", args->rows,
                  "Show only rows whose name matches this regex, before -n (pstats's print_stats('re'); needs no "
                  "stacks, so it works on cProfile and callgrind files)");
  cmd->add_option("--sort", args->sort, "flat, cum, calls, name (pstats: tottime, cumtime, ncalls)")
      ->capture_default_str();
  cmd->add_option("--unit", args->unit, "minimum (as pprof), auto (per value), or ns, us, ms, s, B, kB, MB, GB")
      ->capture_default_str();
  cmd->add_option("--nodefraction", args->node_fraction,
                  "Hide functions whose cum is below this share of the total (default 0.005; 0 for cProfile input)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(kTableFormats))
      ->capture_default_str();
  cmd->callback([args, &context] { context.status = RunTop(*args, context); });
}

}  // namespace proflens
