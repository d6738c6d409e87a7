// Pieces every subcommand shares: its context, loading and merging inputs,
// and writing a profile in a chosen format.
#ifndef PROFLENS_CLI_CMD_COMMON_H_
#define PROFLENS_CLI_CMD_COMMON_H_

#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/assertions.h"
#include "analyzer/graph_input.h"
#include "analyzer/profile.h"
#include "analyzer/root_frames.h"
#include "analyzer/status.h"
#include "formats/read_profile.h"

namespace CLI {
class App;
}

namespace proflens {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  Status status;     // set by the subcommand that ran
  ReadOptions read;  // global input options
  std::string reading;  // the input being read, for an out-of-memory message
  bool color = false;   // --color: PASS and FAIL in colour (a terminal, unless NO_COLOR)
};

// Reads one file and reports what its reader skipped, one line per kind on stderr.
Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context);
// The same for a file already read (ReadInput).
Result<LoadedProfile> LoadProfile(const std::string& path, const InputBuffer& input, CommandContext& context);

// Reads every path and merges them into one profile (sample types must agree).
// `formats`, when given, receives each input's format ("pprof (gzip)", ...).
// `timeline`: set to the one input's time-order spans, when asked for and it has them.
Result<AnyProfile> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context,
                             std::vector<std::string>* formats = nullptr,
                             std::shared_ptr<const TimelineRecording>* timeline = nullptr);

// The options of every graph report (top, peek, dot): sample type, granularity, filters.
struct ViewArgs {
  std::vector<std::string> files;
  std::vector<std::string> base;  // --base: show files minus base (pprof's -diff_base)
  bool normalize = false;         // scale the base to the files' total
  std::string sample_index;
  std::string granularity = "functions";
  bool relative_percentages = false;
  FilterOptions filters;
  std::string symbols = "short";  // --symbols: "short" (the name policy) or "full" (as the input wrote them)
};

// `symbols`: the command's default for --symbols.
void AddViewOptions(CLI::App& cmd, ViewArgs& args, const char* symbols = "short");
// --symbols full|short, for commands without the other view options.
void AddSymbolsOption(CLI::App& cmd, std::string& symbols);
// Loads and merges the files, applies the filters (warning on stderr about
// filters that match nothing) and resolves the sample type.
Result<GraphInput> LoadGraphInput(const ViewArgs& args, CommandContext& context);

// The options of the rule engine, the same in check and report, so one rules
// file works in both.
struct RuleArgs {
  std::vector<std::string> assertions;  // -a
  std::string rules_file;               // --rules
  double ops = -1;                      // --ops (negative: not given)
  double min_share = 0.01;              // --min-share
  bool allow_missing = false;           // --allow-missing
  bool any() const { return !assertions.empty() || !rules_file.empty(); }
};
void AddRuleOptions(CLI::App& cmd, RuleArgs& args);
// The CheckContext fields the options set.
void ApplyRuleOptions(const RuleArgs& args, CheckContext& check);

// Check rules from -a options and a --rules file, parsed; a usage error when
// there are none or one is malformed, an input error when the file cannot be
// read. Warnings about rule strings go to stderr.
struct LoadedRules {
  std::vector<RuleSource> sources;
  std::vector<Rule> rules;
};
Result<LoadedRules> LoadRules(const RuleArgs& args, CommandContext& context);

// The accepted values of --format for table outputs.
inline const std::vector<std::string> kTableFormats = {"text", "json", "csv"};

// The roots of a flame graph: --pid, --tid (as convert's), --merge-roots.
struct RootArgs {
  bool pid = false, tid = false, merge = false;
  ProcessRoots roots() const {
    return merge ? ProcessRoots::kNone : tid ? ProcessRoots::kTid : pid ? ProcessRoots::kPid : ProcessRoots::kName;
  }
};
void AddRootOptions(CLI::App& cmd, RootArgs& args);

// Where and how `convert` and `merge` write a profile.
struct OutputArgs {
  std::string path = "-";
  std::string to;            // pprof or folded; from path's extension when empty
  std::string sample_index;  // folded output holds one sample type
  bool pid = false, tid = false, kernel = false, jit = false, all = false, addrs = false, srcline = false;
};

void AddOutputOptions(CLI::App& cmd, OutputArgs& args);
Status WriteProfileAs(const AnyProfile& profile, const OutputArgs& args, CommandContext& context);

}  // namespace proflens

#endif  // PROFLENS_CLI_CMD_COMMON_H_
