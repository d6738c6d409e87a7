// A gzipped pprof profile read as it is inflated (formats/pprof/pprof_stream_reader.h)
// must be the profile read whole, for every profile it takes, and it must
// decline (so that the file is read whole) the ones whose samples it cannot
// take as they come.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "analyzer/profile_builder.h"
#include "formats/io/gzip.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/pprof_stream_reader.h"
#include "formats/pprof/protobuf_wire.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// ReadPprof of the inflated bytes, written back (every id, string and value).
std::string ReadWhole(const std::string& gz) {
  Result<Profile> whole = ReadPprof(Gunzip(gz).value());
  REQUIRE(whole.ok());
  return WritePprof(*whole);
}

void RequireStreamedAsWhole(const std::string& gz, size_t piece = size_t{256} << 10) {
  std::optional<Profile> streamed = StreamPprof(gz, kDefaultMaxDecompressedSize, false, piece);
  REQUIRE(streamed.has_value());
  CHECK(WritePprof(*streamed) == ReadWhole(gz));
}

// The fields of a serialized Profile by number, in order.
std::vector<std::pair<uint32_t, std::string>> Fields(const std::string& bytes) {
  std::vector<std::pair<uint32_t, std::string>> fields;
  FieldSplitter split([&](const WireField& f) {
    fields.emplace_back(f.number, std::string(f.bytes));
    return true;
  });
  REQUIRE(split.Feed(bytes));
  return fields;
}

// Random stacks over `locations` locations, labels from `label_sets` sets,
// stacks repeated with other labels; every Sample field written twice.
std::string RandomStreamPprof(unsigned seed, int samples, int locations, int label_sets) {
  std::mt19937 random(seed);
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  b.AddSampleType("cpu", "nanoseconds");
  std::vector<LocationId> locs;
  for (int i = 0; i < locations; ++i) {
    Line line{b.InternFunction({.name = b.InternString("fn" + std::to_string(i))}), i};
    locs.push_back(b.InternLocation(kNoId, 0x1000 + i, {&line, 1}));
  }
  for (int s = 0; s < samples; ++s) {
    std::vector<LocationId> stack(1 + random() % 16);
    for (LocationId& l : stack) l = locs[random() % locs.size()];
    LabelSetId labels = 0;
    if (label_sets > 0 && random() % 3 != 0) {
      const int set = static_cast<int>(random() % label_sets);
      std::vector<Label> l{{.key = b.InternString("thread"), .str = b.InternString("t" + std::to_string(set))}};
      labels = b.InternLabels(l);
    }
    const std::vector<int64_t> values{1, static_cast<int64_t>(random() % 1000) - 100};  // some negative
    b.AddSample(b.InternStack(stack), labels, values);
  }
  const std::string bytes = WritePprof(std::move(b).Build());
  std::string twice;
  for (const auto& [number, field] : Fields(bytes)) twice += number == 2 ? field + field : field;
  return twice;
}

TEST_CASE("a gzipped pprof profile read as it inflates is the profile read whole", "[pprof][stream]") {
  for (const char* name : {"samples/go-cpu.pb.gz", "samples/go-heap.pb.gz", "samples/go-generics.pb.gz",
                           "samples/tag-labels.pb.gz", "samples/synthetic.pb.gz"}) {
    INFO(name);  // synthetic.pb.gz sets drop_frames: pruned after, as when read whole
    RequireStreamedAsWhole(testing::ReadFile(testing::SourcePath(name)));
  }
  for (int locations : {40, 300}) {  // ids of one byte, and of two
    INFO(locations << " locations");
    const std::string gz = Gzip(RandomStreamPprof(static_cast<unsigned>(locations), 20000, locations, 5));
    for (size_t piece : {size_t{1}, size_t{13}, size_t{4096}, size_t{256} << 10}) {
      INFO("pieces of " << piece);
      RequireStreamedAsWhole(gz, piece);
    }
  }
}

TEST_CASE("a pprof profile whose samples cannot be read as they come is read whole", "[pprof][stream]") {
  const std::string bytes = RandomStreamPprof(3, 500, 30, 3);
  const auto fields = Fields(bytes);
  auto join = [&](auto keep) {
    std::string out;
    for (const auto& [number, field] : fields) {
      if (keep(number)) out += field;
    }
    return out;
  };
  SECTION("sample types after the samples") {
    const std::string moved = join([](uint32_t n) { return n != 1; }) + join([](uint32_t n) { return n == 1; });
    CHECK_FALSE(StreamPprof(Gzip(moved), kDefaultMaxDecompressedSize).has_value());
  }
  SECTION("locations written in another order than their ids") {
    std::vector<std::string> locations;
    for (const auto& [number, field] : fields) {
      if (number == 4) locations.push_back(field);
    }
    REQUIRE(locations.size() > 2);
    std::swap(locations[0], locations[1]);
    std::string swapped = join([](uint32_t n) { return n != 4; });
    for (const std::string& l : locations) swapped += l;
    CHECK_FALSE(StreamPprof(Gzip(swapped), kDefaultMaxDecompressedSize).has_value());
    // Read whole instead, through the one entry point: the same profile.
    Result<LoadedProfile> loaded = ReadProfileBytes(Gzip(swapped), "swapped");
    REQUIRE(loaded.ok());
    CHECK(WritePprof(*loaded->profile.stacks()) == WritePprof(ReadPprof(swapped).value()));
  }
  SECTION("one label set written in two ways: the samples must merge") {
    const std::string two_ways = testing::PprofWithOneLabelSetWrittenTwoWays();
    CHECK_FALSE(StreamPprof(Gzip(two_ways), kDefaultMaxDecompressedSize).has_value());
    Result<LoadedProfile> loaded = ReadProfileBytes(Gzip(two_ways), "two ways");
    REQUIRE(loaded.ok());
    CHECK(WritePprof(*loaded->profile.stacks()) == WritePprof(ReadPprof(two_ways).value()));
    CHECK(loaded->profile.stacks()->samples.size() == 3);
  }
  SECTION("not a profile, cut short, or over the limit") {
    const std::string gz = Gzip(bytes);
    CHECK_FALSE(StreamPprof(gz.substr(0, gz.size() / 2), kDefaultMaxDecompressedSize).has_value());
    CHECK_FALSE(StreamPprof(Gzip(bytes + "\xff\xff"), kDefaultMaxDecompressedSize).has_value());
    CHECK_FALSE(StreamPprof(gz, bytes.size() - 1).has_value());
    CHECK(StreamPprof(gz, bytes.size()).has_value());
  }
}

}  // namespace
}  // namespace proflens
