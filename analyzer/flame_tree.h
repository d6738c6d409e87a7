// FlameTree: a profile's stacks merged into one tree (root = all samples),
// as flame graphs draw it. Built once from the Profile, never from text.
// With a base profile, each node also carries the base's value on the same
// path, for differential flame graphs. Nodes are numbered level by level
// (breadth first), so each node's children are neighbours.
#ifndef PROFLENS_ANALYZER_FLAME_TREE_H_
#define PROFLENS_ANALYZER_FLAME_TREE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/root_frames.h"

namespace proflens {

struct FlameNode {
  uint32_t name = 0;         // index into FlameTree::names
  uint32_t parent = UINT32_MAX;
  uint32_t depth = 0;        // root is 0
  int64_t value = 0;         // the profile's value through this path (cum)
  int64_t base_value = 0;    // the base's, when built with one
  // Children are the nodes [first_child, first_child + child_count), sorted
  // by name, as flame graphs order them.
  uint32_t first_child = 0;
  uint32_t child_count = 0;
};

struct FlameTreeOptions {
  int sample_index = 0;
  bool reverse = false;  // merge from the leaf (bottom-up, "icicle")
  // Leaves out the nodes whose value and base value are both below this
  // fraction of the total (their weight stays in their parents), with all
  // they call: the frames a flame graph would draw narrower than its minimum.
  double min_fraction = 0;
  // Roots above the stacks: per process name by default (perf's comm, a
  // sampler's process and thread frames), with its pid or tid, or none.
  ProcessRoots roots = ProcessRoots::kName;
};

struct FlameTree {
  std::vector<std::string> names;  // names[0] is "all"
  std::vector<FlameNode> nodes;    // nodes[0] is the root
  uint32_t max_depth = 0;
  bool has_base = false;
  // 0, or the depth below which nothing was built: the walk gives up going
  // deeper after kMaxFlameSteps (or 64 per frame the profiles store, when
  // more) path steps. Only stacks that share their storage (nested trace
  // events drawn --reverse: N paths D deep that do not merge) get there; a
  // profile of stacks stored whole walks at most what it stores.
  uint32_t cut_depth = 0;

  int64_t total() const { return nodes.empty() ? 0 : nodes[0].value; }
  std::span<const FlameNode> Children(const FlameNode& n) const { return {nodes.data() + n.first_child, n.child_count}; }
};

inline constexpr uint64_t kMaxFlameSteps = 10'000'000;

// `base` (optional) adds base values along the same paths; `base_index` is
// its sample type and `base_scale` converts it to the profile's unit.
FlameTree BuildFlameTree(const Profile& profile, const FlameTreeOptions& options, const Profile* base = nullptr,
                         int base_index = 0, double base_scale = 1);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_FLAME_TREE_H_
