// The options as other tools' users type them: pprof's spellings rewritten
// into proflens's before parsing, and the closest option named for one that
// does not exist.
#ifndef PROFLENS_CLI_OPTION_SPELLINGS_H_
#define PROFLENS_CLI_OPTION_SPELLINGS_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace proflens {

// pprof's options as proflens spells them, up to a "--":
//   -sample_index=X, --sample_index X   --sample-index=X (also -si)
//   -alloc_space, --inuse_space, -alloc_objects, -inuse_objects
//                                       --sample-index=alloc_space, ...
//   -cum, -flat                         --sort=cum, --sort=flat
//   -nodecount=N, -focus=re, -show_from=re, -diff_base=F, ...
//                                       --nodecount=N, --focus=re, --show-from=re, --base=F
//   -functions, -files, -lines, -addresses, -filefunctions
//                                       --granularity=functions, ...
//   -relative_percentages               --relative-percentages
//   -symbolize=none                     (dropped: pprof profiles are never symbolized)
// Other arguments are kept as they are. args[0] is the program.
std::vector<std::string> TranslatePprofSpellings(const std::vector<std::string>& args);

// After a parse error: for the first option in `args` that neither the app
// nor the command in use knows, "unknown option "--srot"; did you mean
// "--sort"?" (or without the suggestion when nothing is close); "" when every
// option is known.
std::string UnknownOptionMessage(CLI::App& app, const std::vector<std::string>& args);

}  // namespace proflens

#endif  // PROFLENS_CLI_OPTION_SPELLINGS_H_
