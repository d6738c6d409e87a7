#include "cli/cmd_common.h"

#include <CLI/CLI.hpp>

namespace proflens {

void AddSymbolsOption(CLI::App& cmd, std::string& symbols) {
  CLI::Option* option = cmd.add_option("--symbols", symbols,
                                       "short: names as the name policy (docs/formats-and-names.md) shortens them (C++ and Rust without "
                                       "parameters and generic arguments); full: every name as the input wrote it")
                            ->check(CLI::IsMember({"short", "full"}));
  if (!symbols.empty()) option->capture_default_str();
}

void AddFilterOptions(CLI::App& cmd, ViewArgs& args, bool both_sides) {
  AddSymbolsOption(cmd, args.symbols);
  cmd.add_option("--sample-index", args.sample_index,
                 both_sides ? "Sample type of NEW to compare (the base's of the same name)"
                            : "Sample type to show, by name or number (default: the profile's default, else the last)");
  cmd.add_option("--granularity", args.granularity, "functions, filefunctions, files, lines, addresses")
      ->capture_default_str();
  const std::string sides = both_sides ? " (both sides)" : "";
  FilterOptions& f = args.filters;
  cmd.add_option("--focus", f.focus, "Keep samples with a frame matching this regex" + sides);
  cmd.add_option("--ignore", f.ignore, "Drop samples with a frame matching this regex" + sides);
  cmd.add_option("--hide", f.hide, "Remove frames matching this regex from stacks" + sides);
  cmd.add_option("--show", f.show, "Keep only frames matching this regex" + sides);
  cmd.add_option("--show-from", f.show_from, "Cut stacks above the outermost frame matching this regex" + sides);
  cmd.add_option("--prune-from", f.prune_from, "Cut stacks below the frames matching this regex" + sides);
  cmd.add_option("--tagfocus", f.tagfocus, "Keep samples with a label: key=regex, key=N, key=N:M (units allowed)" + sides);
  cmd.add_option("--tagignore", f.tagignore, "Drop samples with a label, same forms as --tagfocus" + sides);
}

void AddBaseOption(CLI::App& cmd, std::vector<std::string>& base, const char* description) {
  cmd.add_option("--base", base, description)
      ->allow_extra_args(false)  // one file per --base, so positionals stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void AddViewOptions(CLI::App& cmd, ViewArgs& args, const char* symbols) {
  args.symbols = symbols;
  AddFilterOptions(cmd, args);
  cmd.add_option("files", args.files,
                 std::string("Profiles to read (") + kFormatsRead +
                     "); several are merged; - reads standard input; http:// and https:// URLs are fetched")
      ->required();
  cmd.add_flag("--relative-percentages", args.relative_percentages,
               "Percentages of the filtered total, not of the whole profile");
  AddBaseOption(cmd, args.base, "Show the profile minus this base (like pprof -diff_base); repeat to merge bases");
  cmd.add_flag("--normalize", args.normalize, "With --base: scale the base so both totals match");
}

CLI::Validator AtLeast(int least) {
  return CLI::Validator(
      [least](std::string& value) -> std::string {
        double number = 0;
        if (!CLI::detail::lexical_cast(value, number)) return "\"" + value + "\" is not a number";
        if (number < least) return "must be " + std::to_string(least) + " or more, not " + value;
        return "";
      },
      "N>=" + std::to_string(least));
}

void AddRuleOptions(CLI::App& cmd, RuleArgs& args) {
  cmd.add_option("-a,--assert", args.assertions, "A rule (repeat for more)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--rules", args.rules_file, "A file (or http(s) URL) of rules: one per line, # comments, optional 'name: rule'");
  cmd.add_option("--ops", args.ops, "Operations the profile covers (for ops and the *_per_op metrics)");
  cmd.add_option("--bench-output", args.bench_output,
                 "What go test -bench printed (a file or URL): its op count is ops (X / ops is per op) and its figures are "
                 "bench(\"ns/op\"), bench(\"B/op\"), bench(\"allocs/op\")");
  cmd.add_option("--bench", args.bench, "The benchmarks of --bench-output the rules are about (a regex on their names)");
  cmd.add_option("--min-share", args.min_share,
                 "new_functions/gone_functions count functions whose cum is at least this share of the total")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd.add_flag("--allow-missing", args.allow_missing,
               "A pattern that matches no function gives 0 instead of failing its rule (as flat?/cum?/calls? do)");
}

void AddReportOptions(CLI::App& cmd, ReportArgs& args, const char* symbols) {
  AddViewOptions(cmd, args.view, symbols);
  cmd.add_option("--title", args.title, "Title of the report");
  AddRuleOptions(cmd, args.rules);  // the options of check: one rules file works in both
  cmd.add_option("--minwidth", args.min_width, "Leave flame frames narrower than this many pixels out (keeps big reports small)")
      ->check(AtLeast(0))->capture_default_str();
  cmd.add_option("-n,--nodecount", args.node_count, "Nodes in the call graph")->check(AtLeast(1))->capture_default_str();
  cmd.add_option("--colors", args.palette, "Flame graph palette: hot, mem, io, java, js")->capture_default_str();
  AddRootOptions(cmd, args.roots);
  cmd.add_option("--source-dir", args.source_dir,
                 "Also look for source files under this folder (their recorded path appended), for the source view");
}

void AddRootOptions(CLI::App& cmd, RootArgs& args) {
  CLI::Option* pid = cmd.add_flag("--pid", args.pid, "Flame roots are process name-PID, one per process (default: one per process name, as flamegraph.pl)");
  CLI::Option* tid = cmd.add_flag("--tid", args.tid, "Flame roots are process name-PID/TID, one per thread");
  CLI::Option* merge = cmd.add_flag("--merge-roots", args.merge, "No process or thread roots: every process and thread merged");
  pid->excludes(tid)->excludes(merge);
  tid->excludes(merge);
}

void AddOutputOptions(CLI::App& cmd, OutputArgs& args) {
  cmd.add_option("-o,--output", args.path, "Output file (- for standard output); written atomically")
      ->capture_default_str();
  cmd.add_option("--to", args.to,
                 "pprof, folded, speedscope or callgrind (default: from the output's name: .pb.gz, .pb, .folded, "
                 ".speedscope.json, callgrind.out.*)")
      ->check(CLI::IsMember({"pprof", "folded", "speedscope", "callgrind"}));
  cmd.add_option("--sample-index", args.sample_index,
                 "Sample type written to folded output (default: the profile's default)");
  cmd.add_flag("--pid", args.pid, "folded: root frame is comm-PID (stackcollapse-perf.pl --pid)");
  cmd.add_flag("--tid", args.tid, "folded: root frame is comm-PID/TID (--tid)");
  cmd.add_flag("--kernel", args.kernel, "folded: kernel frames get _[k] (--kernel)");
  cmd.add_flag("--jit", args.jit, "folded: JIT frames (/tmp/perf-PID.map) get _[j] (--jit)");
  cmd.add_flag("--all", args.all, "folded: all annotations, as --kernel --jit (--all)");
  cmd.add_flag("--addrs", args.addrs, "folded: unknown symbols as [dso <addr>] (--addrs)");
  cmd.add_flag("--srcline", args.srcline, "folded: append :file:line where known (--srcline)");
}

void AddPerfDataOptions(CLI::App& cmd, ReadOptions& read) {
  cmd.add_option("--symfs", read.symfs,
                 "perf.data: look the recorded binaries up under DIR (as perf's --symfs), after perf's build-id cache");
  cmd.add_option("--buildid-dir", read.perf_debug_dir,
                 "perf.data: perf's build-id cache, where perf record keeps copies of the binaries and kallsyms "
                 "(as perf's --buildid-dir; default ~/.debug)");
}

}  // namespace proflens
