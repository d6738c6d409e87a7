// proflens diff BASE NEW [NEW...]: what changed between two versions, per
// function: base and new flat/cum, absolute and relative change.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddDiffCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand("diff", "What changed from BASE to NEW, per function (like pprof -diff_base, difffolded.pl)");
  cmd->footer("Examples: proflens diff v1.2.pb.gz v1.3.pb.gz -n 20\n"
              "          proflens diff old.folded new.folded --folded-diff -o diff.folded --normalize");
  cmd->add_option("files", args->view.files, std::string("BASE then NEW (") + kFormatsRead + "; several NEW are merged), or one two-column folded file")
      ->required();
  AddFilterOptions(*cmd, args->view, /*both_sides=*/true);
  cmd->add_option("--sort", args->sort, "delta-cum (|delta cum|), delta-flat, relative, name")->capture_default_str();
  cmd->add_option("--unit", args->unit,
                  "Unit of the value columns: auto (each value in the unit that fits it), minimum (per column, "
                  "as pprof's top chooses), or a unit such as ms or MB")
      ->capture_default_str();
  cmd->add_option("-n,--nodecount", args->node_count, "Show at most this many functions (0: all)")
      ->check(AtLeast(0));
  cmd->add_flag("--normalize", args->view.normalize, "Scale the base so both totals match (as pprof -normalize, difffolded -n)");
  cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember(kTableFormats))->capture_default_str();
  cmd->add_flag("--folded-diff", args->folded_diff, "Write difffolded.pl's \"stack before after\" lines instead");
  cmd->add_option("-o,--output", args->output, "Output file (- for standard output)")->capture_default_str();
  cmd->callback([args, &context] { context.status = RunDiff(*args, context); });
}

}  // namespace proflens
