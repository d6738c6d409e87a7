// Graph profiles: inputs that record a call graph (per-function self and
// inclusive costs, call arcs, call counts) instead of stacks, as cProfile and
// callgrind do. They travel as a Profile without samples whose `graph` holds
// the CallGraph; every graph report reads it through BuildCallGraph, and
// anything that needs stacks refuses it with RequireStacks.
#ifndef PROFLENS_ANALYZER_GRAPH_PROFILE_H_
#define PROFLENS_ANALYZER_GRAPH_PROFILE_H_

#include <string_view>

#include "analyzer/call_graph.h"
#include "analyzer/filters.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// Wraps a complete graph (nodes, edges, sample types, totals, graph_format
// set). Reports use sample type `default_index` when none is asked for
// (-1: the last, as for any profile).
Profile MakeGraphProfile(CallGraph graph, int default_index = -1);

// The graph with only the nodes whose NodeInfo::Key is in `kept` (all when
// null), and the edges between them.
CallGraph KeepNodes(const CallGraph& graph, const NodeKeySet* kept);

// A usage error when `profile` is a graph profile; `what` is the subject and
// its verb, as in "flame graphs need".
Status RequireStacks(const Profile& profile, std::string_view what);

// A usage error when a graph report asks a graph profile for what only
// stacks can give: a granularity finer or coarser than functions, or filters.
Status CheckGraphView(const Profile& profile, Granularity granularity, const FilterOptions& filters);

// Merges graph profiles: nodes with equal keys add up, as pstats.Stats.add does.
// All must be graph profiles with the same sample types.
Result<Profile> MergeGraphProfiles(const std::vector<const Profile*>& profiles);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_GRAPH_PROFILE_H_
