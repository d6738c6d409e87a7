// proflens convert IN... -o OUT: any input format to pprof or folded stacks
// (folded output is what stackcollapse-perf.pl writes, with its options).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddConvertCommand(CLI::App& app, CommandContext& context) {
  struct ConvertArgs {
    std::vector<std::string> files;
    OutputArgs output;
  };
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* cmd = app.add_subcommand("convert", "Convert a profile to pprof or folded stacks (like stackcollapse-perf.pl)");
  cmd->footer("Examples: proflens convert perf.txt -o perf.folded --all\n"
              "          proflens convert perf.txt -o perf.pb.gz");
  cmd->add_option("files", args->files, "Profiles to read (several are merged); - reads standard input")->required();
  AddOutputOptions(*cmd, args->output);
  cmd->callback([args, &context] {
    Result<AnyProfile> profile = LoadProfiles(args->files, context);
    context.status = profile.ok() ? WriteProfileAs(*profile, args->output, context) : profile.status();
  });
}

}  // namespace proflens
