// The cum of a set of functions in a graph profile (cProfile, callgrind),
// counting each unit of cost once: a matched function's cost is not added
// again where it is reached through another matched function.
//
// A graph profile records per-function inclusive costs and per-arc inclusive
// costs (pstats' callers, callgrind's calls= lines), not stacks. The share of
// each function's cost that runs below a matched function is propagated along
// the arcs from the callers:
//   inside(f) = 1                                          f matched
//   inside(f) = sum(arc(c->f) * inside(c)) / max(cum(f), sum(arc(c->f)))  else
// and the set's cost is what enters it from outside:
//   sum over matched m of  sum(arc(c->m) * (1 - inside(c)))            (called)
//                        + max(0, cum(m) - sum(arc(c->m)))             (roots)
// (self arcs c == m are left out everywhere). Exact on a call graph without
// cycles, and wherever a function's callees share its context evenly; an
// estimate through cycles (mutual recursion) and where one function is called
// both inside and outside the set and its callees depend on which.
#ifndef PROFLENS_ANALYZER_GRAPH_SET_COST_H_
#define PROFLENS_ANALYZER_GRAPH_SET_COST_H_

#include <cstdint>
#include <vector>

#include "analyzer/call_graph.h"

namespace proflens {

// The cum of sample type t of the nodes with `matched[n]` (one entry per
// node), each unit of cost once; between the largest matched node's cum and
// the graph's total.
int64_t GraphSetCum(const CallGraph& graph, const std::vector<bool>& matched, int t);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_GRAPH_SET_COST_H_
