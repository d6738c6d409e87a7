// AnyProfile: what a reader hands a command: a stack Profile (pprof, perf
// script, folded, speedscope, Chrome trace) or a GraphProfile (cProfile,
// callgrind: per-function totals and call arcs, no stacks). Graph reports
// (top, peek, dot, diff, check, report) read either through BuildGraph;
// whatever needs stacks asks for them once with Stacks(), which refuses a
// graph profile with one message.
#ifndef PROFLENS_ANALYZER_ANY_PROFILE_H_
#define PROFLENS_ANALYZER_ANY_PROFILE_H_

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/filters.h"
#include "analyzer/graph_profile.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

class AnyProfile {
 public:
  AnyProfile() = default;
  AnyProfile(Profile stacks) : value_(std::move(stacks)) {}       // NOLINT: implicit by design
  AnyProfile(GraphProfile graph) : value_(std::move(graph)) {}    // NOLINT

  // Sample types, default type, time, duration, comments, of either kind.
  const Profile& header() const;
  // The stacks; null for a graph profile.
  const Profile* stacks() const { return std::get_if<Profile>(&value_); }
  Profile* mutable_stacks() { return std::get_if<Profile>(&value_); }
  // The graph profile; null for stacks.
  const GraphProfile* graph() const { return std::get_if<GraphProfile>(&value_); }

  // The stacks, or a usage error for a graph profile: `what` is the subject
  // and its verb ("flame graphs need"), and the message says what to use.
  Result<const Profile*> Stacks(std::string_view what) const;
  // A usage error when a graph profile is asked for what only stacks give:
  // a granularity other than functions, or filters.
  Status CheckView(Granularity granularity, const FilterOptions& filters) const;

  // The call graph of every sample type: built from the stacks, or the
  // recorded graph less the nodes not kept (every granularity is its functions).
  CallGraph BuildGraph(const CallGraphOptions& options) const;
  // Sum of |value| per sample type (pprof's total), or the recorded totals.
  std::vector<int64_t> Totals() const;
  // Sample records read (stacks) or functions recorded (graph profiles).
  uint64_t RecordCount() const;
  // How the input's own tables rank functions (null: pprof's).
  NodeSorter sorter() const;

  Result<int> SampleIndexByName(std::string_view name) const { return header().SampleIndexByName(name); }

 private:
  std::variant<Profile, GraphProfile> value_;
};

// CheckValid (profile_debug.h) of either kind.
Status CheckValid(const AnyProfile& profile);

// Merges profiles of one kind (stacks with stacks, graphs with graphs) and
// the same sample types; `names` name them in errors.
Result<AnyProfile> MergeAnyProfiles(std::span<const AnyProfile* const> profiles, std::span<const std::string> names);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_ANY_PROFILE_H_
