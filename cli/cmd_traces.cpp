// proflens traces FILE...: every sample's stack, value and labels (pprof -traces).
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddTracesCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<TracesArgs>();
  CLI::App* cmd = app.add_subcommand("traces", "Every sample's stack with its value and labels (like go tool pprof -traces)");
  cmd->footer("Example: proflens traces goroutine.txt --tagfocus 'state=chan receive'");
  AddViewOptions(*cmd, args->view);
  cmd->add_option("--unit", args->unit, "minimum (per value, as pprof), auto, or ns, us, ms, s, B, kB, MB, GB")
      ->capture_default_str();
  cmd->callback([args, &context] { context.status = RunTraces(*args, context); });
}

}  // namespace proflens
