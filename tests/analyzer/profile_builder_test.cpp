#include <catch2/catch.hpp>
#include <vector>

#include "analyzer/profile_builder.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("builder interns strings, functions, locations and stacks", "[profile_builder]") {
  Profile p = testing::MakeProfile({{"main;a;b", {1}}, {"main;a;b", {2}}, {"main;a", {4}}});
  CHECK(p.functions.size() == 3);
  CHECK(p.locations.size() == 3);
  CHECK(p.stacks.size() == 2);
  REQUIRE(p.samples.size() == 2);  // equal stacks sum into one sample
  CHECK(p.ValuesOf(0)[0] == 3);
  CHECK(p.raw_sample_count == 3);
  CHECK(p.str(0).empty());
  // stack[0] is the leaf.
  auto stack = p.StackOf(p.samples[0].stack);
  REQUIRE(stack.size() == 3);
  CHECK(p.str(p.functions[p.LinesOf(p.locations[stack[0]])[0].function].name) == "b");
}

TEST_CASE("samples sum by stack and label set; ids in order of first use", "[profile_builder]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  Label pid{b.InternString("pid"), b.InternString("7")};
  const LabelSetId labeled = b.InternLabels({&pid, 1});
  Line line{b.InternFunction({.name = b.InternString("f")}), 0};
  const LocationId f = b.InternLocation(kNoId, 0, {&line, 1});
  const LocationId ff[] = {f, f};
  const StackId one = b.InternStack({&f, 1}), two = b.InternStack(ff);
  REQUIRE(one != two);
  auto add = [&](StackId s, LabelSetId l, int64_t v) { b.AddSample(s, l, {&v, 1}); };
  add(two, labeled, 1);  // sample 0
  add(two, 0, 2);        // sample 1: same stack, no labels
  add(one, 0, 4);        // sample 2
  add(two, 0, 8);        // to sample 1
  add(two, labeled, 16); // to sample 0
  add(one, labeled, 32); // sample 3
  Profile p = std::move(b).Build();
  REQUIRE(p.samples.size() == 4);
  CHECK((p.samples[0].stack == two && p.samples[0].labels == labeled && p.ValuesOf(0)[0] == 17));
  CHECK((p.samples[1].stack == two && p.samples[1].labels == 0 && p.ValuesOf(1)[0] == 10));
  CHECK((p.samples[2].stack == one && p.samples[2].labels == 0 && p.ValuesOf(2)[0] == 4));
  CHECK((p.samples[3].stack == one && p.samples[3].labels == labeled && p.ValuesOf(3)[0] == 32));
  CHECK(p.raw_sample_count == 6);
}

TEST_CASE("stacks are stored in 1 2 or 4 bytes an id and widened as locations grow", "[profile_builder]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  std::vector<LocationId> locations;
  auto location = [&](size_t i) {
    while (locations.size() <= i) {
      Line line{b.InternFunction({.name = b.InternString("f" + std::to_string(locations.size()))}), 0};
      locations.push_back(b.InternLocation(kNoId, 0x1000 + locations.size(), {&line, 1}));
    }
    return locations[i];
  };
  // Stacks interned before and after the store widens, and again after it.
  const std::vector<std::vector<size_t>> stacks = {{3, 2, 1}, {200, 0}, {255, 1}, {300, 2, 1}, {70000, 300}, {0, 3, 2, 1}};
  std::vector<StackId> ids;
  std::vector<unsigned> widths;
  for (const auto& stack : stacks) {
    std::vector<LocationId> locs;
    for (size_t i : stack) locs.push_back(location(i));
    ids.push_back(b.InternStack(locs));
    widths.push_back(b.profile().stack_locations.width());
  }
  CHECK(widths == std::vector<unsigned>{1, 1, 1, 2, 4, 4});
  for (size_t k = 0; k < stacks.size(); ++k) {
    std::vector<LocationId> locs;
    for (size_t i : stacks[k]) locs.push_back(location(i));
    CHECK(b.InternStack(locs) == ids[k]);  // found again, whatever width it was stored in
    const StackView view = b.profile().StackOf(ids[k]);
    CHECK(std::vector<LocationId>(view.begin(), view.end()) == locs);
  }
  CHECK(b.profile().stacks.size() == stacks.size());
  // A suffix shares the stored ids and is found as the stack it equals.
  const StackId suffix = b.InternStackSuffix(ids[5], 1);
  CHECK(suffix == ids[0]);
}

TEST_CASE("label sets are equal whatever their order", "[profile_builder]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  Label x{b.InternString("pid"), b.InternString("7")};
  Label y{b.InternString("comm"), b.InternString("bash")};
  Label xy[] = {x, y}, yx[] = {y, x};
  CHECK(b.InternLabels(xy) == b.InternLabels(yx));
  CHECK(b.InternLabels({}) == 0);
}

TEST_CASE("sample sums saturate instead of wrapping", "[profile_builder]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  StackId s = b.InternStack({});
  int64_t big[] = {INT64_MAX - 1};
  b.AddSample(s, 0, big);
  b.AddSample(s, 0, big);
  Profile p = std::move(b).Build();
  CHECK(p.ValuesOf(0)[0] == INT64_MAX);
}

}  // namespace
}  // namespace proflens
