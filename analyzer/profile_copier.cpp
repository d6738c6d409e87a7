#include "analyzer/profile_copier.h"

namespace proflens {

ProfileCopier::ProfileCopier(const Profile& src, ProfileBuilder& dst)
    : src_(src), dst_(dst), strings_(src.strings.size(), kNoId), mappings_(src.mappings.size(), kNoId),
      functions_(src.functions.size(), kNoId), locations_(src.locations.size(), kNoId),
      label_sets_(src.label_sets.size(), kNoId) {}

StringId ProfileCopier::String(StringId id) {
  if (strings_[id] == kNoId) strings_[id] = dst_.InternString(src_.str(id));
  return strings_[id];
}

MappingId ProfileCopier::Mapping(MappingId id) {
  if (id == kNoId) return kNoId;
  if (mappings_[id] == kNoId) {
    proflens::Mapping m = src_.mappings[id];
    m.file = String(m.file);
    m.build_id = String(m.build_id);
    mappings_[id] = dst_.InternMapping(m);
  }
  return mappings_[id];
}

FunctionId ProfileCopier::Function(FunctionId id) {
  if (id == kNoId) return kNoId;
  if (functions_[id] == kNoId) {
    proflens::Function f = src_.functions[id];
    f.name = String(f.name);
    f.system_name = String(f.system_name);
    f.filename = String(f.filename);
    functions_[id] = dst_.InternFunction(f);
  }
  return functions_[id];
}

LocationId ProfileCopier::Location(LocationId id, size_t skip_inner) {
  if (skip_inner == 0 && locations_[id] != kNoId) return locations_[id];
  auto lines = src_.LinesOf(src_.locations[id]);
  LocationId copy = LocationWithLines(id, lines.subspan(std::min(skip_inner, lines.size())));
  if (skip_inner == 0) locations_[id] = copy;
  return copy;
}

LocationId ProfileCopier::LocationWithLines(LocationId id, std::span<const Line> lines) {
  const proflens::Location& loc = src_.locations[id];
  lines_.clear();
  for (const Line& line : lines) lines_.push_back(Line{Function(line.function), line.line});
  return dst_.InternLocation(Mapping(loc.mapping), loc.address, lines_, loc.is_folded);
}

LabelSetId ProfileCopier::Labels(LabelSetId id) {
  if (label_sets_[id] != kNoId) return label_sets_[id];
  labels_.clear();
  for (Label l : src_.LabelsOf(id)) {
    l.key = String(l.key);
    l.str = String(l.str);
    l.num_unit = String(l.num_unit);
    labels_.push_back(l);
  }
  return label_sets_[id] = dst_.InternLabels(labels_);
}

void ProfileCopier::CopyHeader() {
  Profile& p = dst_.profile();
  for (const ValueType& t : src_.sample_types) p.sample_types.push_back({String(t.type), String(t.unit)});
  p.default_sample_type = String(src_.default_sample_type);
  p.period_type = {String(src_.period_type.type), String(src_.period_type.unit)};
  p.period = src_.period;
  p.time_nanos = src_.time_nanos;
  p.duration_nanos = src_.duration_nanos;
  for (StringId c : src_.comments) p.comments.push_back(String(c));
  p.drop_frames = String(src_.drop_frames);
  p.keep_frames = String(src_.keep_frames);
}

}  // namespace proflens
