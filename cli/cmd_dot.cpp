// proflens dot FILE... -o graph.dot|graph.svg: the call graph as pprof -dot
// draws it, written as DOT or rendered to SVG.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddDotCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<DotArgs>();
  CLI::App* cmd = app.add_subcommand("dot", "Call graph as DOT or SVG (like go tool pprof -dot / -svg)");
  cmd->footer("Example: proflens dot cpu.pb.gz -o graph.svg --nodecount 40 --focus 'http'");
  AddViewOptions(*cmd, args->view);
  cmd->add_option("-o,--output", args->output, "Output file (.dot or .svg; - for standard output)")->capture_default_str();
  cmd->add_option("--to", args->to, "dot or svg (default: from the output's extension, else dot)")
      ->check(CLI::IsMember({"dot", "svg"}));
  cmd->add_option("-n,--nodecount", args->node_count, "Show at most this many nodes (0: all)")
      ->check(AtLeast(0))->capture_default_str();
  cmd->add_option("--nodefraction", args->node_fraction, "Hide nodes whose cum is below this share of the total")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--edgefraction", args->edge_fraction, "Hide edges below this share of the total")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--unit", args->unit, "minimum (as pprof), auto, or ns, us, ms, s, B, kB, MB, GB")->capture_default_str();
  cmd->callback([args, &context] { context.status = RunDot(*args, context); });
}

}  // namespace proflens
