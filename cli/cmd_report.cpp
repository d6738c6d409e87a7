// proflens report FILE... [--base BASE] [--rules FILE] -o report.html: one
// self-contained HTML file with the summary, top table, flame graph with
// callers and callees, call graph, diff and check results.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddReportCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<ReportArgs>();
  args->generator = "proflens " PROFLENS_VERSION;
  CLI::App* cmd = app.add_subcommand("report", "One self-contained HTML report: summary, top, flame graph, call graph, diff, checks");
  cmd->footer("Examples: proflens report cpu.pb.gz -o report.html\n"
              "          proflens report new.pb.gz --base old.pb.gz --rules perf-budget.rules -o report.html");
  AddReportOptions(*cmd, *args);
  cmd->add_option("-o,--output", args->output, "Output HTML file")->capture_default_str();
  CLI::Option* output = cmd->get_option("--output");
  cmd->callback([args, output, &context] {
    args->output_given = output->count() > 0;
    context.status = RunReport(*args, context);
  });
}

}  // namespace proflens
