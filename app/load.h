// Loading what commands read: profiles (one, or several merged), the
// prepared graph input of the table and picture commands, rules, and file
// lists. Each reports what its readers skipped on the context's stderr.
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
#include "formats/io/input.h"

namespace proflens {

// The bytes of a file, - (standard input) or URL: a URL is fetched with the
// context's fetch options, and its bytes kept in context.save when set (one
// URL only).
Result<InputBuffer> ReadSource(const std::string& path, CommandContext& context, uint64_t max_size);

// Reads one file or URL (with the context's read options, or `read`) and
// reports what its reader skipped, one line per kind on stderr (ReadSource
// reads it). With context.loaded set, the input is a copy of the cached
// one, and a path not in the cache is an error.
Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context);
Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context, const ReadOptions& read);
// The same for a file already read (ReadInput).
Result<LoadedProfile> LoadProfile(const std::string& path, const InputBuffer& input, CommandContext& context,
                                  const ReadOptions& read);

// Every path read once (proflens serve), for CommandContext::loaded; each
// input's timeline kept.
Result<LoadedInputCache> LoadInputCache(const std::vector<std::string>& paths, CommandContext& context);
// One profile of the inputs as ForEachInput hands it over: a plain file, or
// a profile inside a directory or an archive.
struct InputItem {
  std::string name;  // for messages: the path, "day/node-1/cpu.pb.gz", or "day.tar.gz:node-1/cpu.pb.gz"
  std::string file;  // its path inside its directory or archive, "" for a plain file: the `file` label
  const InputBuffer& input;
};

// Expands the paths: a directory (recursively, files in sorted order) and a
// tar, tar.gz or zip archive (recognized by content) into the profiles they
// hold, each read in turn (an archive's entries one at a time). Files and
// entries that are no profile are passed over with one note per directory or
// archive counting them; one that holds no profile at all is an input error.
Status ForEachInput(const std::vector<std::string>& paths, CommandContext& context,
                    const std::function<Status(const InputItem&)>& visit);

// Profiles read from files and merged into one.
struct LoadedInputs {
  AnyProfile profile;
  std::vector<std::string> formats;  // each input's format ("pprof (gzip)", ...), in order
  // One input's time-order spans, when asked for and it has them (a merge has none).
  std::shared_ptr<const TimelineRecording> timeline;
};

// Reads every path (directories and archives expanded, ForEachInput) and
// merges them into one profile; a profile from a directory or an archive
// carries the label `file`, its path inside. Inputs of several kinds (sets
// of sample types: CPU and heap) are merged kind by kind and one kind is
// kept: the first that has the sample type `kind` names (a --sample-index),
// else the first input's, with a note on stderr naming the kinds left out
// (`kind_must_be_named`: an input error instead, for what writes a profile).
// `keep_timeline`: keep a single timeline input's spans.
Result<LoadedInputs> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context,
                                  bool keep_timeline = false, const std::string& kind = "",
                                  bool kind_must_be_named = false);

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

// The paths listed in a file, one a line (blank lines and surrounding blanks
// ignored); "-" reads standard input.
Result<std::vector<std::string>> ReadFileList(const std::string& list);

}  // namespace proflens

#endif  // PROFLENS_APP_LOAD_H_
