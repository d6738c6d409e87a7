#include "formats/pprof.h"

#include "formats/input.h"

#include <google/protobuf/arena.h>
#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <climits>
#include <unordered_map>

#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "analyzer/symbol_names.h"
#include "formats/protobuf_wire.h"
#include "profile.pb.h"

namespace proflens {

namespace {

namespace pb = perftools::profiles;

constexpr size_t kReleaseEvery = size_t{4} << 20;

// A Sample message's place in the profile's bytes (under 2 GiB, as protobuf's).
struct SampleSpan {
  uint32_t at, size;
};

// Maps the ids of one profile.proto message into a ProfileBuilder, checking
// every reference: an id or string index out of range is an error, not a crash.
class PprofImporter {
 public:
  // `samples`: where each Sample message is in `bytes`, in order (read by
  // hand, see protobuf_wire.h).
  PprofImporter(const pb::Profile& msg, std::string_view bytes, const std::vector<SampleSpan>& samples,
                const PprofReadOptions& options, ProfileBuilder& builder)
      : msg_(msg), bytes_(bytes), samples_(samples), options_(options), b_(builder) {}

  Status Import() {
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
    return ImportSamples();
  }

 private:
  Status ImportStrings() {
    if (msg_.string_table_size() == 0) return Status::Input("profile has an empty string table");
    if (!msg_.string_table(0).empty()) {
      return Status::Input("string_table[0] must be the empty string");
    }
    strings_.reserve(msg_.string_table_size());
    for (const std::string& s : msg_.string_table()) strings_.push_back(b_.InternString(s));
    return Status::Ok();
  }

  Status Str(int64_t index, const char* field, StringId* out) const {
    if (index < 0 || index >= static_cast<int64_t>(strings_.size())) {
      return Status::Input(std::string(field) + " refers to string " + std::to_string(index) +
                           ", outside the string table of " + std::to_string(strings_.size()) +
                           " strings");
    }
    *out = strings_[index];
    return Status::Ok();
  }

  Status ImportHeader() {
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

  Status ImportMappings() {
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

  Status ImportFunctions() {
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

  Status ImportLocations() {
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

  // Location ids are usually 1..N: then a table, else the map.
  // Location ids by array when they are dense enough (pprof numbers them
  // 1, 2, 3...), else by the map.
  void IndexLocations() {
    uint64_t max_id = 0;
    for (const auto& [k, v] : locations_) max_id = std::max(max_id, k);
    if (locations_.empty() || max_id > 4 * locations_.size() + 1024) return;
    dense_locations_.assign(max_id + 1, kNoId);
    for (const auto& [k, v] : locations_) dense_locations_[k] = v;
  }

  LocationId LocationById(uint64_t id) const {
    if (!dense_locations_.empty()) return id < dense_locations_.size() ? dense_locations_[id] : kNoId;
    auto it = locations_.find(id);
    return it == locations_.end() ? kNoId : it->second;
  }

  Status ImportSamples() {
    const size_t types = static_cast<size_t>(msg_.sample_type_size());
    std::vector<LocationId> stack;
    std::vector<Label> labels;
    std::vector<int64_t> values;
    // A sample's location ids take a byte each at least: the stacks fit in
    // as many ids as the samples have bytes.
    size_t sample_bytes = 0;
    for (const SampleSpan& span : samples_) sample_bytes += span.size;
    b_.ReserveSamples(samples_.size(), sample_bytes);
    size_t released = 0;  // bytes_ given back so far
    IndexLocations();
    for (size_t s = 0; s < samples_.size(); ++s) {
      if (options_.release_pages && samples_[s].at - released >= kReleaseEvery) {
        ReleasePages(bytes_.data() + released, samples_[s].at - released);  // the samples before this one
        released = samples_[s].at;
      }
      auto where = [s] { return "sample " + std::to_string(s) + ": "; };
      auto corrupt = [&] { return Status::Input(where() + "not a valid Sample message (truncated or corrupt protobuf)"); };
      stack.clear();
      labels.clear();
      values.clear();
      WireReader r(bytes_.substr(samples_[s].at, samples_[s].size));
      while (!r.done()) {
        uint32_t field = 0, wire = 0;
        if (!r.Tag(&field, &wire)) return corrupt();
        if ((field == 1 || field == 2) && (wire == 0 || wire == 2)) {  // location_id, value: packed or not
          // 64 M ids in a big heap profile: each is read in a tight loop, with
          // no Status made per id.
          auto bad_location = [&](uint64_t v) {
            return Status::Input(where() + "refers to location " + std::to_string(v) + ", which is not in the profile");
          };
          auto add = [&](uint64_t v) {
            if (field == 2) {
              values.push_back(static_cast<int64_t>(v));
              return true;
            }
            const LocationId loc = LocationById(v);
            stack.push_back(loc);
            return loc != kNoId;
          };
          uint64_t v = 0;
          if (wire == 0) {
            if (!r.Varint(&v)) return corrupt();
            if (!add(v)) return bad_location(v);
            continue;
          }
          std::string_view packed;
          if (!r.Bytes(&packed)) return corrupt();
          for (WireReader list(packed); !list.done();) {
            if (!list.Varint(&v)) return corrupt();
            if (!add(v)) return bad_location(v);
          }
        } else if (field == 3 && wire == 2) {  // label
          std::string_view bytes;
          if (!r.Bytes(&bytes)) return corrupt();
          uint64_t key = 0, str = 0, num = 0, unit = 0;
          WireReader l(bytes);
          while (!l.done()) {
            uint32_t f = 0, w = 0;
            if (!l.Tag(&f, &w)) return corrupt();
            uint64_t* slot = f == 1 ? &key : f == 2 ? &str : f == 3 ? &num : f == 4 ? &unit : nullptr;
            if (slot != nullptr && w == 0) {
              if (!l.Varint(slot)) return corrupt();
            } else if (!l.Skip(w)) {
              return corrupt();
            }
          }
          Label label;
          PROFLENS_RETURN_IF_ERROR(Str(static_cast<int64_t>(key), "label.key", &label.key));
          PROFLENS_RETURN_IF_ERROR(Str(static_cast<int64_t>(str), "label.str", &label.str));
          PROFLENS_RETURN_IF_ERROR(Str(static_cast<int64_t>(unit), "label.num_unit", &label.num_unit));
          label.num = static_cast<int64_t>(num);
          labels.push_back(label);
        } else if (!r.Skip(wire)) {
          return corrupt();
        }
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

  const pb::Profile& msg_;
  std::string_view bytes_;
  const std::vector<SampleSpan>& samples_;
  const PprofReadOptions& options_;
  ProfileBuilder& b_;
  std::vector<StringId> strings_;
  std::unordered_map<uint64_t, MappingId> mappings_;
  std::unordered_map<uint64_t, FunctionId> functions_;
  std::unordered_map<uint64_t, LocationId> locations_;
  std::vector<LocationId> dense_locations_;  // by id, when ids are dense; else empty
};

}  // namespace

Result<Profile> ReadPprof(std::string_view bytes, const PprofReadOptions& options) {
  // Errors are ours to report; protobuf's own log lines would only go to stderr.
  static const bool kQuiet = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  (void)kQuiet;
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::Input("protobuf data of " + std::to_string(bytes.size()) +
                         " bytes is larger than protobuf can parse (2 GiB)");
  }
  // Samples (field 2) are set aside and read by hand; the rest, which is
  // small, is parsed by the generated code.
  std::vector<SampleSpan> samples;
  std::string rest;
  WireReader top(bytes);
  while (!top.done()) {
    const char* start = top.position();
    uint32_t field = 0, wire = 0;
    std::string_view sample;
    if (!top.Tag(&field, &wire)) return Status::Input("not a valid profile.proto message (truncated or corrupt protobuf)");
    if (field == 2 && wire == 2) {
      if (!top.Bytes(&sample)) return Status::Input("not a valid profile.proto message (truncated or corrupt protobuf)");
      samples.push_back({static_cast<uint32_t>(sample.data() - bytes.data()), static_cast<uint32_t>(sample.size())});
      continue;
    }
    if (!top.Skip(wire)) return Status::Input("not a valid profile.proto message (truncated or corrupt protobuf)");
    rest.append(start, top.position());
  }
  google::protobuf::Arena arena;
  auto* msg = google::protobuf::Arena::CreateMessage<pb::Profile>(&arena);
  if (!msg->ParseFromArray(rest.data(), static_cast<int>(rest.size()))) {
    return Status::Input("not a valid profile.proto message (truncated or corrupt protobuf)");
  }
  if (msg->sample_type_size() == 0 && samples.empty() && msg->string_table_size() == 0) {
    return Status::Input("empty profile.proto message: no sample types, samples or strings");
  }
  ProfileBuilder builder;
  PprofImporter importer(*msg, bytes, samples, options, builder);
  PROFLENS_RETURN_IF_ERROR(importer.Import());
  Profile profile = std::move(builder).Build();
  // pprof drops the frames its drop_frames regex matches as it reads a profile.
  if (profile.drop_frames != 0) {
    return PruneFrames(profile, profile.str(profile.drop_frames), profile.str(profile.keep_frames));
  }
  return profile;
}

std::string WritePprof(const Profile& p) {
  // The generated code serializes fields in number order: sample_type (1),
  // then sample (2), written here by hand, then the rest (3 and up). The
  // bytes are those of one message holding everything.
  google::protobuf::Arena arena;
  auto* types = google::protobuf::Arena::CreateMessage<pb::Profile>(&arena);
  for (const ValueType& t : p.sample_types) {
    pb::ValueType* vt = types->add_sample_type();
    vt->set_type(t.type);
    vt->set_unit(t.unit);
  }
  auto* msg = google::protobuf::Arena::CreateMessage<pb::Profile>(&arena);
  for (const std::string& s : p.strings) msg->add_string_table(s);
  msg->set_default_sample_type(p.default_sample_type);
  if (p.period_type.type != 0 || p.period_type.unit != 0) {
    msg->mutable_period_type()->set_type(p.period_type.type);
    msg->mutable_period_type()->set_unit(p.period_type.unit);
  }
  msg->set_period(p.period);
  msg->set_time_nanos(p.time_nanos);
  msg->set_duration_nanos(p.duration_nanos);
  for (StringId c : p.comments) msg->add_comment(c);
  for (size_t i = 0; i < p.mappings.size(); ++i) {
    const Mapping& m = p.mappings[i];
    pb::Mapping* out = msg->add_mapping();
    out->set_id(i + 1);
    out->set_memory_start(m.memory_start);
    out->set_memory_limit(m.memory_limit);
    out->set_file_offset(m.file_offset);
    out->set_filename(m.file);
    out->set_build_id(m.build_id);
    out->set_has_functions(m.has_functions);
    out->set_has_filenames(m.has_filenames);
    out->set_has_line_numbers(m.has_line_numbers);
    out->set_has_inline_frames(m.has_inline_frames);
  }
  for (size_t i = 0; i < p.functions.size(); ++i) {
    const Function& f = p.functions[i];
    pb::Function* out = msg->add_function();
    out->set_id(i + 1);
    out->set_name(f.name);
    out->set_system_name(f.system_name);
    out->set_filename(f.filename);
    out->set_start_line(f.start_line);
  }
  for (size_t i = 0; i < p.locations.size(); ++i) {
    const Location& l = p.locations[i];
    pb::Location* out = msg->add_location();
    out->set_id(i + 1);
    out->set_mapping_id(l.mapping == kNoId ? 0 : l.mapping + 1);
    out->set_address(l.address);
    out->set_is_folded(l.is_folded);
    for (const Line& line : p.LinesOf(l)) {
      pb::Line* ol = out->add_line();
      ol->set_function_id(line.function == kNoId ? 0 : line.function + 1);
      ol->set_line(line.line);
    }
  }
  std::string out = types->SerializeAsString();
  WireWriter writer(out);
  std::string sample, packed, label;
  WireWriter sample_writer(sample), packed_writer(packed), label_writer(label);
  for (size_t s = 0; s < p.samples.size(); ++s) {
    sample.clear();
    packed.clear();
    for (LocationId loc : p.StackOf(p.samples[s].stack)) packed_writer.Varint(uint64_t{loc} + 1);
    if (!packed.empty()) sample_writer.Bytes(1, packed);  // location_id
    packed.clear();
    for (int64_t v : p.ValuesOf(s)) packed_writer.Varint(static_cast<uint64_t>(v));
    if (!packed.empty()) sample_writer.Bytes(2, packed);  // value
    for (const Label& l : p.LabelsOf(p.samples[s].labels)) {
      label.clear();
      label_writer.Int(1, l.key);
      label_writer.Int(2, l.str);
      label_writer.Int(3, static_cast<uint64_t>(l.num));
      label_writer.Int(4, l.num_unit);
      sample_writer.Bytes(3, label);
    }
    writer.Bytes(2, sample);
  }
  out += msg->SerializeAsString();
  return out;
}

}  // namespace proflens
