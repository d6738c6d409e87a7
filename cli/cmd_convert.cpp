// proflens convert IN... -o OUT: any input format to pprof, folded stacks
// (what stackcollapse-perf.pl writes, with its options), speedscope or callgrind.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddConvertCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* cmd = app.add_subcommand("convert", "Convert a profile to pprof or folded stacks (like stackcollapse-perf.pl)");
  cmd->footer("Examples: proflens convert perf.txt -o perf.folded --all\n"
              "          proflens convert perf.txt -o perf.pb.gz");
  cmd->add_option("files", args->files, std::string("Profiles to read (") + kFormatsRead + "; several are merged); - reads standard input")->required();
  AddOutputOptions(*cmd, args->output);
  cmd->callback([args, &context] { context.status = RunConvert(*args, context); });
}

}  // namespace proflens
