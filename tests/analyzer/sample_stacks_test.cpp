// Operations that rebuild a profile (filters, diff, merge) on stacks that
// share their storage (nested trace events: stack_runs.h): each stored stack
// is copied once and the samples' stacks are windows of the copy. The
// answers of a small recursion (A;B;A;B) are worked out by hand; a deeper
// nest is checked against the same profile with every stack stored whole.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "analyzer/diff.h"
#include "analyzer/filters.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "analyzer/stack_runs.h"
#include "analyzer/timeline.h"

namespace proflens {
namespace {

// A@0 B@1 A@3 B@6, closed at 10, 15, 16, 20 (ns). Innermost time:
//   A        1 + 4 = 5     (0-1, 16-20)
//   A;B      2 + 1 = 3     (1-3, 15-16)
//   A;B;A    3 + 5 = 8     (3-6, 10-15)
//   A;B;A;B  4             (6-10)
// One stored stack (B;A;B;A, leaf first) and three suffixes of it.
Profile Recursion() {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  const LocationId a = InternFrame(b, "A", "x.js", 1), bee = InternFrame(b, "B", "x.js", 2);
  {
    Timeline t(b, 0, 0);
    t.Open(a, 0);
    t.Open(bee, 1);
    t.Open(a, 3);
    t.Open(bee, 6);
    t.Close(bee, 10);
    t.Close(a, 15);
    t.Close(bee, 16);
    t.Close(a, 20);
  }
  return std::move(b).Build();
}

// Each sample's stack, root first ("A;B"), and its values summed.
std::map<std::string, int64_t> Paths(const Profile& p, int index = 0) {
  std::map<std::string, int64_t> out;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    std::string path;
    const StackView stack = p.StackOf(p.samples[s].stack);
    for (size_t i = stack.size(); i-- > 0;) {
      const Location& loc = p.locations[stack[i]];
      for (size_t l = loc.line_count; l-- > 0;) {
        if (!path.empty()) path += ';';
        path += p.str(p.functions[p.lines[loc.first_line + l].function].name);
      }
    }
    out[path] += p.ValuesOf(s)[index];
  }
  return out;
}

Profile Filter(const Profile& p, const FilterOptions& o) {
  Result<FilteredProfile> f = ApplyFilters(p, o);
  INFO(f.status().message());
  REQUIRE(f.ok());
  return std::move(f->profile);
}

using Expected = std::map<std::string, int64_t>;

TEST_CASE("shared stacks: the recursion is stored once", "[sample_stacks][filters]") {
  const Profile p = Recursion();
  CHECK(p.stack_locations.size() == 4);
  CHECK(Paths(p) == Expected{{"A", 5}, {"A;B", 3}, {"A;B;A", 8}, {"A;B;A;B", 4}});
}

TEST_CASE("shared stacks: focus, ignore, hide, show", "[sample_stacks][filters]") {
  const Profile p = Recursion();
  CHECK(Paths(Filter(p, {.focus = "B"})) == Expected{{"A;B", 3}, {"A;B;A", 8}, {"A;B;A;B", 4}});
  CHECK(Paths(Filter(p, {.ignore = "B"})) == Expected{{"A", 5}});
  // Hiding B leaves A (5 + 3) and A;A (8 + 4), stored once (A;A) with A its suffix.
  const Profile hidden = Filter(p, {.hide = "B"});
  CHECK(Paths(hidden) == Expected{{"A", 8}, {"A;A", 12}});
  CHECK(hidden.stack_locations.size() == 2);
  CHECK(Paths(Filter(p, {.show = "B"})) == Expected{{"B", 3 + 8}, {"B;B", 4}});
  CHECK(Paths(Filter(p, {.focus = "A", .hide = "A"})) == Expected{{"B", 3 + 8}, {"B;B", 4}});
}

TEST_CASE("shared stacks: show_from and prune_from", "[sample_stacks][filters]") {
  const Profile p = Recursion();
  // Cut above the outermost B; A alone has none and goes.
  CHECK(Paths(Filter(p, {.show_from = "B"})) == Expected{{"B", 3}, {"B;A", 8}, {"B;A;B", 4}});
  // Cut below the innermost A.
  CHECK(Paths(Filter(p, {.prune_from = "A"})) == Expected{{"A", 5 + 3}, {"A;B;A", 8 + 4}});
  // Both: B (3), B;A (8), B;A;B pruned at its A (4).
  CHECK(Paths(Filter(p, {.show_from = "B", .prune_from = "A"})) == Expected{{"B", 3}, {"B;A", 12}});
  // Hide first, then show_from: A;A (from A;B;A and A;B;A;B) and A.
  CHECK(Paths(Filter(p, {.hide = "B", .show_from = "A"})) == Expected{{"A", 8}, {"A;A", 12}});
  CHECK(Paths(Filter(p, {.ignore = "A"})).empty());
}

TEST_CASE("shared stacks: diff and merge keep the storage shared", "[sample_stacks][diff]") {
  const Profile p = Recursion();
  const Profile d = BuildDiffProfile(p, p, DiffPair{}, 1);
  CHECK(d.stack_locations.size() == 4);
  CHECK(d.samples.size() == 8);  // each stack as new, and as base (labelled, negated)
  int64_t sum = 0;
  for (size_t s = 0; s < d.samples.size(); ++s) sum += d.ValuesOf(s)[0];
  CHECK(sum == 0);
  ProfileMerger merger;
  REQUIRE(merger.Add(p, "a").ok());
  REQUIRE(merger.Add(p, "b").ok());
  const Profile m = std::move(merger).Build();
  CHECK(m.stack_locations.size() == 4);
  CHECK(Paths(m) == Expected{{"A", 10}, {"A;B", 6}, {"A;B;A", 16}, {"A;B;A;B", 8}});
}

// Names repeat every 5 (recursion), each level innermost for 1 + i % 4 ns.
Profile Deep(uint32_t depth) {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  std::vector<LocationId> frames;
  for (int f = 0; f < 5; ++f) frames.push_back(InternFrame(b, "f" + std::to_string(f), "x.js", f));
  {
    Timeline t(b, 0, 0);
    int64_t now = 0;
    for (uint32_t i = 0; i < depth; ++i) t.Open(frames[i % 5], now += 1 + i % 4);
    for (uint32_t i = depth; i-- > 0;) t.Close(frames[i % 5], ++now);
  }
  return std::move(b).Build();
}

// The same samples with every stack stored whole (as the operations built
// them before they copied each stored stack once).
Profile Whole(const Profile& p) {
  ProfileBuilder b;
  b.AddSampleType("wall", "nanoseconds");
  std::vector<LocationId> frames;
  for (const Location& loc : p.locations) {
    const Function& f = p.functions[p.lines[loc.first_line].function];
    frames.push_back(InternFrame(b, p.str(f.name), p.str(f.filename), f.start_line));
  }
  std::vector<LocationId> stack;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    stack.clear();
    for (LocationId l : p.StackOf(p.samples[s].stack)) stack.push_back(frames[l]);
    b.AddSample(b.InternStack(stack), 0, p.ValuesOf(s));
  }
  return std::move(b).Build();
}

TEST_CASE("shared stacks: a deep nest filters as its stacks stored whole do", "[sample_stacks][filters]") {
  const Profile shared = Deep(2000);
  const Profile whole = Whole(shared);
  CHECK(shared.stack_locations.size() == 2000);
  CHECK(whole.stack_locations.size() == 2000 * 2001 / 2);
  for (const FilterOptions& o : std::vector<FilterOptions>{{.focus = "f3"},
                                                           {.ignore = "f4"},
                                                           {.hide = "f[12]"},
                                                           {.show = "f[023]"},
                                                           {.show_from = "f2"},
                                                           {.prune_from = "f1"},
                                                           {.focus = "f1", .hide = "f0", .show_from = "f4", .prune_from = "f3"}}) {
    INFO(o.Active(true)[0]);
    const Profile a = Filter(shared, o), b = Filter(whole, o);
    CHECK(Paths(a) == Paths(b));
    // Stored once: the kept frames of the one stored stack at most.
    CHECK(a.stack_locations.size() <= 2000);
  }
}

TEST_CASE("shared stacks: a suffix and a window hash as the stack stored whole", "[sample_stacks]") {
  ProfileBuilder b;
  b.AddSampleType("n", "count");
  std::vector<LocationId> frames;
  for (int f = 0; f < 300; ++f) frames.push_back(InternFrame(b, "f" + std::to_string(f), "", 0));
  const StackId whole = b.InternStack(frames);
  for (uint32_t drop : {1u, 7u, 299u, 300u}) {
    const StackId suffix = b.InternStackSuffix(whole, drop);
    CHECK(b.InternStack(std::span<const LocationId>(frames).subspan(drop)) == suffix);
  }
  // Windows of frames not stored yet: found where they are stored, new ones stored once.
  b.SetStackParts(std::vector<LocationId>(frames.begin() + 5, frames.end()));
  CHECK(b.InternStackPart(0, 295) == b.InternStackSuffix(whole, 5));
  const size_t stored = b.profile().stack_locations.size();
  const StackId middle = b.InternStackPart(10, 20);
  CHECK(b.profile().stack_locations.size() == stored + 295);
  CHECK(b.InternStack(std::span<const LocationId>(frames).subspan(15, 20)) == middle);
  CHECK(b.InternStackPart(11, 19) != middle);
  CHECK(b.profile().stack_locations.size() == stored + 295);
}

}  // namespace
}  // namespace proflens
