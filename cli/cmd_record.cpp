// proflens record [-F HZ] [--call-graph fp|dwarf] [-o OUT] -- CMD ARGS...:
// perf record on a command, then its report, flame graph or profile.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"

namespace proflens {

void AddRecordCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<RecordArgs>();
  CLI::App* cmd = app.add_subcommand("record", "Run a command under perf record and write its report, flame graph or profile");
  cmd->footer("Examples: proflens record -o report.html -- ./my-program --its-flag\n"
              "          proflens record -F 4999 --call-graph dwarf -o flame.svg -- cargo run --release");
  cmd->add_option("-F,--freq", args->frequency, "Samples a second")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->add_option("--call-graph", args->call_graph, "How perf records stacks: fp (frame pointers) or dwarf")
      ->check(CLI::IsMember({"fp", "dwarf"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->output,
                  "What to write, by its name: .html a report, .svg a flame graph, .pb.gz pprof, .folded folded stacks")
      ->capture_default_str();
  cmd->add_option("command", args->command, "The command to record, after --")->required();
  args->generator = "proflens " PROFLENS_VERSION;
  cmd->callback([args, &context] { context.status = RunRecord(*args, context); });
}

}  // namespace proflens
