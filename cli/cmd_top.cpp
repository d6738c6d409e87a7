// proflens top FILE...: the top-N table, as `go tool pprof -top` prints it.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddTopCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<TopArgs>();
  CLI::App* cmd = app.add_subcommand("top", "Top functions by flat or cum (like go tool pprof -top)");
  cmd->footer("Example: proflens top cpu.pb.gz -n 20 --sort cum --focus 'json\\.'");
  AddViewOptions(*cmd, args->view);
  cmd->add_option("-n,--nodecount", args->node_count, "Show at most this many functions (0: all)")
      ->check(AtLeast(0));
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
