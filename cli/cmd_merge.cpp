// proflens merge A B C... -o OUT: sums profiles of the same sample types
// (pprof's merge rules), from any input formats, into one output.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddMergeCommand(CLI::App& app, CommandContext& context) {
  struct MergeArgs {
    std::vector<std::string> files;
    OutputArgs output;
  };
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Sum profiles of the same sample types into one (pprof's merge)");
  cmd->footer("Example: proflens merge host1.pb.gz host2.pb.gz host3.txt -o fleet.pb.gz");
  cmd->add_option("files", args->files, "Profiles to merge, any formats")->required()->expected(2, -1);
  AddOutputOptions(*cmd, args->output);
  cmd->get_option("--output")->required();
  cmd->callback([args, &context] {
    Result<AnyProfile> profile = LoadProfiles(args->files, context);
    context.status = profile.ok() ? WriteProfileAs(*profile, args->output, context) : profile.status();
  });
}

}  // namespace proflens
