// proflens check FILE... -a 'RULE' [--rules FILE] [--base FILE]: CI gates.
// Exit 0 when every rule holds, 1 when one fails, 2 for a malformed rule,
// 3 for an unreadable input.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddCheckCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Gate a build on rules such as cum(\"parse\") < 5% (exit 1 when one fails)");
  cmd->footer(
      "Examples: proflens check cpu.pb.gz -a 'cum(\"parse\") < 5%' -a 'max_cpu_per_op < 100ms' --ops 1000\n"
      "          proflens check new.pb.gz --base main.pb.gz --rules perf-budget.rules --junit gates.xml\n"
      "          proflens check heap-*.pb.gz -a 'growth < 100MB/h'\n"
      "          proflens check cpu.pb.gz --focus 'BenchmarkParse$' --bench-output bench.txt --bench Parse -a 'cum(\"parse\") / ops < 2us'\n"
      "Rules: numbers with units (ns us ms s min h, B kB MB GB, KiB MiB GiB, %, rates MB/h ms/min /s), metrics total samples\n"
      "duration flat(re) cum(re) calls(re) count(re) max_flat max_cum ops cpu_per_op alloc_per_op\n"
      "max_cpu_per_op max_alloc_per_op base.X change(X) new_functions gone_functions growth(X) bench(\"ns/op\"), + - * /,\n"
      "< <= > >= == !=, and or not (&& || !), parentheses. A quantity against a percentage compares\n"
      "its share of the total. Rules files: one rule per line, # comments, optional 'name: rule'.\n"
      "The filters (--focus, --ignore, ...) apply before the rules, to the profile and the base.\n"
      "Several inputs are merged, but growth reads them one by one at their times.\n"
      "Exit codes: 0 all rules hold, 1 a rule failed, 2 a malformed rule, 3 unreadable input.");
  cmd->add_option("files", args->view.files,
                  std::string("Profiles to check (") + kFormatsRead + "; several are merged; growth follows them over time)")
      ->required();
  AddRuleOptions(*cmd, args->rules);
  AddBaseOption(*cmd, args->view.base, "Base profile for base.X, change(X), new_functions, gone_functions");
  AddFilterOptions(*cmd, args->view, /*both_sides=*/false);
  cmd->add_option("--junit", args->junit,
                  "Also write JUnit XML to this file (one testcase per rule; an error testcase when the rules or "
                  "inputs cannot be read)");
  cmd->add_flag("--json", args->json, "Print the results as JSON instead of text");
  cmd->callback([args, &context] { context.status = RunCheck(*args, context); });
}

}  // namespace proflens
