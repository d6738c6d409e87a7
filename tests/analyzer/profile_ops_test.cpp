// Operations on profiles: merging as pprof merges (profile.Merge and its
// combineHeaders: the earliest time, the summed duration, the largest
// period, each comment once, samples whose values are all zero dropped;
// checked against pprof's own Merge on the same three profiles), dropping
// frames, and the full-name view.
#include <catch2/catch.hpp>
#include <vector>

#include "analyzer/call_graph.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// A profile's comments, as text.
std::vector<std::string> Comments(const Profile& p) {
  std::vector<std::string> out;
  for (StringId c : p.comments) out.emplace_back(p.str(c));
  return out;
}

void SetHeader(Profile& p, int64_t time, int64_t duration, int64_t period, const std::vector<std::string>& comments) {
  p.time_nanos = time;
  p.duration_nanos = duration;
  p.period = period;
  for (const std::string& c : comments) {
    p.strings.push_back(c);
    p.comments.push_back(static_cast<StringId>(p.strings.size() - 1));
  }
}

TEST_CASE("merge sums equal stacks and refuses different sample types", "[profile_ops]") {
  Profile a = testing::MakeProfile({{"main;x", {1}}});
  Profile b = testing::MakeProfile({{"main;x", {2}}, {"main;y", {3}}});
  a.duration_nanos = 5;
  b.duration_nanos = 7;
  std::vector<const Profile*> both = {&a, &b};
  std::vector<std::string> names = {"a", "b"};
  Result<Profile> m = MergeProfiles(both, names);
  REQUIRE(m.ok());
  CHECK(m->samples.size() == 2);
  CHECK(m->Totals()[0] == 6);
  CHECK(m->duration_nanos == 12);

  Profile c = testing::MakeProfile({{"main;x", {1}}}, {{"cpu", "nanoseconds"}});
  std::vector<const Profile*> mixed = {&a, &c};
  std::vector<std::string> mixed_names = {"a.pb.gz", "c.pb.gz"};
  Result<Profile> bad = MergeProfiles(mixed, mixed_names);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInput);
  CHECK_THAT(bad.status().message(), Catch::Contains("c.pb.gz") && Catch::Contains("sample types differ"));
}

TEST_CASE("drop frames cuts the matched frame and everything below it", "[profile_ops]") {
  // malloc matches; it goes with what it called; a stack of only matches stays.
  Profile p = testing::MakeProfile({{"main;work;malloc;sbrk", {2}}, {"malloc;sbrk", {1}}, {"main;work", {4}}});
  Result<Profile> pruned = PruneFrames(p, "malloc", "");
  REQUIRE(pruned.ok());
  CallGraph g = BuildCallGraph(*pruned, {});
  CHECK(testing::FindNode(g, "work")->flat[0] == 6);
  CHECK(testing::FindNode(g, "sbrk")->cum[0] == 1);  // only the stack without a user frame
  CHECK(testing::FindNode(g, "malloc")->cum[0] == 1);
  // keep_frames exempts a match.
  Result<Profile> kept = PruneFrames(p, "malloc", "mall.*");
  CHECK(testing::FindNode(BuildCallGraph(*kept, {}), "malloc")->cum[0] == 3);
  CHECK(PruneFrames(p, "(", "").status().code() == StatusCode::kInput);
}

TEST_CASE("merge combines headers as pprof does and drops all-zero samples", "[profile_ops]") {
  // pprof's Merge of the same three profiles gives time 3, duration 31,
  // period 7, comments [x y z] and one sample of 7 (1 + 2 + 4).
  Profile a = testing::MakeProfile({{"main", {1}}});
  Profile b = testing::MakeProfile({{"main;idle", {0}}, {"main", {2}}});
  Profile c = testing::MakeProfile({{"main", {4}}});
  SetHeader(a, 5, 10, 3, {"x", "y"});
  SetHeader(b, 0, 20, 7, {"y", "z"});
  SetHeader(c, 3, 1, 2, {"x"});
  ProfileMerger merger;
  REQUIRE(merger.Add(a, "a").ok());
  REQUIRE(merger.Add(b, "b").ok());
  REQUIRE(merger.Add(c, "c").ok());
  CHECK(merger.count() == 3);
  Profile m = std::move(merger).Build();
  CHECK(m.time_nanos == 3);
  CHECK(m.duration_nanos == 31);
  CHECK(m.period == 7);
  CHECK(Comments(m) == std::vector<std::string>{"x", "y", "z"});
  REQUIRE(m.samples.size() == 1);  // main;idle had only zeros
  CHECK(m.ValuesOf(0)[0] == 7);
  CHECK(m.raw_sample_count == a.raw_sample_count + b.raw_sample_count + c.raw_sample_count);
  CallGraph g = BuildCallGraph(m, {});
  CHECK(testing::FindNode(g, "idle") == nullptr);
}

TEST_CASE("merge refuses sample types that differ in unit or order, naming both inputs", "[profile_ops]") {
  Profile first = testing::MakeProfile({{"main", {1, 2}}}, {{"alloc_objects", "count"}, {"alloc_space", "bytes"}});
  Profile swapped = testing::MakeProfile({{"main", {2, 1}}}, {{"alloc_space", "bytes"}, {"alloc_objects", "count"}});
  Profile other_unit = testing::MakeProfile({{"main", {1, 2}}}, {{"alloc_objects", "count"}, {"alloc_space", "kilobytes"}});
  ProfileMerger merger;
  REQUIRE(merger.Add(first, "heap1.pb.gz").ok());
  Status s = merger.Add(swapped, "heap2.pb.gz");
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kInput);
  CHECK(s.message() ==
        "cannot merge heap2.pb.gz with heap1.pb.gz: sample types differ "
        "([alloc_space/bytes alloc_objects/count] vs [alloc_objects/count alloc_space/bytes])");
  CHECK_FALSE(merger.Add(other_unit, "heap3.pb.gz").ok());
  CHECK(merger.count() == 1);  // the refused inputs were not added
  std::vector<const Profile*> none;
  CHECK(MergeProfiles(none, {}).status().code() == StatusCode::kUsage);
}

TEST_CASE("merging merged profiles gives what merging all at once does", "[profile_ops]") {
  Profile a = testing::MakeProfile({{"main;x", {1}}, {"main;y", {2}}});
  Profile b = testing::MakeProfile({{"main;y", {4}}, {"main;z", {8}}});
  Profile c = testing::MakeProfile({{"main;x", {16}}, {"main;z", {32}}});
  std::vector<const Profile*> all = {&a, &b, &c};
  std::vector<std::string> names = {"a", "b", "c"};
  Result<Profile> at_once = MergeProfiles(all, names);
  std::vector<const Profile*> ab = {&a, &b};
  Result<Profile> first_two = MergeProfiles(ab, {names.data(), 2});
  REQUIRE(first_two.ok());
  std::vector<const Profile*> abc = {&*first_two, &c};
  std::vector<std::string> two_names = {"a+b", "c"};
  Result<Profile> in_steps = MergeProfiles(abc, two_names);
  REQUIRE(at_once.ok());
  REQUIRE(in_steps.ok());
  CallGraph g1 = BuildCallGraph(*at_once, {}), g2 = BuildCallGraph(*in_steps, {});
  for (const char* name : {"x", "y", "z"}) {
    INFO(name);
    CHECK(testing::FindNode(g1, name)->flat[0] == testing::FindNode(g2, name)->flat[0]);
  }
  CHECK(testing::FindNode(g1, "x")->flat[0] == 17);
  CHECK(testing::FindNode(g1, "y")->flat[0] == 6);
  CHECK(testing::FindNode(g1, "z")->flat[0] == 40);
}

TEST_CASE("the full-name view shows each function's system name, the model keeps both", "[profile_ops]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  Function fn;
  fn.name = b.InternString("ns::foo");
  fn.system_name = b.InternString("_ZN2ns3fooEi");
  Function plain;
  plain.name = b.InternString("main");  // no system name: stays as it is
  Line lines[] = {{b.InternFunction(fn), 0}, {b.InternFunction(plain), 0}};
  const LocationId leaf = b.InternLocation(kNoId, 0, {&lines[0], 1});
  const LocationId root = b.InternLocation(kNoId, 0, {&lines[1], 1});
  const LocationId stack[] = {leaf, root};
  const int64_t value = 1;
  b.AddSample(b.InternStack(stack), 0, {&value, 1});
  Profile p = std::move(b).Build();
  Profile full = WithFullNames(p);
  CHECK(full.str(full.functions[0].name) == "_ZN2ns3fooEi");
  CHECK(full.str(full.functions[1].name) == "main");
  CHECK(p.str(p.functions[0].name) == "ns::foo");  // the input is a copy, left alone
}

}  // namespace
}  // namespace proflens
