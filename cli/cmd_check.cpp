// proflens check FILE... -a 'RULE' [--rules FILE] [--base FILE]: CI gates.
// Exit 0 when every rule holds, 1 when one fails, 2 for a malformed rule,
// 3 for an unreadable input.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>

#include "analyzer/assertions.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "cli/comparison.h"
#include "formats/check_text.h"
#include "formats/json.h"
#include "formats/junit.h"
#include "formats/output_file.h"

namespace proflens {

namespace {

struct CheckArgs {
  std::string symbols = "short";
  std::vector<std::string> files;
  std::vector<std::string> base;
  RuleArgs rules;
  std::string sample_index;
  std::string granularity = "functions";
  std::string junit;
  bool json = false;
};

// The checks, up to the results; any error is returned for the caller to
// report (and to put in the JUnit file).
Result<std::vector<RuleResult>> EvaluateCheck(const CheckArgs& args, CommandContext& context) {
  Result<LoadedRules> rules = LoadRules(args.rules, context);
  if (!rules.ok()) return rules.status();
  Result<Granularity> granularity = ParseGranularity(args.granularity);
  if (!granularity.ok()) return granularity.status();
  ComparisonSpec spec{args.files, args.base, args.sample_index};
  spec.full_names = args.symbols == "full";
  Result<Comparison> loaded = LoadComparison(spec, context);
  if (!loaded.ok()) return loaded.status();
  CheckContext check;
  check.profile = &loaded->profile;
  check.base = loaded->base ? &*loaded->base : nullptr;
  check.sample_index = args.sample_index;
  ApplyRuleOptions(args.rules, check);
  check.granularity = *granularity;
  return EvaluateRules(rules->rules, rules->sources, check);
}

Status RunCheck(const CheckArgs& args, CommandContext& context) {
  Result<std::vector<RuleResult>> evaluated = EvaluateCheck(args, context);
  if (!evaluated.ok()) {
    // CI reads the JUnit file: it says what went wrong when nothing could be checked.
    if (!args.junit.empty()) {
      const Status written = WriteOutputFile(args.junit, WriteJunitError(evaluated.status().message(), "proflens check"), context.out);
      if (!written.ok()) context.err << "proflens: " << written.message() << '\n';
    }
    return evaluated.status();
  }
  const std::vector<RuleResult>& results = *evaluated;

  if (args.json) {
    WriteCheckJson(results, context.out);
  } else {
    WriteCheckText(results, context.out, context.color);
  }
  const char* github = std::getenv("GITHUB_ACTIONS");
  if (github != nullptr && std::string(github) == "true") WriteGithubAnnotations(results, context.out);
  if (!args.junit.empty()) PROFLENS_RETURN_IF_ERROR(WriteOutputFile(args.junit, WriteJunit(results, "proflens check"), context.out));
  for (const RuleResult& r : results) {
    if (!r.passed) return Status(StatusCode::kAssertionFailed, "");
  }
  return Status::Ok();
}

}  // namespace

void AddCheckCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Gate a build on rules such as cum(\"parse\") < 5% (exit 1 when one fails)");
  cmd->footer(
      "Examples: proflens check cpu.pb.gz -a 'cum(\"parse\") < 5%' -a 'max_cpu_per_op < 100ms' --ops 1000\n"
      "          proflens check new.pb.gz --base main.pb.gz --rules perf-budget.rules --junit gates.xml\n"
      "Rules: numbers with units (ns us ms s min h, B kB MB GB, KiB MiB GiB, %), metrics total samples\n"
      "duration flat(re) cum(re) calls(re) count(re) max_flat max_cum ops cpu_per_op alloc_per_op\n"
      "max_cpu_per_op max_alloc_per_op base.X change(X) new_functions gone_functions, + - * /,\n"
      "< <= > >= == !=, and or not (&& || !), parentheses. A quantity against a percentage compares\n"
      "its share of the total. Rules files: one rule per line, # comments, optional 'name: rule'.\n"
      "Exit codes: 0 all rules hold, 1 a rule failed, 2 a malformed rule, 3 unreadable input.");
  cmd->add_option("files", args->files, "Profiles to check (several are merged)")->required();
  AddRuleOptions(*cmd, args->rules);
  cmd->add_option("--base", args->base, "Base profile for base.X, change(X), new_functions, gone_functions")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  AddSymbolsOption(*cmd, args->symbols);
  cmd->add_option("--sample-index", args->sample_index, "Sample type the metrics read (default: the profile's default)");
  cmd->add_option("--granularity", args->granularity, "functions, filefunctions, files, lines, addresses")->capture_default_str();
  cmd->add_option("--junit", args->junit,
                  "Also write JUnit XML to this file (one testcase per rule; an error testcase when the rules or "
                  "inputs cannot be read)");
  cmd->add_flag("--json", args->json, "Print the results as JSON instead of text");
  cmd->callback([args, &context] { context.status = RunCheck(*args, context); });
}

}  // namespace proflens
