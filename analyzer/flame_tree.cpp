#include "analyzer/flame_tree.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "analyzer/hash.h"
#include "analyzer/symbol_names.h"

namespace proflens {

namespace {


// Builds the tree from paths (frame names, outermost first): the paths are
// sorted, so paths that share a prefix are neighbours and each prefix becomes
// one node in a single sweep, with no hash lookups and sequential writes.
class FlameBuilder {
 public:
  explicit FlameBuilder(FlameTree& tree) : tree_(tree) {
    tree_.names.push_back("all");
    tree_.nodes.push_back(FlameNode{});
  }

  // Queues `value` (or `base_value`) along a path of frames, outermost first.
  void Add(const std::vector<uint32_t>& path, int64_t value, bool base) {
    paths_.push_back({static_cast<uint32_t>(frames_.size()), static_cast<uint32_t>(path.size()), value, base});
    frames_.insert(frames_.end(), path.begin(), path.end());
  }

  uint32_t Name(const std::string& text) {
    auto [it, inserted] = name_ids_.try_emplace(text, static_cast<uint32_t>(tree_.names.size()));
    if (inserted) tree_.names.push_back(text);
    return it->second;
  }

  // Makes the nodes, their values and each node's children (in creation order).
  void Finish() {
    std::vector<uint32_t> order(paths_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    const uint32_t* f = frames_.data();
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      const Path& pa = paths_[a];
      const Path& pb = paths_[b];
      return std::lexicographical_compare(f + pa.first, f + pa.first + pa.size, f + pb.first, f + pb.first + pb.size);
    });
    tree_.nodes.reserve(frames_.size() + 1);  // at most one node per frame
    std::vector<uint32_t> chain = {0};  // the nodes of the previous path, root first
    const Path* previous = nullptr;
    for (uint32_t i : order) {
      const Path& p = paths_[i];
      size_t common = 0;
      if (previous != nullptr) {
        size_t n = std::min(previous->size, p.size);
        while (common < n && f[previous->first + common] == f[p.first + common]) ++common;
      }
      chain.resize(common + 1);
      for (size_t d = common; d < p.size; ++d) {
        FlameNode node;
        node.name = f[p.first + d];
        node.parent = chain.back();
        node.depth = static_cast<uint32_t>(d + 1);
        tree_.max_depth = std::max(tree_.max_depth, node.depth);
        chain.push_back(static_cast<uint32_t>(tree_.nodes.size()));
        tree_.nodes.push_back(node);
      }
      for (uint32_t n : chain) {
        int64_t& slot = p.base ? tree_.nodes[n].base_value : tree_.nodes[n].value;
        slot = SaturatingAdd(slot, p.value);
      }
      previous = &p;
    }
    std::vector<uint32_t> count(tree_.nodes.size(), 0);
    for (size_t n = 1; n < tree_.nodes.size(); ++n) ++count[tree_.nodes[n].parent];
    for (size_t n = 0; n < tree_.nodes.size(); ++n) tree_.nodes[n].children.reserve(count[n]);
    for (uint32_t n = 1; n < tree_.nodes.size(); ++n) tree_.nodes[tree_.nodes[n].parent].children.push_back(n);
  }

 private:
  struct Path {
    uint32_t first = 0, size = 0;  // in frames_
    int64_t value = 0;
    bool base = false;
  };

  FlameTree& tree_;
  std::unordered_map<std::string, uint32_t> name_ids_;
  std::vector<uint32_t> frames_;
  std::vector<Path> paths_;
};

// Frame names of every location, outermost line first, as the flame graph labels them.
std::vector<std::vector<uint32_t>> LocationFrames(const Profile& p, FlameBuilder& b) {
  std::vector<std::vector<uint32_t>> frames(p.locations.size());
  for (size_t l = 0; l < p.locations.size(); ++l) {
    const Location& loc = p.locations[l];
    auto lines = p.LinesOf(loc);
    if (lines.empty()) {
      std::string_view file = loc.mapping == kNoId ? "" : p.str(p.mappings[loc.mapping].file);
      frames[l].push_back(b.Name(file.empty() ? "[unknown]" : "[" + std::string(BaseName(file)) + "]"));
      continue;
    }
    for (size_t i = lines.size(); i-- > 0;) {
      FunctionId f = lines[i].function;
      frames[l].push_back(b.Name(f == kNoId ? "[unknown]" : std::string(p.str(p.functions[f].name))));
    }
  }
  return frames;
}

void AddProfile(const Profile& p, int index, double scale, bool reverse, bool base, FlameBuilder& b) {
  std::vector<std::vector<uint32_t>> frames = LocationFrames(p, b);
  std::vector<uint32_t> path;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    int64_t value = p.ValuesOf(s)[index];
    if (scale != 1) value = static_cast<int64_t>(static_cast<double>(value) * scale);
    if (value == 0) continue;
    auto stack = p.StackOf(p.samples[s].stack);
    path.clear();
    for (size_t i = stack.size(); i-- > 0;) {
      const auto& f = frames[stack[i]];
      path.insert(path.end(), f.begin(), f.end());
    }
    if (reverse) std::reverse(path.begin(), path.end());
    b.Add(path, value, base);
  }
}

}  // namespace

FlameTree BuildFlameTree(const Profile& profile, const FlameTreeOptions& options, const Profile* base, int base_index,
                         double base_scale) {
  FlameTree tree;
  FlameBuilder builder(tree);
  AddProfile(profile, options.sample_index, 1, options.reverse, false, builder);
  if (base != nullptr) {
    AddProfile(*base, base_index, base_scale, options.reverse, true, builder);
    tree.has_base = true;
  }
  builder.Finish();
  // Children by name: rank the names once, then sort by rank.
  std::vector<uint32_t> by_name(tree.names.size());
  for (uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
  std::sort(by_name.begin(), by_name.end(), [&](uint32_t a, uint32_t b) { return tree.names[a] < tree.names[b]; });
  std::vector<uint32_t> rank(tree.names.size());
  for (uint32_t i = 0; i < by_name.size(); ++i) rank[by_name[i]] = i;
  for (FlameNode& n : tree.nodes) {
    if (n.children.size() < 2) continue;
    std::sort(n.children.begin(), n.children.end(),
              [&](uint32_t a, uint32_t b) { return rank[tree.nodes[a].name] < rank[tree.nodes[b].name]; });
  }
  return tree;
}

FlameTree PruneFlameTree(const FlameTree& tree, int64_t min_value) {
  FlameTree out;
  out.names = tree.names;
  out.has_base = tree.has_base;
  if (tree.nodes.empty()) return out;
  out.nodes.push_back(tree.nodes[0]);
  out.nodes[0].children.clear();
  // Iterative walk (no recursion: stacks can be a million frames deep).
  std::vector<std::pair<uint32_t, uint32_t>> todo = {{0, 0}};  // (old, new)
  while (!todo.empty()) {
    auto [old_id, new_id] = todo.back();
    todo.pop_back();
    for (uint32_t child : tree.nodes[old_id].children) {
      const FlameNode& c = tree.nodes[child];
      if (std::llabs(c.value) < min_value && std::llabs(c.base_value) < min_value) continue;
      FlameNode copy = c;
      copy.parent = new_id;
      copy.children.clear();
      uint32_t id = static_cast<uint32_t>(out.nodes.size());
      out.nodes.push_back(copy);
      out.nodes[new_id].children.push_back(id);
      out.max_depth = std::max(out.max_depth, copy.depth);
      todo.push_back({child, id});
    }
  }
  return out;
}

}  // namespace proflens
