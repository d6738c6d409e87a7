// Folded stacks (FlameGraph, inferno, py-spy): one line per stack, frames
// root first, separated by ';', then a space and the count:
//   main;parse;read_token 12
// Frames may hold spaces: the count is the last field. A frame "[name]" is a
// frame without a symbol in binary "name" (as stackcollapse-perf.pl writes
// them; "[unknown]" when the binary is unknown too). difffolded.pl's
// two-column form "stack before after" is read as a base plus a profile.
//
// The writer produces stackcollapse-perf.pl's output from any profile: the
// process name (comm, with -PID or -PID/TID) as the root frame where the
// profile has one, its name tidying, its _[k] _[j] _[i] annotations, lines
// sorted bytewise.
#ifndef PROFLENS_FORMATS_FOLDED_FOLDED_H_
#define PROFLENS_FORMATS_FOLDED_FOLDED_H_

#include <atomic>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "formats/io/line_scanner.h"
#include "formats/io/text_pieces.h"

namespace proflens {

struct FoldedResult {
  Profile profile;              // the counts (the "after" column of a two-column file)
  std::optional<Profile> base;  // the "before" column of a two-column file
  std::vector<SkippedLines> skipped;
  size_t pieces = 1;            // how many pieces the input was read in
};

Result<FoldedResult> ReadFolded(std::string_view text, const PieceReadOptions& options = {});

// True when `line` has the shape "frames count" (or "frames before after").
bool IsFoldedLine(std::string_view line);

// stackcollapse-perf.pl's options, with its names.
struct FoldedOptions {
  int sample_index = 0;
  bool pid = false;      // root frame "comm-PID"
  bool tid = false;      // root frame "comm-PID/TID"
  bool kernel = false;   // kernel frames get "_[k]"
  bool jit = false;      // frames from /tmp/perf-PID.map get "_[j]"
  bool addrs = false;    // unknown symbols as "[dso <addr>]"
  bool srcline = false;  // append ":file:line" where the profile knows it
  int threads = 1;       // threads that sort and write the lines (the output is the same for any number)
  // --all is kernel and jit together (inline frames of "a->b" chains always get "_[i]").
};

// Writes one line per distinct rendered stack with the sum of its values for
// options.sample_index; samples whose value is 0 are left out.
void WriteFolded(const Profile& profile, const FoldedOptions& options, std::ostream& out);

// difffolded.pl's two-column form: "stack before after" for every stack of
// either profile (0 where a profile lacks it), sorted bytewise. `base_factor`
// converts base values to the new profile's unit; with `normalize`, each
// before count is scaled by new total / base total and truncated, as
// difffolded.pl -n does. Counts read in thousandths (fractional folded
// input) are written in whole samples, their fraction cut off as inferno's
// diff-folded does ("14.234" is 14).
void WriteFoldedDiff(const Profile& base, const FoldedOptions& base_options, double base_factor,
                     const Profile& new_profile, const FoldedOptions& new_options, bool normalize,
                     std::ostream& out);

// stackcollapse-perf.pl's clean-up of one function name: ';' becomes ':',
// an argument list and what follows is cut (Go's "pkg.(*T).M" and
// "(anonymous namespace)" are kept), quotes are dropped.
std::string TidyFrameName(std::string_view name);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_FOLDED_FOLDED_H_
