// proflens trend FILE...: a series of profiles over time, and its growth per hour.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddTrendCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<TrendArgs>();
  CLI::App* cmd = app.add_subcommand("trend", "Each profile's time and total, and the growth per hour (heap profiles over time)");
  cmd->footer(
      "Example: proflens trend heap-*.pb.gz --focus 'cache\\.Put'\n"
      "Times are the profiles' own (pprof's time_nanos), else the file's modification time (marked *).\n"
      "The growth is the slope of the least-squares line through (time, value), per hour.");
  AddFilterOptions(*cmd, args->view);
  cmd->add_option("files", args->view.files, "Profiles of one program taken at different times (2 or more)")->required();
  cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([args, &context] { context.status = RunTrend(*args, context); });
}

}  // namespace proflens
