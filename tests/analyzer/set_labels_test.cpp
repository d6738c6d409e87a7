#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analyzer/profile_builder.h"
#include "analyzer/set_labels.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// "key=value,key=value" for each sample's labels, with its first value.
std::vector<std::string> SampleLabels(const Profile& p) {
  std::vector<std::string> out;
  for (size_t s = 0; s < p.samples.size(); ++s) {
    std::string text;
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) {
      text += (text.empty() ? "" : ",") + std::string(p.str(l.key)) + "=" +
              (l.str != 0 ? std::string(p.str(l.str)) : std::to_string(l.num));
    }
    out.push_back(text + " " + std::to_string(p.ValuesOf(s)[0]));
  }
  return out;
}

TEST_CASE("label arguments are KEY=VALUE with each key once", "[set_labels]") {
  std::vector<std::string> args = {"dc=eu-1", "note=a=b", "empty="};
  Result<std::vector<LabelValue>> labels = ParseLabelArgs(args);
  REQUIRE(labels.ok());
  REQUIRE(labels->size() == 3);
  CHECK((*labels)[1].key == "note");
  CHECK((*labels)[1].value == "a=b");
  CHECK((*labels)[2].value.empty());
  for (std::vector<std::string> bad : {std::vector<std::string>{"novalue"}, {"=v"}, {"k=1", "k=2"}}) {
    Result<std::vector<LabelValue>> parsed = ParseLabelArgs(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().code() == StatusCode::kUsage);
  }
}

TEST_CASE("every sample gets the labels and a key it had is replaced", "[set_labels]") {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  Line line{b.InternFunction({.name = b.InternString("f")}), 0};
  const LocationId f = b.InternLocation(kNoId, 0, {&line, 1});
  const StackId stack = b.InternStack({&f, 1});
  const Label dc_us{b.InternString("dc"), b.InternString("us-2")};
  const Label pid{b.InternString("pid"), 0, 7, b.InternString("")};
  const Label both[] = {dc_us, pid};
  auto add = [&](LabelSetId l, int64_t v) { b.AddSample(stack, l, {&v, 1}); };
  add(0, 1);                       // no labels
  add(b.InternLabels({&pid, 1}), 2);  // pid=7
  add(b.InternLabels(both), 4);    // dc=us-2, pid=7: dc replaced, so it sums with the one above
  b.profile().time_nanos = 1796612400000000000;
  Profile src = std::move(b).Build();

  const std::vector<LabelValue> set = {{"dc", "eu-1"}, {"host", "web-07"}};
  Profile out = SetLabels(src, set);
  CHECK(SampleLabels(out) == std::vector<std::string>{"dc=eu-1,host=web-07 1", "dc=eu-1,host=web-07,pid=7 6"});
  CHECK(out.time_nanos == src.time_nanos);
  CHECK(out.Totals() == src.Totals());
  CHECK(SetLabels(src, {}).samples.size() == src.samples.size());
}

}  // namespace
}  // namespace proflens
