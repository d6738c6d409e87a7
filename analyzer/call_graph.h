// CallGraph: the one model every report reads. A node is a function (or file,
// line, address: the granularity); nodes and edges carry flat and cum for every
// sample type at once, and call counts where the input really knows them.
//
// Counting rules (pprof's, so numbers equal `go tool pprof`):
//   - within one sample, a node's cum counts once however often it recurs;
//   - an edge counts once per sample; a frame calling itself adds no edge;
//   - flat goes to the leaf only (and is lost when the leaf is not kept);
//   - with a kept-node set, dropped frames are skipped and the edge that jumps
//     over them is marked residual.
#ifndef PROFLENS_ANALYZER_CALL_GRAPH_H_
#define PROFLENS_ANALYZER_CALL_GRAPH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

enum class Granularity { kFunctions, kFileFunctions, kFiles, kLines, kAddresses };

Result<Granularity> ParseGranularity(std::string_view name);

// What identifies a node at a granularity (pprof's NodeInfo).
struct NodeInfo {
  std::string name;
  std::string file;
  int64_t line = 0;
  int64_t start_line = 0;
  uint64_t address = 0;
  std::string objfile;

  // "name", "name file:line", "0000000000401000 name", "[binary]" or "<unknown>".
  std::string PrintableName() const;
  // A byte string equal for equal infos; the node's identity.
  std::string Key() const;
};

// The node a location line maps to at a granularity (pprof's aggregation
// rules: coarser granularities clear the address, line number, file or name).
// `line` null: a location without lines.
NodeInfo InfoForLine(const Profile& p, const Location& loc, const Line* line, Granularity g);

// Flags kept per edge and sample type.
enum EdgeFlag : uint8_t {
  kEdgePresent = 1,      // some sample with a non-zero value crossed it
  kEdgeNotInline = 2,    // some crossing was a real call, not an inlined one
  kEdgeResidual = 4,     // some crossing jumped over frames that were not kept
};

// A node's share by sample labels, as pprof draws "nodelets": one tag per
// label set ("key:value" pairs joined by "\n"), and under it one tag per value
// of a numeric "bytes" label (allocation sizes in heap profiles).
struct NodeTag {
  std::string name;         // the label set, or the formatted number
  std::string label_set;    // numeric tags: the label set they belong to; "" for label-set tags
  bool numeric = false;
  int64_t value = 0;        // numeric tags: the raw value
  std::string unit;         // numeric tags: its unit
  std::vector<int64_t> flat, cum;  // per sample type
};

struct CallGraphNode {
  NodeInfo info;
  std::string name;             // info.PrintableName()
  std::vector<int64_t> flat;    // per sample type
  std::vector<int64_t> cum;     // per sample type
  int64_t calls = -1;           // times called; -1 unless the graph has calls
  int64_t primitive_calls = -1; // pstats: calls that were not recursive
  std::vector<NodeTag> tags;    // only when built with CallGraphOptions::tags
};

struct CallGraphEdge {
  uint32_t caller = 0;
  uint32_t callee = 0;
  std::vector<int64_t> weight;  // per sample type
  std::vector<uint8_t> flags;   // per sample type, EdgeFlag bits
  int64_t calls = -1;           // -1 when unknown
  int64_t primitive_calls = -1; // pstats: the arc's non-recursive calls; -1 when unknown

  bool present(int t) const { return flags[t] & kEdgePresent; }
  // All crossings were inlined calls (pprof prints such callees as "(inline)").
  bool is_inline(int t) const { return (flags[t] & kEdgePresent) && !(flags[t] & kEdgeNotInline); }
  bool residual(int t) const { return flags[t] & kEdgeResidual; }
};

// Facts about the source, for report headers.
struct SourceInfo {
  std::string main_binary;  // mapping[0]'s file
  std::string build_id;
  std::vector<std::string> comments;
  int64_t time_nanos = 0;
  int64_t duration_nanos = 0;
};

struct SampleTypeName {
  std::string type;
  std::string unit;
};

struct CallGraph {
  std::vector<SampleTypeName> sample_types;
  std::vector<CallGraphNode> nodes;
  std::vector<CallGraphEdge> edges;
  std::vector<int64_t> totals;  // sum of |value| over all samples, per sample type
  bool has_calls = false;       // true only for inputs that record call counts
  SourceInfo source;

  // A node belongs to the graph for sample type t when flat or cum is
  // non-zero, or (graph profiles) when it was called.
  bool present(size_t node, int t) const {
    return nodes[node].flat[t] != 0 || nodes[node].cum[t] != 0 || nodes[node].calls > 0;
  }
};

// A copy of `graph` whose nodes have no tags (for what never reads them: a
// copy of 1e5 nodes' tags is 3e5 allocations); every other member is copied
// (kept in step with CallGraphNode and CallGraph above).
CallGraph CopyWithoutTags(const CallGraph& graph);

// Node keys (NodeInfo::Key) of the nodes to keep when building a trimmed graph.
using NodeKeySet = std::unordered_set<std::string>;

// How step 2 reads the stacks: each sample's whole, or each run of samples
// whose stacks share storage once (stack_runs.h); kAuto picks the second
// where it saves work. The graph is the same.
enum class StackWalk { kAuto, kSamples, kRuns };

struct CallGraphOptions {
  Granularity granularity = Granularity::kFunctions;
  const NodeKeySet* kept = nullptr;  // null keeps every node
  bool tags = false;                 // collect NodeTag weights (call-graph pictures)
  // Sum only this sample type (the others stay 0), as pprof's graph of one
  // sample type: samples whose value for it is 0 add no node or edge. -1: all.
  int sample_index = -1;
  // Big profiles: sum runs of at least `min_samples_per_thread` samples on up
  // to `threads` threads (this one included). The graph is the same.
  int threads = 1;
  size_t min_samples_per_thread = 100000;
  StackWalk walk = StackWalk::kAuto;
};

// Builds the graph of all sample types from a profile's stacks (a graph
// profile's graph comes from AnyProfile::BuildGraph).
CallGraph BuildCallGraph(const Profile& profile, const CallGraphOptions& options);

SourceInfo BuildSourceInfo(const Profile& profile);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_CALL_GRAPH_H_
