// ProfileCopier: copies parts of one profile into a ProfileBuilder, each
// string, mapping, function and location once, so operations that rebuild a
// profile (merge, prune, filters) share one way of doing it.
#ifndef PROFLENS_ANALYZER_PROFILE_COPIER_H_
#define PROFLENS_ANALYZER_PROFILE_COPIER_H_

#include <span>
#include <vector>

#include "analyzer/profile.h"
#include "analyzer/profile_builder.h"

namespace proflens {

class ProfileCopier {
 public:
  ProfileCopier(const Profile& src, ProfileBuilder& dst);

  StringId String(StringId id);
  MappingId Mapping(MappingId id);
  FunctionId Function(FunctionId id);
  // Copies a location, keeping only lines [skip_inner, end) of it.
  LocationId Location(LocationId id, size_t skip_inner = 0);
  // Copies a location with other lines (from the source profile) in place of its own.
  LocationId LocationWithLines(LocationId id, std::span<const Line> lines);
  LabelSetId Labels(LabelSetId id);
  // Sample types, default type, period, time, duration, comments, drop/keep frames.
  void CopyHeader();

 private:
  const Profile& src_;
  ProfileBuilder& dst_;
  std::vector<StringId> strings_;
  std::vector<MappingId> mappings_;
  std::vector<FunctionId> functions_;
  std::vector<LocationId> locations_;
  std::vector<LabelSetId> label_sets_;
  std::vector<Line> lines_;
  std::vector<Label> labels_;
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_PROFILE_COPIER_H_
