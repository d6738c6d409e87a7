// Reading a big pprof file gives back the pages of the samples it has read
// (the inflated bytes, or the file mapping): the profile must be the one
// read from bytes that are kept whole. Inflating and counting give back the
// mapped file's pages as they go: the mapping then holds little of the file.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "analyzer/profile_builder.h"
#include "formats/io/gzip.h"
#include "formats/io/input.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/pprof_counts.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// The bytes of the mapping holding `address` that are in memory (its Rss in
// /proc/self/smaps), or -1 when it is not found.
int64_t ResidentBytes(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const uintptr_t at = reinterpret_cast<uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    uintptr_t from = 0, to = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &from, &to) == 2 && line.find(' ') > line.find('-')) {
      inside = from <= at && at < to;
    } else if (inside && line.starts_with("Rss:")) {
      return std::stoll(line.substr(4)) * 1024;
    }
  }
  return -1;
}

// Random stacks 12 deep over 300 locations, as many samples as asked.
std::string RandomPprof(int samples, unsigned seed) {
  ProfileBuilder b;
  b.AddSampleType("alloc_objects", "count");
  b.AddSampleType("alloc_space", "bytes");
  std::vector<LocationId> locations;
  for (int i = 0; i < 300; ++i) {
    Line line{b.InternFunction({.name = b.InternString("fn" + std::to_string(i))}), i};
    locations.push_back(b.InternLocation(kNoId, 0x1000 + i, {&line, 1}));
  }
  std::mt19937 random(seed);
  std::vector<LocationId> stack(12);
  for (int s = 0; s < samples; ++s) {
    for (LocationId& l : stack) l = locations[random() % locations.size()];
    const std::vector<int64_t> values{1, static_cast<int64_t>(random() % 4096)};
    b.AddSample(b.InternStack(stack), 0, values);
  }
  return WritePprof(std::move(b).Build());
}

TEST_CASE("inflating and counting a mapped file give its pages back as they go", "[pprof][gzip]") {
  const std::string bytes = RandomPprof(300000, 5);
  const std::string gz = Gzip(bytes, 1);  // random stacks compress little
  REQUIRE(gz.size() > (size_t{4} << 20));
  const std::string dir = testing::TempDir("release_input");
  testing::WriteFile(dir + "/big.pb.gz", gz);
  testing::WriteFile(dir + "/big.pb", bytes);
  const std::optional<PprofCounts> kept = CountPprof(gz);
  REQUIRE(kept.has_value());
  for (const char* name : {"/big.pb.gz", "/big.pb"}) {
    INFO(name);
    for (bool release : {false, true}) {
      INFO("release_input " << release);
      Result<InputBuffer> input = ReadInput(dir + name);
      REQUIRE(input.ok());
      REQUIRE(input->mapped());
      PrefaultPages(input->bytes().data(), input->bytes().size());
      const int64_t before = ResidentBytes(input->bytes().data());
      REQUIRE(before >= static_cast<int64_t>(input->bytes().size()) - 4096);
      const std::optional<PprofCounts> counted = CountPprof(input->bytes(), {.release_input = release});
      REQUIRE(counted.has_value());
      CHECK(counted->counts.totals == kept->counts.totals);
      CHECK(counted->counts.stacks == kept->counts.stacks);
      CHECK(counted->counts.samples == kept->counts.samples);
      const int64_t after = ResidentBytes(input->bytes().data());
      if (release) {
        CHECK(after <= (int64_t{5} << 20));  // what was read since the last release, at most
      } else {
        CHECK(after == before);
      }
      // Pages given back are read again from the file when touched.
      CHECK(input->bytes() == (std::string_view(name).ends_with(".gz") ? gz : bytes));
    }
  }
  // Inflated by itself, a piece at a time, giving pages back.
  Result<InputBuffer> input = ReadInput(dir + "/big.pb.gz");
  REQUIRE(input.ok());
  std::string joined;
  REQUIRE(InflateInPieces(input->bytes(), {.release_input = true}, [&](std::string_view piece) {
            joined += piece;
            return true;
          }).ok());
  CHECK(joined == bytes);
  CHECK(ResidentBytes(input->bytes().data()) <= (int64_t{2} << 20));
}

TEST_CASE("a pprof file read while giving back its pages equals one read whole", "[pprof]") {
  // 200,000 samples of random stacks 12 deep over 300 locations: about 6 MB
  // of Sample messages, more than the 4 MiB the reader gives back at once.
  const std::string bytes = RandomPprof(200000, 11);
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
