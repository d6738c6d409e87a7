// Loading what commands read: profiles (several merged, kind by kind), the
// prepared graph input of the table and picture commands, rules, and file
// lists (app/read_inputs.h reads and expands each input).
#ifndef PROFLENS_APP_LOAD_H_
#define PROFLENS_APP_LOAD_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/assertions.h"
#include "analyzer/graph_input.h"
#include "analyzer/status.h"
#include "analyzer/timeline.h"
#include "app/args.h"
#include "app/command_context.h"
#include "app/read_inputs.h"
#include "formats/io/input.h"

namespace proflens {

// Profiles read from files and merged into one (one a kind with Kinds::kEvery).
struct LoadedInputs {
  AnyProfile profile;
  std::vector<std::string> formats;  // each input's format ("pprof (gzip)", ...), in order
  std::vector<std::string> inputs;   // the profiles merged, by InputItem::name, in order
  // One input's time-order spans, when asked for and it has them (a merge has none).
  std::shared_ptr<const TimelineRecording> timeline;
  // Kinds::kEvery: the inputs' other kinds, each merged, in the order first seen.
  std::vector<LoadedInputs> other_kinds;
};

// What LoadProfiles makes of inputs of several kinds (sets of sample types:
// CPU and heap profiles of one day).
enum class Kinds {
  kOne,       // the kind --sample-index names, else the first, with a note naming the others
  kMustName,  // the same, but several kinds and none named is an input error (what writes a profile)
  kEvery,     // every kind: the one named (or the first) in `profile`, the others in `other_kinds`
};

// Reads every path (directories and archives expanded, ForEachInput) and
// merges them into one profile; a profile from a directory or an archive
// carries the label `file`, its path inside. Inputs of several kinds (sets
// of sample types: CPU and heap) are merged kind by kind; the kind shown is
// the first that has the sample type `kind` names (a --sample-index), else
// the first input's; `kinds` says what becomes of the others.
// `keep_timeline`: keep a single timeline input's spans.
Result<LoadedInputs> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context,
                                  bool keep_timeline = false, const std::string& kind = "", Kinds kinds = Kinds::kOne);

// Loads and merges the view's files (minus its base), applies the filters
// (warning on stderr about filters that match nothing) and resolves the
// sample type: what top, peek and dot read.
Result<GraphInput> LoadGraphInput(const ViewArgs& args, CommandContext& context);

// The names of a profile's functions (a graph profile's nodes), which a
// filter that matches nothing is compared with.
std::vector<std::string> FunctionNames(const AnyProfile& profile);

// "proflens: --focus matched nothing; closest function: parse_line" on
// stderr for each filter in `unmatched` ("focus", "show-from", ...); regex
// filters name the one of `names` closest to their pattern.
// `where` names the input ("... matched nothing in heap-1.pb.gz"), or is "".
void WarnUnmatchedFilters(const std::vector<std::string>& names, const FilterOptions& filters,
                          const std::vector<std::string>& unmatched, CommandContext& context,
                          const std::string& where = "");

// Check rules from -a options and a --rules file, parsed; a usage error when
// there are none or one is malformed, an input error when the file cannot be
// read. Warnings about rule strings go to stderr.
struct LoadedRules {
  std::vector<RuleSource> sources;
  std::vector<Rule> rules;
};
Result<LoadedRules> LoadRules(const RuleArgs& args, CommandContext& context);
// The CheckContext fields the rule options set.
void ApplyRuleOptions(const RuleArgs& args, CheckContext& check);

// The paths listed in a file or at a URL (--files-from), one a line (blank
// lines and surrounding blanks ignored); "-" reads standard input.
Result<std::vector<std::string>> ReadFileList(const std::string& list, CommandContext& context);

}  // namespace proflens

#endif  // PROFLENS_APP_LOAD_H_
