// Flame trees and SVGs on small profiles worked out by hand.
#include <catch2/catch.hpp>
#include <algorithm>
#include <map>
#include <random>

#include "analyzer/flame_tree.h"
#include "formats/output/flame_svg.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

const FlameNode* Child(const FlameTree& t, const FlameNode& n, const std::string& name) {
  for (const FlameNode& c : t.Children(n)) {
    if (t.names[c.name] == name) return &c;
  }
  return nullptr;
}

TEST_CASE("flame tree merges stacks from the root, or from the leaf", "[flame]") {
  Profile p = testing::MakeProfile({{"main;parse;lex", {4}}, {"main;parse", {2}}, {"main;a>b", {3}}});
  FlameTree t = BuildFlameTree(p, {});
  CHECK(t.total() == 9);
  const FlameNode* main = Child(t, t.nodes[0], "main");
  REQUIRE(main != nullptr);
  CHECK(main->value == 9);
  CHECK(Child(t, *main, "parse")->value == 6);
  CHECK(Child(t, *Child(t, *main, "parse"), "lex")->value == 4);
  // An inlined b is a frame of its own above a.
  CHECK(Child(t, *Child(t, *main, "a"), "b")->value == 3);
  CHECK(t.max_depth == 3);
  // Children are ordered by name, as flame graphs draw them.
  CHECK(t.names[t.Children(*main)[0].name] == "a");

  FlameTree r = BuildFlameTree(p, {.reverse = true});
  CHECK(Child(r, r.nodes[0], "lex")->value == 4);
  CHECK(Child(r, r.nodes[0], "parse")->value == 2);
  CHECK(Child(r, *Child(r, r.nodes[0], "lex"), "parse")->value == 4);

  FlameTree pruned = BuildFlameTree(p, {.min_fraction = 0.5});  // 4.5 of 9: keeps 4 and above
  CHECK(Child(pruned, *Child(pruned, pruned.nodes[0], "main"), "a") == nullptr);  // 3 < 4
  CHECK(Child(pruned, *Child(pruned, pruned.nodes[0], "main"), "parse")->value == 6);
}

// Every node's value against a plain map of path prefixes, on a profile big
// enough that the builder sorts its larger groups by counting.
TEST_CASE("flame tree of thousands of stacks equals a map of prefixes", "[flame]") {
  std::mt19937 rng(7);
  std::vector<testing::TestStack> stacks;
  std::map<std::vector<std::string>, int64_t> expected;  // path from the root -> value
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> path;
    std::string frames;
    for (int d = 0, depth = 1 + static_cast<int>(rng() % 5); d < depth; ++d) {
      path.push_back(std::string(1, static_cast<char>('a' + rng() % 8)));
      frames += (d ? ";" : "") + path.back();
    }
    const int64_t value = 1 + static_cast<int64_t>(rng() % 100);
    stacks.push_back({frames, {value}});
    for (size_t d = 1; d <= path.size(); ++d) expected[{path.begin(), path.begin() + static_cast<long>(d)}] += value;
  }
  Profile p = testing::MakeProfile(stacks);
  for (double min_fraction : {0.0, 0.01}) {
    FlameTree t = BuildFlameTree(p, {.min_fraction = min_fraction});
    const int64_t min_value = static_cast<int64_t>(static_cast<double>(t.total()) * min_fraction);
    size_t kept = 0;
    for (const auto& [path, value] : expected) {
      // Walk down the tree along the path; a node is kept when it and every
      // node above it reach the minimum.
      const FlameNode* node = &t.nodes[0];
      bool all_wide = true;
      for (size_t d = 0; d < path.size() && node != nullptr; ++d) {
        all_wide &= expected[{path.begin(), path.begin() + static_cast<long>(d) + 1}] >= min_value;
        node = Child(t, *node, path[d]);
      }
      INFO("path of " << path.size() << " frames, min_fraction " << min_fraction);
      if (!all_wide) {
        CHECK(node == nullptr);
        continue;
      }
      REQUIRE(node != nullptr);
      CHECK(node->value == value);
      ++kept;
    }
    CHECK(t.nodes.size() == kept + 1);
    for (const FlameNode& n : t.nodes) {  // children in name order
      auto children = t.Children(n);
      for (size_t c = 1; c < children.size(); ++c) CHECK(t.names[children[c - 1].name] < t.names[children[c].name]);
    }
  }
}

TEST_CASE("differential trees carry base values on the same paths", "[flame]") {
  Profile base = testing::MakeProfile({{"main;parse", {6}}, {"main;old", {4}}});
  Profile now = testing::MakeProfile({{"main;parse", {3}}, {"main;new", {5}}});
  FlameTree t = BuildFlameTree(now, {}, &base, 0, 1);
  const FlameNode* main = Child(t, t.nodes[0], "main");
  CHECK(main->value == 8);
  CHECK(main->base_value == 10);
  CHECK(Child(t, *main, "old")->value == 0);
  CHECK(Child(t, *main, "old")->base_value == 4);
  std::string svg = RenderFlameSvg(t, {.unit = "count", .standalone = false});
  // parse shrank by 3 of the largest change 5 (new): blue; new grew by 5: full red.
  CHECK(svg.find("data-name=\"new\"><title>new (5, 62.50%, +5 vs base)</title>") != std::string::npos);
  CHECK(svg.find("fill=\"rgb(255,45,45)\"") != std::string::npos);   // 210 * 5/5 = 210 -> 255-210
  CHECK(svg.find("fill=\"rgb(129,129,255)\"") != std::string::npos); // 210 * 3/5 = 126 -> 255-126
  CHECK(svg.find("data-name=\"old\"") == std::string::npos);          // no width in the new profile
}

TEST_CASE("flame SVG: widths, minwidth, labels and palettes", "[flame]") {
  Profile p = testing::MakeProfile({{"main;parse", {990}}, {"main;tiny", {10}}});
  FlameTree t = BuildFlameTree(p, {});
  FlameSvgOptions o;
  o.unit = "count";
  std::string svg = RenderFlameSvg(t, o);
  // 1180 px for 1000: parse is 1168.2 px wide, tiny 11.8 px and drawn after it;
  // three levels in 40 + 30 + 3 * 16 = 118 px: depth 2 is at 118 - 30 - 3 * 16 = 40.
  CHECK(svg.find("<rect x=\"10.00\" y=\"40\" width=\"1168.20\"") != std::string::npos);
  CHECK(svg.find("<rect x=\"1178.20\" y=\"40\" width=\"11.80\"") != std::string::npos);
  CHECK(svg.find("<title>tiny (10, 1%)</title>") != std::string::npos);
  o.min_width = 12;
  CHECK(RenderFlameSvg(t, o).find("data-name=\"tiny\"") == std::string::npos);
  CHECK(FrameColor("main", "hot") == FrameColor("main", "hot"));
  CHECK(FrameColor("Ljava/lang/Thread;::run_[j]", "java").starts_with("rgb("));
  CHECK_FALSE(CheckPalette("rainbow").ok());
  o.icicle = true;
  CHECK(RenderFlameSvg(t, o).find("<rect x=\"10.00\" y=\"40\" width=\"1180.00\"") != std::string::npos);  // root on top
}

TEST_CASE("flame and report roots: per process name, --pid, --tid, --merge-roots", "[flame][cli]") {
  // Two threads of "app" (pid 7) and one of "other": roots as stackcollapse-perf.pl names them.
  const std::string dir = testing::TempDir("flame-roots");
  testing::WriteFile(dir + "/p.txt",
                     "app 7/7 1.0: 1 cpu-clock: \n\t 1001 main (/bin/app)\n\n"
                     "app 7/8 2.0: 1 cpu-clock: \n\t 1001 main (/bin/app)\n\n"
                     "other 9/9 3.0: 1 cpu-clock: \n\t 2001 run (/bin/other)\n\n");
  auto roots = [&](std::vector<std::string> flags) {
    std::vector<std::string> args{"flame", dir + "/p.txt", "-o", dir + "/f.svg"};
    args.insert(args.end(), flags.begin(), flags.end());
    REQUIRE(testing::RunCli(args).code == 0);
    const std::string svg = testing::ReadFile(dir + "/f.svg");
    std::vector<std::string> names;
    const std::string mark = "data-depth=\"1\" data-name=\"";
    for (size_t at = svg.find(mark); at != std::string::npos; at = svg.find(mark, at + 1)) {
      const size_t start = at + mark.size();
      names.push_back(svg.substr(start, svg.find('"', start) - start));
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  CHECK(roots({}) == std::vector<std::string>{"app", "other"});
  CHECK(roots({"--pid"}) == std::vector<std::string>{"app-7", "other-9"});
  CHECK(roots({"--tid"}) == std::vector<std::string>{"app-7/7", "app-7/8", "other-9/9"});
  CHECK(roots({"--merge-roots"}) == std::vector<std::string>{"main", "run"});
  CHECK(testing::RunCli({"flame", dir + "/p.txt", "--pid", "--merge-roots", "-o", dir + "/f.svg"}).code == 2);
  // The report draws its flame graph with the same roots.
  REQUIRE(testing::RunCli({"report", dir + "/p.txt", "--tid", "-o", dir + "/r.html"}).code == 0);
  CHECK_THAT(testing::ReadFile(dir + "/r.html"), Catch::Contains("data-name=\\\"app-7/8\\\""));
}

}  // namespace
}  // namespace proflens
