// `info` counts a pprof profile as it is inflated, without building it
// (formats/pprof/pprof_counts.h): its counts must be those of the profile read
// whole, for every profile it accepts, and it must decline (so that info
// reads the file whole) every profile where they could differ.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "analyzer/profile_builder.h"
#include "analyzer/profile_counts.h"
#include "formats/io/gzip.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/pprof_counts.h"
#include "formats/pprof/protobuf_wire.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// The counts of `file` read whole, as info printed them before.
ProfileCounts CountedWhole(const std::string& file) {
  Result<LoadedProfile> loaded = ReadProfileBytes(file, "test");
  REQUIRE(loaded.ok());
  return CountProfile(*loaded->profile.stacks());
}

void RequireSameCounts(const std::string& file, const PprofCountOptions& options = {}) {
  std::optional<PprofCounts> counted = CountPprof(file, options);
  REQUIRE(counted.has_value());
  Result<LoadedProfile> loaded = ReadProfileBytes(file, "test");
  REQUIRE(loaded.ok());
  const Profile& whole = *loaded->profile.stacks();
  const ProfileCounts expected = CountProfile(whole);
  CHECK(counted->counts.totals == expected.totals);
  CHECK(counted->counts.records == expected.records);
  CHECK(counted->counts.samples == expected.samples);
  CHECK(counted->counts.stacks == expected.stacks);
  CHECK(counted->counts.label_set_used == expected.label_set_used);
  CHECK(counted->counts.label_set_totals == expected.label_set_totals);
  CHECK(counted->gzipped == loaded->gzipped);
  const Profile& h = counted->header;
  CHECK(h.strings == whole.strings);
  REQUIRE(h.sample_types.size() == whole.sample_types.size());
  for (size_t i = 0; i < h.sample_types.size(); ++i) {
    CHECK(h.sample_types[i].type == whole.sample_types[i].type);
    CHECK(h.sample_types[i].unit == whole.sample_types[i].unit);
  }
  CHECK(h.locations.size() == whole.locations.size());
  CHECK(h.functions.size() == whole.functions.size());
  CHECK(h.mappings == whole.mappings);
  CHECK(h.labels == whole.labels);
  CHECK(h.comments == whole.comments);
  CHECK(h.DefaultSampleIndex() == whole.DefaultSampleIndex());
  CHECK(h.period == whole.period);
  CHECK(h.time_nanos == whole.time_nanos);
  CHECK(h.duration_nanos == whole.duration_nanos);
}

// The fields of a serialized Profile, with every Sample field written again
// at the end: records twice as many as the samples, all merged as read.
std::string WithSamplesTwice(const std::string& bytes) {
  std::string samples;
  FieldSplitter split([&](const WireField& field) {
    if (field.number == 2) samples.append(field.bytes);
    return true;
  });
  REQUIRE(split.Feed(bytes));
  return bytes + samples;
}

// Random stacks over `locations` locations, each sample with one of
// `label_sets` label sets (0: none), stacks often repeated with other labels.
std::string RandomProfile(unsigned seed, int samples, int locations, int label_sets) {
  std::mt19937 random(seed);
  ProfileBuilder b;
  b.AddSampleType("alloc_objects", "count");
  b.AddSampleType("alloc_space", "bytes");
  b.profile().default_sample_type = b.InternString("alloc_space");
  std::vector<LocationId> locs;
  for (int i = 0; i < locations; ++i) {
    Line line{b.InternFunction({.name = b.InternString("fn" + std::to_string(i))}), i};
    locs.push_back(b.InternLocation(kNoId, 0x1000 + i, {&line, 1}));
  }
  std::vector<std::vector<LocationId>> stacks;
  for (int s = 0; s < samples; ++s) {
    if (stacks.empty() || random() % 3 != 0) {
      std::vector<LocationId> stack(1 + random() % 20);
      for (LocationId& l : stack) l = locs[random() % locs.size()];
      stacks.push_back(stack);
    }
    const std::vector<LocationId>& stack = stacks[random() % stacks.size()];
    LabelSetId labels = 0;
    if (label_sets > 0 && random() % 4 != 0) {
      const int set = static_cast<int>(random() % label_sets);
      std::vector<Label> l{{.key = b.InternString("thread"), .str = b.InternString("t" + std::to_string(set))}};
      if (set % 2 == 1) l.push_back({.key = b.InternString("bytes"), .num = set * 64, .num_unit = b.InternString("bytes")});
      labels = b.InternLabels(l);
    }
    const std::vector<int64_t> values{1, static_cast<int64_t>(random() % 4096)};
    b.AddSample(b.InternStack(stack), labels, values);
  }
  return WritePprof(std::move(b).Build());
}

TEST_CASE("pprof counts equal the profile's for the bundled pprof samples", "[pprof][counts]") {
  for (const char* name : {"samples/go-cpu.pb.gz", "samples/go-heap.pb.gz", "samples/go-generics.pb.gz",
                           "samples/tag-labels.pb.gz", "tests/data/deep-stack.pb"}) {
    INFO(name);
    const std::string file = testing::ReadFile(testing::SourcePath(name));
    RequireSameCounts(file);
    RequireSameCounts(IsGzip(file) ? Gunzip(file).value() : Gzip(file));  // gzipped and plain alike
  }
  // It sets drop_frames: read whole, as pprof prunes those frames.
  CHECK_FALSE(CountPprof(testing::ReadFile(testing::SourcePath("samples/synthetic.pb.gz"))).has_value());
}

TEST_CASE("pprof counts equal the profile's for random profiles with repeated samples and label sets", "[pprof][counts]") {
  struct Shape {
    int samples, locations, label_sets;
  };
  // Ids of one byte and of two (over 127 locations), no labels, a few and many label sets.
  for (Shape shape : {Shape{3000, 50, 0}, Shape{3000, 50, 3}, Shape{20000, 400, 40}, Shape{5000, 3000, 7}}) {
    INFO(shape.samples << " samples, " << shape.locations << " locations, " << shape.label_sets << " label sets");
    const std::string once = RandomProfile(static_cast<unsigned>(shape.samples + shape.locations), shape.samples,
                                           shape.locations, shape.label_sets);
    const std::string twice = WithSamplesTwice(once);
    RequireSameCounts(once);
    RequireSameCounts(twice);
    const ProfileCounts whole = CountedWhole(twice);
    CHECK(whole.records == 2 * whole.samples);  // the doubled samples merged
    if (shape.label_sets > 0) CHECK(whole.samples > whole.stacks);  // stacks seen with several label sets
  }
}

TEST_CASE("pprof counts: labels written in another order, or apart, are one label set", "[pprof][counts]") {
  const std::string with_labels = testing::PprofWithOneLabelSetWrittenTwoWays();
  RequireSameCounts(with_labels);
  const ProfileCounts whole = CountedWhole(with_labels);
  CHECK(whole.records == 5);
  CHECK(whole.samples == 3);  // the three new records are one sample
  CHECK(whole.stacks == 3);  // location 1 alone is a stack of its own
}

TEST_CASE("pprof counts of a profile big enough to be inflated on a thread of its own", "[pprof][counts]") {
  const std::string gz = Gzip(WithSamplesTwice(RandomProfile(21, 150000, 3000, 9)));
  REQUIRE(gz.size() >= (size_t{1} << 20));  // InflateInPieces' threaded path
  RequireSameCounts(gz);
  RequireSameCounts(gz, {.piece_size = 1000});
}

TEST_CASE("pprof counts are the same however the inflated data is cut", "[pprof][counts]") {
  const std::string gz = Gzip(WithSamplesTwice(RandomProfile(5, 4000, 200, 5)));
  const std::optional<PprofCounts> whole = CountPprof(gz);
  REQUIRE(whole.has_value());
  for (size_t piece : {size_t{1}, size_t{3}, size_t{17}, size_t{4096}, size_t{1} << 20}) {
    INFO("pieces of " << piece << " bytes");
    const std::optional<PprofCounts> cut = CountPprof(gz, {.piece_size = piece});
    REQUIRE(cut.has_value());
    CHECK(cut->counts == whole->counts);
  }
  // Several gzip members make one profile, as for Gunzip.
  const std::string bytes = Gunzip(gz).value();
  const std::string members = Gzip(bytes.substr(0, 1000)) + Gzip(bytes.substr(1000, 70000)) + Gzip(bytes.substr(71000));
  const std::optional<PprofCounts> joined = CountPprof(members, {.piece_size = 1000});
  REQUIRE(joined.has_value());
  CHECK(joined->counts == whole->counts);
}

// A pprof profile of these stacks (testing::MakeProfile).
std::string PprofOf(const std::vector<testing::TestStack>& stacks) { return WritePprof(testing::MakeProfile(stacks)); }

TEST_CASE("pprof counting declines what the whole profile could count otherwise", "[pprof][counts]") {
  const std::string plain = PprofOf({{"main;a;b", {3}}, {"main;a;c", {2}}, {"main;d", {1}}});
  REQUIRE(CountPprof(plain).has_value());
  REQUIRE(CountPprof(Gzip(plain)).has_value());

  SECTION("not pprof, or not all of it") {
    CHECK_FALSE(CountPprof("main;a;b 3\nmain;c 2\n").has_value());
    CHECK_FALSE(CountPprof(Gzip("main;a;b 3\nmain;c 2\n")).has_value());
    CHECK_FALSE(CountPprof("").has_value());
    CHECK_FALSE(CountPprof(Gzip("")).has_value());
    const std::string gz = Gzip(plain);
    CHECK_FALSE(CountPprof(gz.substr(0, gz.size() - 5)).has_value());  // cut short
    CHECK_FALSE(CountPprof(plain.substr(0, plain.size() - 3)).has_value());
    CHECK_FALSE(CountPprof(gz + "junk").has_value());
    CHECK_FALSE(CountPprof(gz, {.max_decompressed_size = plain.size() - 1}).has_value());
    CHECK(CountPprof(gz, {.max_decompressed_size = plain.size()}).has_value());
  }
  SECTION("a negative value: info adds up |merged values|, which need the samples merged") {
    CHECK_FALSE(CountPprof(PprofOf({{"main;a", {3}}, {"main;a", {-5}}})).has_value());
  }
  SECTION("drop_frames: frames are pruned as the profile is read") {
    Profile p = testing::MakeProfile({{"main;a;b", {3}}});
    p.drop_frames = static_cast<StringId>(p.strings.size());
    p.strings.push_back("b");
    std::string bytes = WritePprof(p);
    std::string field;
    WireWriter(field).Int(7, p.drop_frames);  // WritePprof leaves it out: it was applied when read
    CHECK_FALSE(CountPprof(bytes + field).has_value());
    Result<Profile> read = ReadPprof(bytes + field);
    REQUIRE(read.ok());
    CHECK(CountProfile(*read).stacks == 1);
  }
  SECTION("location ids that are not those of distinct locations from the lowest to the highest") {
    // Two location messages with the same content: one location, so stacks
    // that differ by id are one stack.
    const std::string bytes = PprofOf({{"main;a", {3}}, {"main;b", {2}}});
    Profile p = ReadPprof(bytes).value();
    std::string twin;
    {
      // Location 3 again, as a new id 4, and a sample using it.
      FieldSplitter split([&](const WireField& field) {
        if (field.number == 4) twin = std::string(field.payload);
        return true;
      });
      REQUIRE(split.Feed(bytes));
    }
    REQUIRE_FALSE(twin.empty());
    std::string location, sample, ids, values;
    WireWriter l(location);
    l.Int(1, 4);
    location += twin.substr(2);  // the last location's fields but its id (1 byte tag, 1 byte id)
    WireWriter(ids).Varint(4);
    WireWriter(ids).Varint(1);
    WireWriter(values).Varint(7);
    WireWriter s(sample);
    s.Bytes(1, ids);
    s.Bytes(2, values);
    std::string extra;
    WireWriter e(extra);
    e.Bytes(4, location);
    e.Bytes(2, sample);
    const std::string with_twin = bytes + extra;
    REQUIRE(ReadPprof(with_twin).ok());
    CHECK_FALSE(CountPprof(with_twin).has_value());
    // A location id no location has: the whole read says which.
    std::string bad_sample, bad_ids;
    WireWriter(bad_ids).Varint(99);
    WireWriter b(bad_sample);
    b.Bytes(1, bad_ids);
    b.Bytes(2, values);
    std::string bad;
    WireWriter(bad).Bytes(2, bad_sample);
    CHECK_FALSE(CountPprof(bytes + bad).has_value());
    CHECK_FALSE(ReadPprof(bytes + bad).ok());
  }
}

TEST_CASE("info prints the same for pprof counted and the profile read whole", "[pprof][counts][cli]") {
  // The same profile as pprof (counted) and as folded text (read whole).
  const std::string dir = testing::TempDir("pprof_counts_info");
  testing::WriteFile(dir + "/p.pb.gz", Gzip(WithSamplesTwice(RandomProfile(9, 3000, 60, 4))));
  testing::CliRun counted = testing::RunCli({"info", dir + "/p.pb.gz"});
  REQUIRE(counted.code == 0);
  const ProfileCounts whole = CountedWhole(testing::ReadFile(dir + "/p.pb.gz"));
  CHECK_THAT(counted.out, Catch::Contains("Samples: " + std::to_string(whole.records) + " records, " +
                                          std::to_string(whole.samples) + " distinct (stack, labels)\n"));
  CHECK_THAT(counted.out, Catch::Contains("Stacks: " + std::to_string(whole.stacks) + ", locations: 60"));
  CHECK_THAT(counted.out, Catch::Contains("Labels (share of alloc_space):\n  bytes: 2 values"));
  CHECK_THAT(counted.out, Catch::Contains("  thread: 4 values"));
}

}  // namespace
}  // namespace proflens
