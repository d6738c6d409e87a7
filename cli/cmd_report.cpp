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
  AddViewOptions(*cmd, args->view);
  cmd->add_option("-o,--output", args->output, "Output HTML file")->capture_default_str();
  cmd->add_option("--title", args->title, "Title of the report");
  AddRuleOptions(*cmd, args->rules);  // the options of check: one rules file works in both
  cmd->add_option("--minwidth", args->min_width, "Leave flame frames narrower than this many pixels out (keeps big reports small)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("-n,--nodecount", args->node_count, "Nodes in the call graph")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--colors", args->palette, "Flame graph palette: hot, mem, io, java, js")->capture_default_str();
  AddRootOptions(*cmd, args->roots);
  cmd->add_option("--source-dir", args->source_dir,
                  "Also look for source files under this folder (their recorded path appended), for the source view");
  CLI::Option* output = cmd->get_option("--output");
  cmd->callback([args, output, &context] {
    args->output_given = output->count() > 0;
    context.status = RunReport(*args, context);
  });
}

}  // namespace proflens
