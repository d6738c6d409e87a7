#include "analyzer/flame_tree.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "analyzer/root_frames.h"
#include "analyzer/stack_runs.h"
#include "analyzer/symbol_names.h"

namespace proflens {

namespace {

// Builds the tree from paths (frame names, outermost first) level by level:
// the paths through one node are neighbours, and at each depth they are
// sorted within their node by the name of their next frame, so each run of
// equal names becomes one child. Children come out in name order and next to
// each other, and a child too small to draw ends its paths there: the work
// follows the nodes that are kept, not every frame of every path.
class FlameBuilder {
 public:
  explicit FlameBuilder(FlameTree& tree) : tree_(tree) {
    tree_.names.push_back("all");
    tree_.nodes.push_back(FlameNode{});
  }

  // Queues each sample's value for `index` (times `scale`) along its path;
  // `base`: as base values.
  void AddProfile(const Profile& p, int index, double scale, bool reverse, bool base, ProcessRoots process_roots) {
    // Where every location is one frame (no inlining), paths are read from
    // the profile's stacks as they are; else they are written out once.
    Source& source = sources_.emplace_back();
    std::vector<uint32_t> first(p.locations.size() + 1, 0);
    for (size_t l = 0; l < p.locations.size(); ++l) {
      AddLocationFrames(p, p.locations[l], source.names);
      first[l + 1] = static_cast<uint32_t>(source.names.size());
    }
    // Root frames kept as labels (a sampler's process and thread, perf's
    // process) are drawn above the stack, as they were written.
    source.roots.resize(p.label_sets.size());
    for (size_t set = 0; set < p.label_sets.size(); ++set) {
      const std::vector<std::string> frames = RootFrames(p, static_cast<LabelSetId>(set), process_roots);
      for (size_t i = frames.size(); i-- > 0;) source.roots[set].push_back(Name(frames[i]));  // leaf first: the outermost last
    }
    const bool direct = source.names.size() == p.locations.size();
    source.store = direct ? &p.stack_locations : nullptr;
    source.from_end = !reverse;
    const uint16_t id = static_cast<uint16_t>(sources_.size() - 1);
    if (direct && !reverse && StacksShareStorage(p)) {
      AddRuns(p, index, scale, base, id);
      return;
    }
    for (size_t s = 0; s < p.samples.size(); ++s) {
      int64_t value = p.ValuesOf(s)[index];
      if (scale != 1) value = static_cast<int64_t>(static_cast<double>(value) * scale);
      if (value == 0) continue;
      const LabelSetId labels = p.samples[s].labels;
      const uint32_t roots = static_cast<uint32_t>(source.roots[labels].size());
      const Stack& stack = p.stacks[p.samples[s].stack];
      if (direct) {
        paths_.push_back({stack.first, stack.size + roots, value, labels, id, base});
        continue;
      }
      const uint32_t at = static_cast<uint32_t>(written_.size());
      for (LocationId l : p.StackOf(p.samples[s].stack)) {
        for (uint32_t f = first[l + 1]; f-- > first[l];) written_.push_back(source.names[f]);  // leaf first
      }
      paths_.push_back({at, static_cast<uint32_t>(written_.size()) - at + roots, value, labels, id, base});
    }
    if (!direct) source.written = true;
  }

  // Where stacks share their storage (nested trace events: stack_runs.h),
  // the samples of a run have the same frames, root first, as far as each
  // goes: one path stands for them all, its value at a depth that of the
  // samples that reach it.
  void AddRuns(const Profile& p, int index, double scale, bool base, uint16_t id) {
    const Source& source = sources_[id];
    const StackRuns runs = BuildStackRuns(p);
    for (const StackRun& run : runs.runs) {
      const uint32_t roots = static_cast<uint32_t>(source.roots[run.labels].size());
      Path path{UINT32_MAX, 0, 0, run.labels, id, base};
      std::vector<int64_t> ending;  // by path size: the values of the samples that stop there
      for (uint32_t k = 0; k < run.samples; ++k) {
        const uint32_t s = runs.order[run.first_sample + k];
        int64_t value = p.ValuesOf(s)[index];
        if (scale != 1) value = static_cast<int64_t>(static_cast<double>(value) * scale);
        if (value == 0) continue;
        const Stack& stack = p.stacks[p.samples[s].stack];
        const uint32_t size = stack.size + roots;
        if (ending.size() <= size) ending.resize(size + 1, 0);
        ending[size] = SaturatingAdd(ending[size], value);
        path.value = SaturatingAdd(path.value, value);
        if (size >= path.size) path = Path{stack.first, size, path.value, run.labels, id, base};
      }
      if (ending.empty()) continue;
      // reach[d]: the samples with a frame at depth d (size > d).
      std::vector<int64_t>& reach = reach_.emplace_back(path.size, 0);
      int64_t below = 0;
      for (size_t d = path.size; d-- > 0;) {
        below = SaturatingAdd(below, ending[d + 1]);
        reach[d] = below;
      }
      path.run = static_cast<uint32_t>(reach_.size() - 1);
      paths_.push_back(path);
    }
  }

  void Finish(double min_fraction, uint64_t max_steps) {
    RankNames();
    FlameNode& root = tree_.nodes[0];
    std::vector<Active> active;  // paths that go on below the current level, grouped by node
    active.reserve(paths_.size());
    for (uint32_t p = 0; p < paths_.size(); ++p) {
      AddValue(root, paths_[p]);
      if (paths_[p].size > 0) active.push_back({p, 0});
    }
    const int64_t min_value = static_cast<int64_t>(static_cast<double>(std::llabs(root.value)) * min_fraction);
    std::vector<Active> next;
    std::vector<Step> steps;
    std::vector<uint64_t> group;  // (rank of the frame at this depth) << 32 | index in active
    uint64_t walked = 0;
    for (uint32_t depth = 0; !active.empty(); ++depth) {
      walked += active.size();
      if (walked > max_steps) {
        tree_.cut_depth = depth;
        break;
      }
      ReadSteps(active, depth, steps);
      next.clear();
      for (size_t begin = 0; begin < active.size();) {
        const uint32_t parent = active[begin].node;
        group.clear();
        size_t end = begin;
        for (; end < active.size() && active[end].node == parent; ++end) group.push_back(uint64_t{steps[end].rank} << 32 | end);
        begin = end;
        SortGroup(group);
        AddChildren(parent, depth + 1, group, active, steps, min_value, next);
      }
      active.swap(next);
    }
  }

 private:
  static constexpr size_t kCountingSortMin = 256;

  // A path still being placed, and the node it has reached.
  struct Active {
    uint32_t path;
    uint32_t node;
  };

  // What an active path brings to the next level: its frame there, its value,
  // and whether it goes on below.
  struct Step {
    int64_t value;
    uint32_t rank;
    bool base;
    bool goes_on;
  };

  // A sample's frames: its label set's root frames, then its stack.
  struct Path {
    uint32_t first = 0;  // the stack in its source's ids
    uint32_t size = 0;   // frames, root frames included
    int64_t value = 0;
    LabelSetId labels = 0;
    uint16_t source = 0;
    bool base = false;
    uint32_t run = UINT32_MAX;  // several samples' path: its values by depth in reach_[run]
  };

  // Where a profile's paths are read: location ids in its stacks, leaf
  // first, mapped to names; or names written out in written_, leaf first.
  struct Source {
    const StackStore* store = nullptr;
    bool written = false;
    bool from_end = true;         // root first is from the end (false with reverse)
    std::vector<uint32_t> names;  // location id -> name (then rank); written: every location's frames
    std::vector<std::vector<uint32_t>> roots;  // by label set: root frame names (then ranks), leaf first
  };

  uint32_t Name(std::string_view text) {
    auto [it, inserted] = name_ids_.try_emplace(std::string(text), static_cast<uint32_t>(tree_.names.size()));
    if (inserted) tree_.names.push_back(it->first);
    return it->second;
  }

  // A location's frames as the flame graph labels them, outermost first.
  void AddLocationFrames(const Profile& p, const Location& loc, std::vector<uint32_t>& out) {
    auto lines = p.LinesOf(loc);
    if (lines.empty()) {
      std::string_view file = loc.mapping == kNoId ? "" : p.str(p.mappings[loc.mapping].file);
      out.push_back(Name(file.empty() ? "[unknown]" : BinaryFrameName(file)));
      return;
    }
    for (size_t i = lines.size(); i-- > 0;) {
      FunctionId f = lines[i].function;
      out.push_back(Name(f == kNoId ? std::string_view("[unknown]") : p.str(p.functions[f].name)));
    }
  }

  // Where a path's frame at `depth` is: a root frame (a name), or the
  // index of a location id in the source's store or of a name in written_.
  struct FramePlace {
    const uint32_t* root = nullptr;
    uint32_t index = 0;
  };
  FramePlace PlaceOf(const Path& p, uint32_t depth) const {
    const Source& s = sources_[p.source];
    const std::vector<uint32_t>& roots = s.roots[p.labels];
    const uint32_t r = static_cast<uint32_t>(roots.size());
    const uint32_t own = p.size - r;  // the stack's frames
    if (s.from_end) return depth < r ? FramePlace{&roots[r - 1 - depth]} : FramePlace{nullptr, p.first + own - 1 - (depth - r)};
    return depth >= own ? FramePlace{&roots[depth - own]} : FramePlace{nullptr, p.first + depth};
  }

  // The address of a path's frame at `depth`, to prefetch.
  const void* FrameAddress(const Path& p, uint32_t depth) const {
    const Source& s = sources_[p.source];
    const FramePlace at = PlaceOf(p, depth);
    if (at.root != nullptr) return at.root;
    return s.written ? static_cast<const void*>(&written_[at.index]) : s.store->At(at.index);
  }

  uint32_t RankAt(const Path& p, uint32_t depth) const {
    const Source& s = sources_[p.source];
    const FramePlace at = PlaceOf(p, depth);
    if (at.root != nullptr) return *at.root;
    return s.written ? written_[at.index] : s.names[s.store->View(at.index, 1)[0]];
  }

  // The step of every active path at `depth`, in one pass over them: paths
  // and their frames lie all over memory, so each is prefetched a few paths
  // ahead of its use, and the rest of the level reads only `steps`.
  void ReadSteps(const std::vector<Active>& active, uint32_t depth, std::vector<Step>& steps) const {
    constexpr size_t kAhead = 16;
    steps.resize(active.size());
    for (size_t i = 0; i < active.size(); ++i) {
      if (i + kAhead < active.size()) __builtin_prefetch(&paths_[active[i + kAhead].path]);
      if (i + kAhead / 2 < active.size()) __builtin_prefetch(FrameAddress(paths_[active[i + kAhead / 2].path], depth));
      const Path& p = paths_[active[i].path];
      steps[i] = {p.run == UINT32_MAX ? p.value : reach_[p.run][depth], RankAt(p, depth), p.base, p.size > depth + 1};
    }
  }

  // Sorts (rank << 32 | index) keys. A group's indexes arrive in increasing
  // order, so a stable counting sort by rank gives what sorting whole keys
  // does; it is used for groups large beside the number of names.
  void SortGroup(std::vector<uint64_t>& group) {
    if (group.size() < kCountingSortMin || group.size() < by_rank_.size() / 4) {
      std::sort(group.begin(), group.end());
      return;
    }
    counts_.assign(by_rank_.size() + 1, 0);
    for (uint64_t key : group) ++counts_[(key >> 32) + 1];
    for (size_t r = 1; r < counts_.size(); ++r) counts_[r] += counts_[r - 1];
    sorted_.resize(group.size());
    for (uint64_t key : group) sorted_[counts_[key >> 32]++] = key;
    group.swap(sorted_);
  }

  template <typename PathOrStep>
  static void AddValue(FlameNode& node, const PathOrStep& p) {
    int64_t& slot = p.base ? node.base_value : node.value;
    slot = SaturatingAdd(slot, p.value);
  }

  // Replaces name ids by their rank in name order, so that sorting ranks sorts names.
  void RankNames() {
    by_rank_.resize(tree_.names.size());
    for (uint32_t i = 0; i < by_rank_.size(); ++i) by_rank_[i] = i;
    std::sort(by_rank_.begin(), by_rank_.end(), [&](uint32_t a, uint32_t b) { return tree_.names[a] < tree_.names[b]; });
    std::vector<uint32_t> rank(by_rank_.size());
    for (uint32_t r = 0; r < by_rank_.size(); ++r) rank[by_rank_[r]] = r;
    for (Source& s : sources_) {
      if (!s.written) for (uint32_t& n : s.names) n = rank[n];
      for (std::vector<uint32_t>& set : s.roots) {
        for (uint32_t& n : set) n = rank[n];
      }
    }
    for (uint32_t& n : written_) n = rank[n];
  }

  // Makes the children of `parent` from its paths sorted by next frame,
  // keeps those at least `min_value` wide (in value or base value), and
  // queues the paths that go on below them.
  void AddChildren(uint32_t parent, uint32_t depth, const std::vector<uint64_t>& group, const std::vector<Active>& active,
                   const std::vector<Step>& steps, int64_t min_value, std::vector<Active>& next) {
    const uint32_t first = static_cast<uint32_t>(tree_.nodes.size());
    for (size_t i = 0; i < group.size();) {
      const uint32_t rank = static_cast<uint32_t>(group[i] >> 32);
      FlameNode child;
      child.name = by_rank_[rank];
      child.parent = parent;
      child.depth = depth;
      size_t j = i;
      for (; j < group.size() && group[j] >> 32 == rank; ++j) AddValue(child, steps[static_cast<uint32_t>(group[j])]);
      if (std::llabs(child.value) >= min_value || std::llabs(child.base_value) >= min_value) {
        const uint32_t id = static_cast<uint32_t>(tree_.nodes.size());
        tree_.nodes.push_back(child);
        tree_.max_depth = std::max(tree_.max_depth, depth);
        for (size_t k = i; k < j; ++k) {
          const uint32_t a = static_cast<uint32_t>(group[k]);
          if (steps[a].goes_on) next.push_back({active[a].path, id});
        }
      }
      i = j;
    }
    tree_.nodes[parent].first_child = first;
    tree_.nodes[parent].child_count = static_cast<uint32_t>(tree_.nodes.size()) - first;
  }

  FlameTree& tree_;
  std::unordered_map<std::string, uint32_t> name_ids_;
  std::vector<uint32_t> by_rank_;  // name ids in name order
  std::vector<Source> sources_;
  std::vector<uint32_t> written_;  // frames of paths written out, leaf first
  std::vector<Path> paths_;
  std::vector<std::vector<int64_t>> reach_;  // AddRuns's paths' values by depth
  std::vector<uint32_t> counts_;  // SortGroup's
  std::vector<uint64_t> sorted_;
};

}  // namespace

FlameTree BuildFlameTree(const Profile& profile, const FlameTreeOptions& options, const Profile* base, int base_index,
                         double base_scale) {
  FlameTree tree;
  FlameBuilder builder(tree);
  builder.AddProfile(profile, options.sample_index, 1, options.reverse, false, options.roots);
  if (base != nullptr) {
    builder.AddProfile(*base, base_index, base_scale, options.reverse, true, options.roots);
    tree.has_base = true;
  }
  uint64_t stored = profile.stack_locations.size() + (base != nullptr ? base->stack_locations.size() : 0);
  builder.Finish(options.min_fraction, std::max(kMaxFlameSteps, 64 * stored));
  return tree;
}

}  // namespace proflens
