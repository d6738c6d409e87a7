// Canonical text forms of the model, for reader tests and debugging, and the
// model's invariants, checked after every reader in debug, sanitizer and
// fuzz builds (PROFLENS_CHECK_VALID).
#ifndef PROFLENS_ANALYZER_PROFILE_DEBUG_H_
#define PROFLENS_ANALYZER_PROFILE_DEBUG_H_

#include <string>

#include "analyzer/call_graph.h"
#include "analyzer/graph_profile.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

// Sample types (the default marked *), period, time, duration, comments,
// then one line per sample: its values, its frames from the root down to the
// leaf ("main;parse;lex", inlined frames as "outer;inner"), and its labels.
// Equal strings for profiles that report alike, whatever their ids.
std::string DebugString(const Profile& profile);

// Every node's flat and cum and every edge's ends, weight and flags, for all
// sample types, in order: equal strings for equal graphs.
std::string DebugString(const CallGraph& graph);

// The format and total, then per node its file, start line, flat, cum and
// calls, and per edge its weight, calls and flags (first sample type).
std::string DebugString(const GraphProfile& profile);

// The first broken invariant, as an internal error naming it: strings[0] is
// "", every string, mapping, function, location, line, stack and label-set
// reference is in range, every sample has one value per sample type.
Status CheckValid(const Profile& profile);
// The same for a graph: node and edge references and value counts.
Status CheckValid(const GraphProfile& profile);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PROFILE_DEBUG_H_
