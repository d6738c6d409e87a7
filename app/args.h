// The arguments commands share, as cli/ binds them to options: the view of a
// profile (files, base, sample type, granularity, filters, names), the rule
// engine's, the flame graph roots', and where a profile is written.
#ifndef PROFLENS_APP_ARGS_H_
#define PROFLENS_APP_ARGS_H_

#include <string>
#include <vector>

#include "analyzer/filters.h"
#include "analyzer/root_frames.h"

namespace proflens {

// What every command that filters shows: sample type, granularity, filters
// and names; the files and an optional base (pprof's -diff_base).
struct ViewArgs {
  std::vector<std::string> files;
  std::vector<std::string> base;  // --base: show files minus base
  bool normalize = false;         // scale the base to the files' total
  std::string sample_index;
  std::string granularity = "functions";
  bool relative_percentages = false;
  FilterOptions filters;
  std::string symbols = "short";  // "short" (the name policy) or "full" (as the input wrote them)
};

// The options of the rule engine, the same in check and report, so one rules
// file works in both.
struct RuleArgs {
  std::vector<std::string> assertions;  // -a
  std::string rules_file;               // --rules
  double ops = -1;                      // --ops (negative: not given)
  double min_share = 0.01;              // --min-share
  bool allow_missing = false;           // --allow-missing
  std::string bench_output;             // --bench-output: go test -bench's output, for ops and bench("ns/op")
  std::string bench;                    // --bench: a regex on its benchmark names
  bool any() const { return !assertions.empty() || !rules_file.empty(); }
};

// The roots of a flame graph: --pid, --tid (as convert's), --merge-roots.
struct RootArgs {
  bool pid = false, tid = false, merge = false;
  ProcessRoots roots() const {
    return merge ? ProcessRoots::kNone : tid ? ProcessRoots::kTid : pid ? ProcessRoots::kPid : ProcessRoots::kName;
  }
};

// Where and how `convert` and `merge` write a profile.
struct OutputArgs {
  std::string path = "-";
  std::string to;            // pprof, folded, speedscope or callgrind; from path's name when empty
  std::string sample_index;  // folded output holds one sample type
  bool pid = false, tid = false, kernel = false, jit = false, all = false, addrs = false, srcline = false;
};

}  // namespace proflens

#endif  // PROFLENS_APP_ARGS_H_
