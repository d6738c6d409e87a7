// proflens info FILE...: what each profile holds (format, sample types and
// totals, counts, time, duration, period, labels, comments).
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddInfoCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = app.add_subcommand("info", "Describe profiles: format, sample types, totals, counts");
  cmd->footer("Example: proflens info perf.txt");
  cmd->add_option("files", args->files, "Profiles to describe, each on its own; - reads standard input")
      ->required();
  cmd->callback([args, &context] { context.status = RunInfo(*args, context); });
}

}  // namespace proflens
