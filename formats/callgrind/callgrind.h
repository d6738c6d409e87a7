// Callgrind profiles (valgrind --tool=callgrind, and everything that writes
// its format for KCachegrind).
//
// Reading: the header (events, positions, summary/totals, cmd, desc), name
// compression "(id) name" in the ob, fl (fl/fi/fe/cfi/cfl/jfi) and fn
// (fn/cfn/jfn) namespaces, cost lines with absolute, relative (+N, -N) and
// repeated (*) positions, and calls= lines whose next cost line is the
// inclusive cost of the calls. A function is its file and name, as
// callgrind_annotate keys it ("fi="/"fe=" costs belong to the inlined file's
// entry). The result is a graph profile, one sample type per event:
//   flat = the function's own cost lines;
//   cum  = as callgrind_annotate --inclusive=yes computes it: the sum of the
//          inclusive costs of every call into the function, or for functions
//          nothing calls, their own cost plus their calls' inclusive costs;
//   edges = the calls, weighted by inclusive cost, with call counts.
//
// Writing (`convert --to callgrind`): a graph profile's nodes and edges, or a
// stack profile's call graph (pprof's counting rules) in the same form.
#ifndef PROFLENS_FORMATS_CALLGRIND_CALLGRIND_H_
#define PROFLENS_FORMATS_CALLGRIND_CALLGRIND_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/graph_profile.h"
#include "analyzer/status.h"
#include "formats/io/line_scanner.h"

namespace proflens {

// What the reader noticed and read anyway goes to `notes`, one line each: a
// summary: line that disagrees with the costs, "*" written for an event count
// (the "* *" of some writers: read as 0, as callgrind_annotate reads it), an
// id never given a name (named by itself, "(7)"; an id named further down
// the file is looked up there). Lines callgrind_annotate ignores as
// malformed (an unknown key, a line of no kind, a bad number) are skipped and
// counted in `skipped` (or a note when it is null); a call whose cost line is
// skipped is dropped.
Result<GraphProfile> ReadCallgrind(std::string_view text, std::vector<std::string>* notes = nullptr,
                                   std::vector<SkippedLines>* skipped = nullptr);

// A line only callgrind files have: "# callgrind format", "events: ...",
// "positions: ...", or an fn=/cfn= line.
bool IsCallgrindHeaderLine(std::string_view line);

void WriteCallgrind(const AnyProfile& profile, std::ostream& out);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_CALLGRIND_CALLGRIND_H_
