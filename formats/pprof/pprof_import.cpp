#include "formats/pprof/pprof_import.h"

#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <climits>

#include "analyzer/hash.h"
#include "analyzer/profile_ops.h"
#include "analyzer/symbol_names.h"
#include "formats/io/input.h"

namespace proflens {

namespace {

namespace pb = perftools::profiles;

constexpr size_t kReleaseEvery = size_t{4} << 20;

}  // namespace

Status ParseProfileRest(std::string_view rest, bool has_samples, pb::Profile* msg) {
  // Errors are ours to report; protobuf's own log lines would only go to stderr.
  static const bool kQuiet = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  (void)kQuiet;
  if (rest.size() > static_cast<size_t>(INT_MAX) || !msg->ParseFromArray(rest.data(), static_cast<int>(rest.size()))) {
    return Status::Input(kNotProfile);
  }
  if (msg->sample_type_size() == 0 && !has_samples && msg->string_table_size() == 0) {
    return Status::Input("empty profile.proto message: no sample types, samples or strings");
  }
  return Status::Ok();
}

Result<Profile> FinishPprof(ProfileBuilder&& builder) {
  Profile profile = std::move(builder).Build();
  if (profile.drop_frames != 0) {
    return PruneFrames(profile, profile.str(profile.drop_frames), profile.str(profile.keep_frames));
  }
  return profile;
}

bool ReadRawLabel(std::string_view bytes, RawLabel* label) {
  WireReader l(bytes);
  while (!l.done()) {
    uint32_t f = 0, w = 0;
    if (!l.Tag(&f, &w)) return false;
    uint64_t* slot = f == 1 ? &label->key : f == 2 ? &label->str : f == 3 ? &label->num : f == 4 ? &label->num_unit : nullptr;
    if (slot != nullptr && w == 0) {
      if (!l.Varint(slot)) return false;
    } else if (!l.Skip(w)) {
      return false;
    }
  }
  return true;
}

RawLabelSets::RawLabelSets() : keys_{std::string()}, slots_(64, kEmpty) {}

uint32_t RawLabelSets::Intern(std::string_view key) {
  if (key.empty()) return 0;
  const uint64_t h = HashString(key);
  for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
    if (slots_[i] == kEmpty) {
      slots_[i] = static_cast<uint32_t>(keys_.size());
      keys_.emplace_back(key);
      if (keys_.size() * 2 > slots_.size()) Grow();
      return static_cast<uint32_t>(keys_.size() - 1);
    }
    if (keys_[slots_[i]] == key) return slots_[i];
  }
}

void RawLabelSets::Grow() {
  std::vector<uint32_t> slots(slots_.size() * 2, kEmpty);
  for (uint32_t set = 1; set < keys_.size(); ++set) {
    size_t i = HashString(keys_[set]) & (slots.size() - 1);
    while (slots[i] != kEmpty) i = (i + 1) & (slots.size() - 1);
    slots[i] = set;
  }
  slots_.swap(slots);
}

std::optional<std::vector<LabelSetId>> RawLabelSets::InternAll(const PprofImporter& importer,
                                                               ProfileBuilder& builder) const {
  std::vector<LabelSetId> interned(keys_.size(), 0);
  std::vector<Label> labels;
  for (size_t set = 1; set < keys_.size(); ++set) {
    labels.clear();
    WireReader fields(keys_[set]);  // Label fields (number 3)
    std::string_view bytes;
    while (!fields.done()) {
      uint32_t number = 0, wire = 0;
      RawLabel raw;
      Label label;
      if (!fields.Tag(&number, &wire) || !fields.Bytes(&bytes) || !ReadRawLabel(bytes, &raw) ||
          !importer.LabelOf(raw, &label).ok()) {
        return std::nullopt;
      }
      labels.push_back(label);
    }
    interned[set] = builder.InternLabels(labels);
  }
  return interned;
}

Status PprofImporter::ImportMetadata() {
  PROFLENS_RETURN_IF_ERROR(ImportStrings());
  for (int i = 0; i < msg_.sample_type_size(); ++i) {
    StringId type, unit;
    PROFLENS_RETURN_IF_ERROR(Str(msg_.sample_type(i).type(), "sample_type.type", &type));
    PROFLENS_RETURN_IF_ERROR(Str(msg_.sample_type(i).unit(), "sample_type.unit", &unit));
    b_.profile().sample_types.push_back({type, unit});
  }
  PROFLENS_RETURN_IF_ERROR(ImportHeader());
  PROFLENS_RETURN_IF_ERROR(ImportMappings());
  PROFLENS_RETURN_IF_ERROR(ImportFunctions());
  PROFLENS_RETURN_IF_ERROR(ImportLocations());
  IndexLocations();
  return Status::Ok();
}

Status PprofImporter::LabelOf(const RawLabel& raw, Label* label) const {
  PROFLENS_RETURN_IF_ERROR(Str(static_cast<int64_t>(raw.key), "label.key", &label->key));
  PROFLENS_RETURN_IF_ERROR(Str(static_cast<int64_t>(raw.str), "label.str", &label->str));
  PROFLENS_RETURN_IF_ERROR(Str(static_cast<int64_t>(raw.num_unit), "label.num_unit", &label->num_unit));
  label->num = static_cast<int64_t>(raw.num);
  return Status::Ok();
}

Status PprofImporter::ImportStrings() {
  if (msg_.string_table_size() == 0) return Status::Input("profile has an empty string table");
  if (!msg_.string_table(0).empty()) {
    return Status::Input("string_table[0] must be the empty string");
  }
  strings_.reserve(msg_.string_table_size());
  for (const std::string& s : msg_.string_table()) strings_.push_back(b_.InternString(s));
  return Status::Ok();
}

Status PprofImporter::Str(int64_t index, const char* field, StringId* out) const {
  if (index < 0 || index >= static_cast<int64_t>(strings_.size())) {
    return Status::Input(std::string(field) + " refers to string " + std::to_string(index) +
                         ", outside the string table of " + std::to_string(strings_.size()) +
                         " strings");
  }
  *out = strings_[index];
  return Status::Ok();
}

Status PprofImporter::ImportHeader() {
  Profile& p = b_.profile();
  PROFLENS_RETURN_IF_ERROR(Str(msg_.drop_frames(), "drop_frames", &p.drop_frames));
  PROFLENS_RETURN_IF_ERROR(Str(msg_.keep_frames(), "keep_frames", &p.keep_frames));
  PROFLENS_RETURN_IF_ERROR(Str(msg_.default_sample_type(), "default_sample_type", &p.default_sample_type));
  if (msg_.has_period_type()) {
    PROFLENS_RETURN_IF_ERROR(Str(msg_.period_type().type(), "period_type.type", &p.period_type.type));
    PROFLENS_RETURN_IF_ERROR(Str(msg_.period_type().unit(), "period_type.unit", &p.period_type.unit));
  }
  p.period = msg_.period();
  p.time_nanos = msg_.time_nanos();
  p.duration_nanos = msg_.duration_nanos();
  for (int64_t c : msg_.comment()) {
    StringId id;
    PROFLENS_RETURN_IF_ERROR(Str(c, "comment", &id));
    p.comments.push_back(id);
  }
  return Status::Ok();
}

Status PprofImporter::ImportMappings() {
  for (const pb::Mapping& m : msg_.mapping()) {
    if (m.id() == 0) return Status::Input("mapping has the reserved id 0");
    Mapping mapping;
    mapping.memory_start = m.memory_start();
    mapping.memory_limit = m.memory_limit();
    mapping.file_offset = m.file_offset();
    PROFLENS_RETURN_IF_ERROR(Str(m.filename(), "mapping.filename", &mapping.file));
    PROFLENS_RETURN_IF_ERROR(Str(m.build_id(), "mapping.build_id", &mapping.build_id));
    mapping.has_functions = m.has_functions();
    mapping.has_filenames = m.has_filenames();
    mapping.has_line_numbers = m.has_line_numbers();
    mapping.has_inline_frames = m.has_inline_frames();
    if (!mappings_.emplace(m.id(), b_.InternMapping(mapping)).second) {
      return Status::Input("mapping id " + std::to_string(m.id()) + " appears twice");
    }
  }
  return Status::Ok();
}

Status PprofImporter::ImportFunctions() {
  for (const pb::Function& f : msg_.function()) {
    if (f.id() == 0) return Status::Input("function has the reserved id 0");
    Function function;
    PROFLENS_RETURN_IF_ERROR(Str(f.name(), "function.name", &function.name));
    PROFLENS_RETURN_IF_ERROR(Str(f.system_name(), "function.system_name", &function.system_name));
    PROFLENS_RETURN_IF_ERROR(Str(f.filename(), "function.filename", &function.filename));
    // pprof shows a demangled, simplified name unless the profile already
    // gives a display name different from the system name.
    if (function.name == 0 || function.name == function.system_name) {
      function.name = b_.InternString(DisplayName(msg_.string_table(f.system_name())));
    }
    function.start_line = f.start_line();
    if (!functions_.emplace(f.id(), b_.InternFunction(function)).second) {
      return Status::Input("function id " + std::to_string(f.id()) + " appears twice");
    }
  }
  return Status::Ok();
}

Status PprofImporter::ImportLocations() {
  std::vector<Line> lines;
  for (const pb::Location& l : msg_.location()) {
    if (l.id() == 0) return Status::Input("location has the reserved id 0");
    MappingId mapping = kNoId;
    if (l.mapping_id() != 0) {
      auto it = mappings_.find(l.mapping_id());
      if (it == mappings_.end()) {
        return Status::Input("location " + std::to_string(l.id()) + " refers to mapping " +
                             std::to_string(l.mapping_id()) + ", which is not in the profile");
      }
      mapping = it->second;
    }
    lines.clear();
    for (const pb::Line& line : l.line()) {
      FunctionId function = kNoId;
      if (line.function_id() != 0) {
        auto it = functions_.find(line.function_id());
        if (it == functions_.end()) {
          return Status::Input("location " + std::to_string(l.id()) + " refers to function " +
                               std::to_string(line.function_id()) + ", which is not in the profile");
        }
        function = it->second;
      }
      lines.push_back(Line{function, line.line()});
    }
    LocationId id = b_.InternLocation(mapping, l.address(), lines, l.is_folded());
    if (!locations_.emplace(l.id(), id).second) {
      return Status::Input("location id " + std::to_string(l.id()) + " appears twice");
    }
  }
  return Status::Ok();
}

void PprofImporter::IndexLocations() {
  uint64_t max_id = 0;
  for (const auto& [k, v] : locations_) max_id = std::max(max_id, k);
  if (locations_.empty() || max_id > 4 * locations_.size() + 1024) return;
  dense_locations_.assign(max_id + 1, kNoId);
  for (const auto& [k, v] : locations_) dense_locations_[k] = v;
}

Status PprofImporter::ImportSamples(std::string_view bytes, const std::vector<SampleSpan>& samples,
                                    const PprofReadOptions& options) {
  const size_t types = static_cast<size_t>(msg_.sample_type_size());
  std::vector<LocationId> stack;
  std::vector<Label> labels;
  std::vector<int64_t> values;
  // A sample's location ids take a byte each at least: the stacks fit in
  // as many ids as the samples have bytes.
  size_t sample_bytes = 0;
  for (const SampleSpan& span : samples) sample_bytes += span.size;
  b_.ReserveSamples(samples.size(), sample_bytes);
  size_t released = 0;  // bytes given back so far
  for (size_t s = 0; s < samples.size(); ++s) {
    if (options.release_pages && samples[s].at - released >= kReleaseEvery) {
      ReleasePages(bytes.data() + released, samples[s].at - released);  // the samples before this one
      released = samples[s].at;
    }
    auto where = [s] { return "sample " + std::to_string(s) + ": "; };
    stack.clear();
    labels.clear();
    values.clear();
    // 64 M ids in a big heap profile: no Status is made per id.
    uint64_t bad_location = 0;
    bool bad_label = false, corrupt_ids = false;
    Status label_status;
    const SampleRead read = ReadSampleFields(
        bytes.substr(samples[s].at, samples[s].size),
        [&](std::string_view ids) {
          const SampleRead read_ids = ForEachVarint(ids, [&](uint64_t v) {
            const LocationId loc = LocationById(v);
            stack.push_back(loc);
            bad_location = v;
            return loc != kNoId;
          });
          corrupt_ids = read_ids == SampleRead::kCorrupt;
          return read_ids == SampleRead::kOk;
        },
        [&](uint64_t v) {
          values.push_back(static_cast<int64_t>(v));
          return true;
        },
        [&](std::string_view bytes, std::string_view) {
          RawLabel raw;
          if (!ReadRawLabel(bytes, &raw)) return !(bad_label = true);
          Label label;
          if (!(label_status = LabelOf(raw, &label)).ok()) return false;
          labels.push_back(label);
          return true;
        });
    if (read == SampleRead::kCorrupt || bad_label || corrupt_ids) {
      return Status::Input(where() + "not a valid Sample message (truncated or corrupt protobuf)");
    }
    if (read == SampleRead::kStopped) {
      if (!label_status.ok()) return label_status;
      return Status::Input(where() + "refers to location " + std::to_string(bad_location) +
                           ", which is not in the profile");
    }
    if (values.size() != types) {
      return Status::Input(where() + "has " + std::to_string(values.size()) +
                           " values, expected one per sample type (" + std::to_string(types) + ")");
    }
    b_.AddSampleLate(stack, b_.InternLabels(labels), values);
  }
  b_.FlushLate();
  return Status::Ok();
}

}  // namespace proflens
