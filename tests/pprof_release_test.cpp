// Reading a big pprof file gives back the pages of the samples it has read
// (the inflated bytes, or the file mapping): the profile must be the one
// read from bytes that are kept whole.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "analyzer/profile_builder.h"
#include "formats/gzip.h"
#include "formats/pprof.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("a pprof file read while giving back its pages equals one read whole", "[pprof]") {
  // 200,000 samples of random stacks 12 deep over 300 locations: about 6 MB
  // of Sample messages, more than the 4 MiB the reader gives back at once.
  ProfileBuilder b;
  b.AddSampleType("alloc_objects", "count");
  b.AddSampleType("alloc_space", "bytes");
  std::vector<LocationId> locations;
  for (int i = 0; i < 300; ++i) {
    Line line{b.InternFunction({.name = b.InternString("fn" + std::to_string(i))}), i};
    locations.push_back(b.InternLocation(kNoId, 0x1000 + i, {&line, 1}));
  }
  std::mt19937 random(11);
  std::vector<LocationId> stack(12);
  for (int s = 0; s < 200000; ++s) {
    for (LocationId& l : stack) l = locations[random() % locations.size()];
    const std::vector<int64_t> values{1, static_cast<int64_t>(random() % 4096)};
    b.AddSample(b.InternStack(stack), 0, values);
  }
  const std::string bytes = WritePprof(std::move(b).Build());
  REQUIRE(bytes.size() > (size_t{5} << 20));
  Result<Profile> whole = ReadPprof(bytes);
  REQUIRE(whole.ok());
  const std::string expected = WritePprof(*whole);
  const std::string dir = testing::TempDir("pprof_release");
  testing::WriteFile(dir + "/big.pb.gz", Gzip(bytes));
  testing::WriteFile(dir + "/big.pb", bytes);
  for (const char* name : {"/big.pb.gz", "/big.pb"}) {
    INFO(name);
    Result<LoadedProfile> loaded = ReadProfileFile(dir + name);
    REQUIRE(loaded.ok());
    CHECK(WritePprof(*loaded->profile.stacks()) == expected);
  }
}

}  // namespace
}  // namespace proflens
