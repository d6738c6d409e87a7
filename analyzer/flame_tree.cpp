#include "analyzer/flame_tree.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

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
  void AddProfile(const Profile& p, int index, double scale, bool reverse, bool base) {
    // Where every location is one frame (no inlining), paths are read from
    // the profile's stacks as they are; else they are written out once.
    Source& source = sources_.emplace_back();
    std::vector<uint32_t> first(p.locations.size() + 1, 0);
    for (size_t l = 0; l < p.locations.size(); ++l) {
      AddLocationFrames(p, p.locations[l], source.names);
      first[l + 1] = static_cast<uint32_t>(source.names.size());
    }
    const bool direct = source.names.size() == p.locations.size();
    source.ids = direct ? p.stack_locations.data() : nullptr;
    source.from_end = !reverse;
    const uint32_t id = static_cast<uint32_t>(sources_.size() - 1);
    for (size_t s = 0; s < p.samples.size(); ++s) {
      int64_t value = p.ValuesOf(s)[index];
      if (scale != 1) value = static_cast<int64_t>(static_cast<double>(value) * scale);
      if (value == 0) continue;
      const Stack& stack = p.stacks[p.samples[s].stack];
      if (direct) {
        paths_.push_back({stack.first, stack.size, value, id, base});
        continue;
      }
      const uint32_t at = static_cast<uint32_t>(written_.size());
      for (LocationId l : p.StackOf(p.samples[s].stack)) {
        for (uint32_t f = first[l + 1]; f-- > first[l];) written_.push_back(source.names[f]);  // leaf first
      }
      paths_.push_back({at, static_cast<uint32_t>(written_.size()) - at, value, id, base});
    }
    if (!direct) source.written = true;
  }

  void Finish(double min_fraction) {
    RankNames();
    FlameNode& root = tree_.nodes[0];
    std::vector<uint32_t> active;  // paths that go on below the current level, grouped by node
    active.reserve(paths_.size());
    for (uint32_t p = 0; p < paths_.size(); ++p) {
      AddValue(root, paths_[p]);
      if (paths_[p].size > 0) active.push_back(p);
    }
    const int64_t min_value = static_cast<int64_t>(static_cast<double>(std::llabs(root.value)) * min_fraction);
    std::vector<uint32_t> node_of(paths_.size(), 0), next;
    std::vector<uint64_t> group;  // (rank of the frame at this depth) << 32 | path
    for (uint32_t depth = 0; !active.empty(); ++depth) {
      next.clear();
      for (size_t begin = 0; begin < active.size();) {
        const uint32_t parent = node_of[active[begin]];
        group.clear();
        size_t end = begin;
        for (; end < active.size() && node_of[active[end]] == parent; ++end) {
          group.push_back(uint64_t{RankAt(paths_[active[end]], depth)} << 32 | active[end]);
        }
        begin = end;
        std::sort(group.begin(), group.end());
        AddChildren(parent, depth + 1, group, min_value, node_of, next);
      }
      active.swap(next);
    }
  }

 private:
  struct Path {
    uint32_t first = 0, size = 0;  // in its source's ids
    int64_t value = 0;
    uint32_t source = 0;
    bool base = false;
  };

  // Where a profile's paths are read: location ids in its stacks, leaf
  // first, mapped to names; or names written out in written_, leaf first.
  struct Source {
    const uint32_t* ids = nullptr;
    bool written = false;
    bool from_end = true;         // root first is from the end (false with reverse)
    std::vector<uint32_t> names;  // location id -> name (then rank); written: every location's frames
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
      out.push_back(Name(file.empty() ? "[unknown]" : "[" + std::string(BaseName(file)) + "]"));
      return;
    }
    for (size_t i = lines.size(); i-- > 0;) {
      FunctionId f = lines[i].function;
      out.push_back(Name(f == kNoId ? std::string_view("[unknown]") : p.str(p.functions[f].name)));
    }
  }

  uint32_t RankAt(const Path& p, uint32_t depth) const {
    const Source& s = sources_[p.source];
    const uint32_t at = s.from_end ? p.first + p.size - 1 - depth : p.first + depth;
    return s.written ? written_[at] : s.names[s.ids[at]];
  }

  static void AddValue(FlameNode& node, const Path& p) {
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
    }
    for (uint32_t& n : written_) n = rank[n];
  }

  // Makes the children of `parent` from its paths sorted by next frame,
  // keeps those at least `min_value` wide (in value or base value), and
  // queues the paths that go on below them.
  void AddChildren(uint32_t parent, uint32_t depth, const std::vector<uint64_t>& group, int64_t min_value,
                   std::vector<uint32_t>& node_of, std::vector<uint32_t>& next) {
    const uint32_t first = static_cast<uint32_t>(tree_.nodes.size());
    for (size_t i = 0; i < group.size();) {
      const uint32_t rank = static_cast<uint32_t>(group[i] >> 32);
      FlameNode child;
      child.name = by_rank_[rank];
      child.parent = parent;
      child.depth = depth;
      size_t j = i;
      for (; j < group.size() && group[j] >> 32 == rank; ++j) AddValue(child, paths_[static_cast<uint32_t>(group[j])]);
      if (std::llabs(child.value) >= min_value || std::llabs(child.base_value) >= min_value) {
        const uint32_t id = static_cast<uint32_t>(tree_.nodes.size());
        tree_.nodes.push_back(child);
        tree_.max_depth = std::max(tree_.max_depth, depth);
        for (size_t k = i; k < j; ++k) {
          const uint32_t p = static_cast<uint32_t>(group[k]);
          if (paths_[p].size > depth) {
            node_of[p] = id;
            next.push_back(p);
          }
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
};

}  // namespace

FlameTree BuildFlameTree(const Profile& profile, const FlameTreeOptions& options, const Profile* base, int base_index,
                         double base_scale) {
  FlameTree tree;
  FlameBuilder builder(tree);
  builder.AddProfile(profile, options.sample_index, 1, options.reverse, false);
  if (base != nullptr) {
    builder.AddProfile(*base, base_index, base_scale, options.reverse, true);
    tree.has_base = true;
  }
  builder.Finish(options.min_fraction);
  return tree;
}

}  // namespace proflens
