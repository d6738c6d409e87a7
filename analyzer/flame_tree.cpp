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


class FlameBuilder {
 public:
  explicit FlameBuilder(FlameTree& tree) : tree_(tree) {
    tree_.names.push_back("all");
    tree_.nodes.push_back(FlameNode{});
  }

  // Adds `value` (or `base_value`) along the path of frames, outermost first.
  void Add(const std::vector<uint32_t>& path, int64_t value, bool base) {
    uint32_t node = 0;
    Bump(node, value, base);
    for (uint32_t name : path) {
      node = Child(node, name);
      Bump(node, value, base);
    }
  }

  uint32_t Name(const std::string& text) {
    auto [it, inserted] = name_ids_.try_emplace(text, static_cast<uint32_t>(tree_.names.size()));
    if (inserted) tree_.names.push_back(text);
    return it->second;
  }

 private:
  void Bump(uint32_t node, int64_t value, bool base) {
    int64_t& slot = base ? tree_.nodes[node].base_value : tree_.nodes[node].value;
    slot = SaturatingAdd(slot, value);
  }

  uint32_t Child(uint32_t parent, uint32_t name) {
    auto [it, inserted] = children_.try_emplace((uint64_t{parent} << 32) | name, static_cast<uint32_t>(tree_.nodes.size()));
    if (inserted) {
      FlameNode n;
      n.name = name;
      n.parent = parent;
      n.depth = tree_.nodes[parent].depth + 1;
      tree_.max_depth = std::max(tree_.max_depth, n.depth);
      tree_.nodes.push_back(n);
      tree_.nodes[parent].children.push_back(it->second);
    }
    return it->second;
  }

  FlameTree& tree_;
  std::unordered_map<std::string, uint32_t> name_ids_;
  std::unordered_map<uint64_t, uint32_t> children_;
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
  for (FlameNode& n : tree.nodes) {
    std::sort(n.children.begin(), n.children.end(),
              [&](uint32_t a, uint32_t b) { return tree.names[tree.nodes[a].name] < tree.names[tree.nodes[b].name]; });
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
