// Walks over runs of samples that share their stacks' storage (nested trace
// events) must give what walks over each sample give: the same profile is
// built twice, once through Timeline (stacks stored once, enclosing frames'
// stacks as suffixes) and once with every stack stored on its own, and the
// call graphs and flame trees of the two are compared whole.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "analyzer/call_graph.h"
#include "analyzer/flame_tree.h"
#include "analyzer/profile_builder.h"
#include "analyzer/stack_runs.h"
#include "analyzer/timeline.h"

namespace proflens {
namespace {

// Nested frames `depth` deep (names repeat every 7, so recursion is there),
// each innermost for 1 + i % 3 ns, with a sibling subtree halfway down and a
// second thread (labels) holding a shorter nest.
Profile Nested(uint32_t depth, bool shared) {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  b.AddSampleType("count", "count");
  std::vector<LocationId> frames;
  for (int f = 0; f < 9; ++f) frames.push_back(InternFrame(b, "f" + std::to_string(f), "a.js", f));
  const LabelSetId thread = b.InternLabels(std::vector<Label>{{b.InternString("tid"), b.InternString("2")}});
  if (shared) {
    for (LabelSetId labels : {LabelSetId{0}, thread}) {
      const uint32_t d = labels == 0 ? depth : depth / 3;
      Timeline t(b, 0, labels);
      int64_t now = 0;
      for (uint32_t i = 0; i < d; ++i) {
        t.Open(frames[i % 7], now);
        now += 1 + i % 3;
        if (i == d / 2) {  // a sibling subtree: opened and closed before going deeper
          t.Open(frames[7], now);
          t.Open(frames[8], now + 1);
          t.Close(frames[8], now + 3);
          t.Close(frames[7], now + 4);
          now += 4;
        }
      }
      for (uint32_t i = d; i-- > 0;) {
        now += 1;
        t.Close(frames[i % 7], now);
      }
    }
    return std::move(b).Build();
  }
  // The same samples, each stack stored whole: worked out from the events above.
  for (LabelSetId labels : {LabelSetId{0}, thread}) {
    const uint32_t d = labels == 0 ? depth : depth / 3;
    auto add = [&](std::vector<LocationId> stack, int64_t value) {
      b.AddSample(b.InternStack(stack), labels, std::vector<int64_t>{value, 0});
    };
    std::vector<LocationId> root_first;
    for (uint32_t i = 0; i < d; ++i) {
      root_first.push_back(frames[i % 7]);
      if (i == d / 2) {
        std::vector<LocationId> sib(root_first.rbegin(), root_first.rend());
        sib.insert(sib.begin(), frames[7]);
        add(sib, 1 + 1);  // f7: 1 before f8, 1 after
        sib.insert(sib.begin(), frames[8]);
        add(sib, 2);
      }
    }
    // Level i is innermost for its step after opening (1 + i % 3), and for
    // the step that ends with its own close (1).
    for (uint32_t i = 0; i < d; ++i) {
      std::vector<LocationId> stack(root_first.begin(), root_first.begin() + i + 1);
      std::reverse(stack.begin(), stack.end());
      add(stack, 2 + i % 3);
    }
  }
  return std::move(b).Build();
}

using NodeSums = std::map<std::string, std::tuple<std::vector<int64_t>, std::vector<int64_t>>>;
using EdgeSums = std::map<std::pair<std::string, std::string>, std::tuple<std::vector<int64_t>, std::vector<uint8_t>>>;

std::pair<NodeSums, EdgeSums> Sums(const CallGraph& g) {
  NodeSums nodes;
  EdgeSums edges;
  for (const CallGraphNode& n : g.nodes) nodes[n.name] = {n.flat, n.cum};
  for (const CallGraphEdge& e : g.edges) edges[{g.nodes[e.caller].name, g.nodes[e.callee].name}] = {e.weight, e.flags};
  return {nodes, edges};
}

// Every path from the root, with its value.
std::map<std::string, int64_t> TreePaths(const FlameTree& t) {
  std::map<std::string, int64_t> out;
  std::vector<std::pair<uint32_t, std::string>> todo = {{0, ""}};
  while (!todo.empty()) {
    auto [id, path] = todo.back();
    todo.pop_back();
    out[path] = t.nodes[id].value;
    for (uint32_t c = t.nodes[id].first_child; c < t.nodes[id].first_child + t.nodes[id].child_count; ++c) {
      todo.push_back({c, path + ";" + t.names[t.nodes[c].name]});
    }
  }
  return out;
}

TEST_CASE("stack runs: nested events share their storage", "[stack_runs]") {
  const Profile shared = Nested(3000, true);
  const Profile whole = Nested(3000, false);
  CHECK(StacksShareStorage(shared));
  CHECK_FALSE(StacksShareStorage(whole));
  CHECK(shared.Totals() == whole.Totals());
  const StackRuns runs = BuildStackRuns(shared);
  CHECK(runs.order.size() == shared.samples.size());
  CHECK(runs.runs.size() < 10);
}

TEST_CASE("stack runs: the call graph is the one each sample's walk gives", "[stack_runs]") {
  const Profile shared = Nested(3000, true);
  const Profile whole = Nested(3000, false);
  for (int index : {-1, 0}) {
    CallGraphOptions options;
    options.sample_index = index;
    options.tags = true;
    const auto expected = Sums(BuildCallGraph(whole, options));
    CHECK(Sums(BuildCallGraph(shared, options)) == expected);  // kAuto picks the runs
    options.walk = StackWalk::kSamples;
    CHECK(Sums(BuildCallGraph(shared, options)) == expected);
    options.walk = StackWalk::kRuns;
    CHECK(Sums(BuildCallGraph(whole, options)) == expected);   // runs of one sample each
  }
  // Recursion counts once per sample: f0 is on every stack of the main thread.
  const CallGraph g = BuildCallGraph(shared, {});
  for (const CallGraphNode& n : g.nodes) {
    if (n.name == "f0") CHECK(n.cum[0] == shared.Totals()[0]);
  }
}

TEST_CASE("stack runs: the flame tree is the one each sample's path gives", "[stack_runs]") {
  const Profile shared = Nested(3000, true);
  const Profile whole = Nested(3000, false);
  for (double min_fraction : {0.0, 0.001}) {
    FlameTreeOptions options;
    options.min_fraction = min_fraction;
    const FlameTree a = BuildFlameTree(shared, options), b = BuildFlameTree(whole, options);
    CHECK(a.max_depth == b.max_depth);
    CHECK(a.nodes.size() == b.nodes.size());
    CHECK(TreePaths(a) == TreePaths(b));
    // A differential tree: the base's values along the same paths.
    const FlameTree d = BuildFlameTree(shared, options, &whole, 0, 1);
    for (const FlameNode& n : d.nodes) CHECK(n.value == n.base_value);
  }
}

}  // namespace
}  // namespace proflens
