#include "formats/pprof/pprof_stream_reader.h"

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "analyzer/profile_builder.h"
#include "formats/io/gzip.h"
#include "formats/pprof/pprof_import.h"
#include "formats/pprof/protobuf_wire.h"
#include "profile.pb.h"

namespace proflens {

namespace {

// Samples added to the builder as they are read, their location ids taken
// as the locations' places (id - 1) and their labels as written, both
// checked once the rest of the profile is read (Finish).
class StreamedSamples {
 public:
  explicit StreamedSamples(ProfileBuilder& builder) : b_(builder) {}

  void SampleType() {
    if (records_ > 0) types_after_samples_ = true;
    ++types_;
  }

  // False: the sample cannot be taken as it comes (see StreamPprof).
  bool Add(std::string_view sample) {
    if (types_ == 0 || types_after_samples_) return false;
    // Unnamed until the strings are read; as many as the values to sum.
    if (b_.profile().sample_types.size() != types_) b_.profile().sample_types.resize(types_);
    stack_.clear();
    values_.clear();
    LabelFields labels(label_scratch_);
    const SampleRead read = ReadSampleFields(
        sample,
        [&](std::string_view ids) {
          return ForEachVarint(ids, [&](uint64_t id) {
                   if (id == 0 || id > UINT32_MAX) return false;
                   stack_.push_back(static_cast<LocationId>(id - 1));
                   min_id_ = std::min(min_id_, id);
                   max_id_ = std::max(max_id_, id);
                   return true;
                 }) == SampleRead::kOk;
        },
        [&](uint64_t v) {
          values_.push_back(static_cast<int64_t>(v));
          return true;
        },
        [&](std::string_view, std::string_view field) {
          labels.Add(field);
          return true;
        });
    if (read != SampleRead::kOk || values_.size() != types_) return false;
    b_.AddSampleLate(stack_, label_sets_.Intern(labels.key()), values_);
    ++records_;
    sample_bytes_ += sample.size();
    return true;
  }

  uint64_t records() const { return records_; }
  uint64_t sample_bytes() const { return sample_bytes_; }

  // Once `importer` has read the other fields into the builder (after
  // ClearTypes): whether the samples' ids and labels are what ReadPprof
  // would have made of them, the labels then set to the profile's sets.
  void ClearTypes() {
    b_.FlushLate();
    b_.profile().sample_types.clear();  // ImportMetadata adds them, named
  }
  bool Finish(const PprofImporter& importer) {
    Profile& p = b_.profile();
    if (records_ > 0 && p.sample_types.size() != types_) return false;
    if (max_id_ != 0 && max_id_ - min_id_ >= importer.location_messages()) return false;
    for (uint64_t id = min_id_; id <= max_id_; ++id) {
      if (importer.LocationById(id) != static_cast<LocationId>(id - 1)) return false;
    }
    std::optional<std::vector<LabelSetId>> interned = label_sets_.InternAll(importer, b_);
    if (!interned) return false;
    std::vector<bool> taken(p.label_sets.size(), false);
    for (LabelSetId set : *interned) {
      if (taken[set]) return false;  // two as written, one set: samples would merge
      taken[set] = true;
    }
    for (Sample& s : p.samples) s.labels = (*interned)[s.labels];
    return true;
  }

 private:
  ProfileBuilder& b_;
  size_t types_ = 0;
  bool types_after_samples_ = false;
  uint64_t records_ = 0, sample_bytes_ = 0;
  uint64_t min_id_ = UINT64_MAX, max_id_ = 0;
  std::vector<LocationId> stack_;
  std::vector<int64_t> values_;
  std::string label_scratch_;
  RawLabelSets label_sets_;
};

}  // namespace

std::optional<Profile> StreamPprof(std::string_view gz, uint64_t max_decompressed_size, bool release_input,
                                   size_t piece_size) {
  ProfileBuilder builder;
  StreamedSamples samples(builder);
  std::string rest;
  FieldSplitter split([&](const WireField& field) {
    if (field.number == 2 && field.wire == 2) return samples.Add(field.payload);
    if (field.number == 1) samples.SampleType();
    rest.append(field.bytes);
    return true;
  });
  // Once the first pieces are read, room is made for as many samples as they
  // promise in the inflated size the data claims.
  const uint64_t expected = std::min(ClaimedInflatedSize(gz), max_decompressed_size);
  uint64_t size = 0;
  bool reserved = false, declined = false;
  const InflateOptions inflate{.max_size = max_decompressed_size, .piece_size = piece_size, .release_input = release_input};
  Status status = InflateInPieces(gz, inflate, [&](std::string_view piece) {
    size += piece.size();
    declined = size > static_cast<uint64_t>(INT_MAX) || !split.Feed(piece);
    if (!reserved && size >= (size_t{4} << 20) && expected > size) {
      reserved = true;
      const double more = static_cast<double>(expected) / static_cast<double>(size);
      builder.ReserveSamples(static_cast<size_t>(static_cast<double>(samples.records()) * more),
                             static_cast<size_t>(static_cast<double>(samples.sample_bytes()) * more));
    }
    return !declined;
  });
  if (!status.ok() || declined || size == 0 || !split.Finish()) return std::nullopt;
  google::protobuf::Arena arena;
  auto* msg = google::protobuf::Arena::CreateMessage<perftools::profiles::Profile>(&arena);
  if (!ParseProfileRest(rest, samples.records() > 0, msg).ok()) return std::nullopt;
  samples.ClearTypes();
  PprofImporter importer(*msg, builder);
  if (!importer.ImportMetadata().ok() || !samples.Finish(importer)) return std::nullopt;
  Result<Profile> profile = FinishPprof(std::move(builder));
  if (!profile.ok()) return std::nullopt;
  return std::move(profile).value();
}

}  // namespace proflens
