// proflens merge A B C... -o OUT: sums profiles of the same sample types
// (pprof's merge rules), from any input formats, into one output;
// --files-from reads the list (beyond ARG_MAX) from a file or standard input.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddMergeCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Sum profiles of the same sample types into one (pprof's merge)");
  cmd->footer("Examples: proflens merge host1.pb.gz host2.pb.gz host3.txt -o fleet.pb.gz\n"
              "          find day/ -name '*.pb.gz' | proflens merge --files-from - -o day.pb.gz --label dc=eu-1");
  cmd->add_option("files", args->files, std::string("Profiles to merge, any formats (") + kFormatsRead + ")");
  cmd->add_option("--files-from", args->files_from, "Also merge the files listed in this file or at this URL, one a line (- for standard input)");
  cmd->add_option("--label", args->labels,
                  "KEY=VALUE: set this label on every sample (a value the sample had for KEY is replaced); repeat for more")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  AddOutputOptions(*cmd, args->output);
  cmd->get_option("--output")->required();
  cmd->callback([args, &context] { context.status = RunMerge(*args, context); });
}

}  // namespace proflens
