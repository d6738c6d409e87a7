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
  cmd->footer("Examples: proflens info perf.txt\n"
              "          find day/ -name '*.pb.gz' | proflens info --files-from - --format json");
  cmd->add_option("files", args->files, std::string("Profiles to describe (") + kFormatsRead + "), each on its own; - reads standard input");
  cmd->add_option("--files-from", args->files_from,
                  "Also describe the files listed in this file or at this URL, one a line (- for standard input)");
  cmd->add_option("--format", args->format,
                  "text, or json: one array, an object per file with raw numbers (time_nanos, totals, ...)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([args, &context] { context.status = RunInfo(*args, context); });
}

}  // namespace proflens
