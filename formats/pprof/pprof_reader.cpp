#include "formats/pprof/pprof.h"

#include <google/protobuf/arena.h>

#include <algorithm>
#include <climits>
#include <unordered_map>

#include "analyzer/profile_builder.h"
#include "formats/pprof/pprof_import.h"
#include "formats/pprof/protobuf_wire.h"
#include "profile.pb.h"

namespace proflens {

namespace {

namespace pb = perftools::profiles;

}  // namespace

Result<Profile> ReadPprof(std::string_view bytes, const PprofReadOptions& options) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::Input("protobuf data of " + std::to_string(bytes.size()) +
                         " bytes is larger than protobuf can parse (2 GiB)");
  }
  // Samples (field 2) are set aside and read by hand; the rest, which is
  // small, is parsed by the generated code.
  std::vector<SampleSpan> samples;
  std::string rest;
  FieldSplitter split([&](const WireField& field) {
    if (field.number == 2 && field.wire == 2) {
      samples.push_back({static_cast<uint32_t>(field.payload.data() - bytes.data()), static_cast<uint32_t>(field.payload.size())});
    } else {
      rest.append(field.bytes);
    }
    return true;
  });
  if (!split.Feed(bytes) || !split.Finish()) return Status::Input(kNotProfile);
  google::protobuf::Arena arena;
  auto* msg = google::protobuf::Arena::CreateMessage<pb::Profile>(&arena);
  PROFLENS_RETURN_IF_ERROR(ParseProfileRest(rest, !samples.empty(), msg));
  ProfileBuilder builder;
  PprofImporter importer(*msg, builder);
  PROFLENS_RETURN_IF_ERROR(importer.ImportMetadata());
  PROFLENS_RETURN_IF_ERROR(importer.ImportSamples(bytes, samples, options));
  return FinishPprof(std::move(builder));
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
