// The options several subcommands share, bound to app/'s argument structs:
// the view (files, base, sample type, granularity, filters, names), the rule
// engine's, the flame graph roots' and a profile output's.
#ifndef PROFLENS_CLI_CMD_COMMON_H_
#define PROFLENS_CLI_CMD_COMMON_H_

#include "app/args.h"
#include "app/commands.h"
#include "app/command_context.h"

namespace CLI {
class App;
class Validator;
}

namespace proflens {

// Every format an input may be in, for --help ("recognized by content").
inline constexpr const char* kFormatsRead =
    "pprof, perf.data, perf script, folded stacks, cProfile, callgrind, speedscope, Chrome trace, V8 .cpuprofile, "
    "Firefox Profiler, Austin, tracemalloc, Go goroutine dumps";

// --symbols full|short; `symbols` holds the command's default ("" for none).
void AddSymbolsOption(CLI::App& cmd, std::string& symbols);
// What every command that filters shows: --symbols, --sample-index,
// --granularity and the filters (--focus ... --tagignore), without files.
// `both_sides`: the filters apply to a base and a new profile alike (diff).
void AddFilterOptions(CLI::App& cmd, ViewArgs& args, bool both_sides = false);
// The filter options, then FILES..., --relative-percentages, --base and
// --normalize. `symbols`: the command's default for --symbols.
void AddViewOptions(CLI::App& cmd, ViewArgs& args, const char* symbols = "short");
// --base FILE (repeatable).
void AddBaseOption(CLI::App& cmd, std::vector<std::string>& base, const char* description);

// Counts that must be at least `least` (0 or 1), with a short message
// ("must be 0 or more, not -3") instead of a range up to 1.8e308.
CLI::Validator AtLeast(int least);

void AddRuleOptions(CLI::App& cmd, RuleArgs& args);
void AddRootOptions(CLI::App& cmd, RootArgs& args);
// What report and serve share: the view, --title, the rule options,
// --minwidth, --nodecount, --colors, the roots and --source-dir.
void AddReportOptions(CLI::App& cmd, ReportArgs& args, const char* symbols = "short");
void AddOutputOptions(CLI::App& cmd, OutputArgs& args);
// --symfs DIR, --buildid-dir DIR: where a perf.data input's binaries are looked up.
void AddPerfDataOptions(CLI::App& cmd, ReadOptions& read);

}  // namespace proflens

#endif  // PROFLENS_CLI_CMD_COMMON_H_
