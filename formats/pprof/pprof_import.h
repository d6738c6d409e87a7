// Inside the pprof readers (formats/pprof/ only): a profile.proto message's
// ids mapped into a ProfileBuilder, every reference checked (an id or string
// index out of range is an error, not a crash), and the wire reading of the
// Sample messages, which are read by hand (2 million of them in a big heap
// profile never become message objects).
#ifndef PROFLENS_FORMATS_PPROF_PPROF_IMPORT_H_
#define PROFLENS_FORMATS_PPROF_PPROF_IMPORT_H_

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/profile_builder.h"
#include "analyzer/status.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/protobuf_wire.h"
#include "profile.pb.h"

namespace proflens {

// A Sample message's place in the profile's bytes (under 2 GiB, as protobuf's).
struct SampleSpan {
  uint32_t at, size;
};

// A Label message as written: string indexes, not yet checked.
struct RawLabel {
  uint64_t key = 0, str = 0, num = 0, num_unit = 0;
};
bool ReadRawLabel(std::string_view bytes, RawLabel* label);

enum class SampleRead { kOk, kCorrupt, kStopped };

// Calls f(uint64_t) for each varint of a packed list: kCorrupt when one is
// cut short or too long, kStopped when f returns false. Eight at a time
// while they are one byte each (ids under 128).
template <typename F>
SampleRead ForEachVarint(std::string_view packed, F&& f) {
  const char* p = packed.data();
  const char* const end = p + packed.size();
  while (end - p >= 8) {
    uint64_t eight;
    std::memcpy(&eight, p, 8);
    if ((eight & 0x8080808080808080u) != 0) break;
    for (int k = 0; k < 8; ++k) {
      if (!f((eight >> (8 * k)) & 0xff)) return SampleRead::kStopped;
    }
    p += 8;
  }
  uint64_t v = 0;
  for (WireReader list(std::string_view(p, static_cast<size_t>(end - p))); !list.done();) {
    if (!list.Varint(&v)) return SampleRead::kCorrupt;
    if (!f(v)) return SampleRead::kStopped;
  }
  return SampleRead::kOk;
}

// Reads one Sample message's fields in the order written. Its location ids
// go to on_locations(std::string_view) as the bytes of a packed list of
// varints (one id written unpacked is such a list of one), for the caller to
// decode its own way (ForEachVarint); each value to on_value(uint64_t), each
// Label to on_label(std::string_view payload, std::string_view field) (the
// field: its tag, length and payload). Each returns false to stop.
template <typename OnLocations, typename OnValue, typename OnLabel>
SampleRead ReadSampleFields(std::string_view sample, OnLocations&& on_locations, OnValue&& on_value,
                            OnLabel&& on_label) {
  WireReader r(sample);
  while (!r.done()) {
    const char* field_start = r.position();
    uint32_t field = 0, wire = 0;
    if (!r.Tag(&field, &wire)) return SampleRead::kCorrupt;
    if ((field == 1 || field == 2) && (wire == 0 || wire == 2)) {
      std::string_view list;
      if (wire == 0) {
        const char* start = r.position();
        uint64_t v = 0;
        if (!r.Varint(&v)) return SampleRead::kCorrupt;
        list = std::string_view(start, static_cast<size_t>(r.position() - start));
      } else if (!r.Bytes(&list)) {
        return SampleRead::kCorrupt;
      }
      if (field == 1) {
        if (!on_locations(list)) return SampleRead::kStopped;
        continue;
      }
      const SampleRead values = ForEachVarint(list, on_value);
      if (values != SampleRead::kOk) return values;
    } else if (field == 3 && wire == 2) {
      std::string_view label;
      if (!r.Bytes(&label)) return SampleRead::kCorrupt;
      const std::string_view whole(field_start, static_cast<size_t>(r.position() - field_start));
      if (!on_label(label, whole)) return SampleRead::kStopped;
    } else if (!r.Skip(wire)) {
      return SampleRead::kCorrupt;
    }
  }
  return SampleRead::kOk;
}

// A sample's Label fields as written (tag, length, message each): a view of
// them while they follow one another in the sample (as every writer puts
// them), else a copy into `scratch`. Equal keys are equal label lists.
class LabelFields {
 public:
  explicit LabelFields(std::string& scratch) : scratch_(scratch) { scratch_.clear(); }
  void Add(std::string_view field) {
    if (key_.empty()) {
      key_ = field;
    } else if (key_.data() + key_.size() == field.data() && scratch_.empty()) {
      key_ = std::string_view(key_.data(), key_.size() + field.size());
    } else {
      if (scratch_.empty()) scratch_.assign(key_);
      scratch_ += field;
      key_ = scratch_;
    }
  }
  std::string_view key() const { return key_; }

 private:
  std::string& scratch_;
  std::string_view key_;
};

// The samples' label sets as written (LabelFields keys), numbered as they
// first appear; 0 is no labels. Read before the string table, they are
// interned as the profile's label sets once it is there (InternAll).
class RawLabelSets {
 public:
  RawLabelSets();
  uint32_t Intern(std::string_view key);
  size_t size() const { return keys_.size(); }
  // The profile's label set of each raw one, interned in this order (the
  // order in which the samples first have them, as ReadPprof interns them);
  // nullopt when a label does not read or refers outside the string table.
  std::optional<std::vector<LabelSetId>> InternAll(const class PprofImporter& importer, ProfileBuilder& builder) const;

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  void Grow();
  std::vector<std::string> keys_;
  std::vector<uint32_t> slots_;
};

inline constexpr const char* kNotProfile = "not a valid profile.proto message (truncated or corrupt protobuf)";

// Parses the fields of a Profile message other than its samples (small
// enough for the generated code); `rest` holds them as written.
Status ParseProfileRest(std::string_view rest, bool has_samples, perftools::profiles::Profile* msg);

// The profile built, with the frames its drop_frames regex matches dropped,
// as pprof drops them when it reads a profile.
Result<Profile> FinishPprof(ProfileBuilder&& builder);

// The fields of a Profile message but its samples, which ReadPprof and the
// counting reader (pprof_counts.cpp) each read their own way.
class PprofImporter {
 public:
  PprofImporter(const perftools::profiles::Profile& msg, ProfileBuilder& builder) : msg_(msg), b_(builder) {}

  // Strings, sample types, the header fields, mappings, functions and locations.
  Status ImportMetadata();
  // `samples`: where each Sample message is in `bytes`, in order.
  Status ImportSamples(std::string_view bytes, const std::vector<SampleSpan>& samples, const PprofReadOptions& options);

  Status Str(int64_t index, const char* field, StringId* out) const;
  Status LabelOf(const RawLabel& raw, Label* label) const;
  // The location a sample's location id refers to, or kNoId.
  LocationId LocationById(uint64_t id) const {
    if (!dense_locations_.empty()) return id < dense_locations_.size() ? dense_locations_[id] : kNoId;
    auto it = locations_.find(id);
    return it == locations_.end() ? kNoId : it->second;
  }
  size_t location_messages() const { return locations_.size(); }

 private:
  Status ImportStrings();
  Status ImportHeader();
  Status ImportMappings();
  Status ImportFunctions();
  Status ImportLocations();
  void IndexLocations();

  const perftools::profiles::Profile& msg_;
  ProfileBuilder& b_;
  std::vector<StringId> strings_;
  std::unordered_map<uint64_t, MappingId> mappings_;
  std::unordered_map<uint64_t, FunctionId> functions_;
  std::unordered_map<uint64_t, LocationId> locations_;
  std::vector<LocationId> dense_locations_;  // by id, when ids are dense; else empty
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PPROF_PPROF_IMPORT_H_
