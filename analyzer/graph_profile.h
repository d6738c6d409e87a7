// Graph profiles: inputs that record a call graph (per-function self and
// inclusive costs, call arcs, call counts) instead of stacks, as cProfile and
// callgrind do. A reader of such a format returns a GraphProfile; a command
// takes it through AnyProfile (any_profile.h), which says once what needs
// stacks.
#ifndef PROFLENS_ANALYZER_GRAPH_PROFILE_H_
#define PROFLENS_ANALYZER_GRAPH_PROFILE_H_

#include <memory>
#include <string>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"
#include "analyzer/trim.h"

namespace proflens {

struct GraphProfile {
  // The profile-wide facts, as a Profile with no samples: sample types, the
  // default type, time, duration, comments. Sample-type lookups read it.
  Profile header;
  // Functions (nodes), call arcs (edges), call counts, totals; never null.
  std::shared_ptr<const CallGraph> graph;
  std::string format;           // what recorded it: "cProfile", "callgrind"
  NodeSorter sorter = nullptr;  // how the format's own tables rank functions; null: pprof's
};

// Wraps a complete graph (nodes, edges, sample types, totals, source).
// Reports use sample type `default_index` when none is asked for (-1: the
// last, as for any profile).
GraphProfile MakeGraphProfile(CallGraph graph, std::string format, int default_index = -1,
                              NodeSorter sorter = nullptr);

// The graph with only the nodes whose NodeInfo::Key is in `kept` (all when
// null), and the edges between them.
CallGraph KeepNodes(const CallGraph& graph, const NodeKeySet* kept);

// Merges graph profiles: nodes with equal keys add up, as pstats.Stats.add does.
// All must have the same sample types.
Result<GraphProfile> MergeGraphProfiles(const std::vector<const GraphProfile*>& profiles);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_GRAPH_PROFILE_H_
