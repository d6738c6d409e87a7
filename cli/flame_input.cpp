#include "cli/flame_input.h"

#include "analyzer/filters.h"
#include "analyzer/graph_profile.h"

namespace proflens {

Result<FlameInput> LoadFlameInput(const ViewArgs& args, CommandContext& context) {
  FlameInput in;
  Result<Profile> profile = LoadProfiles(args.files, context, &in.formats);
  if (!profile.ok()) return profile.status();
  in.profile = std::move(profile).value();
  if (!args.base.empty()) {
    Result<Profile> base = LoadProfiles(args.base, context);
    if (!base.ok()) return base.status();
    in.base = std::move(base).value();
  }
  for (const Profile* p : {&in.profile, in.base ? &*in.base : nullptr}) {
    if (p != nullptr) PROFLENS_RETURN_IF_ERROR(CheckGraphView(*p, Granularity::kFunctions, args.filters));
  }
  if (!args.filters.empty()) {
    for (Profile* p : {&in.profile, in.base ? &*in.base : nullptr}) {
      if (p == nullptr) continue;
      Result<FilteredProfile> f = ApplyFilters(*p, args.filters);
      if (!f.ok()) return f.status();
      for (const std::string& name : f->unmatched) context.err << "proflens: --" << name << " matched nothing\n";
      *p = std::move(f->profile);
    }
  }
  Result<int> index = in.profile.SampleIndexByName(args.sample_index);
  if (!index.ok()) return index.status();
  in.sample_index = *index;
  if (in.base) {
    Result<DiffPair> pair = MatchSampleTypes(*in.base, in.profile, in.sample_index);
    if (!pair.ok()) return pair.status();
    in.pair = *pair;
    if (args.normalize) {
      Result<double> ratio = NormalizeRatio(*in.base, in.profile, *pair);
      if (!ratio.ok()) return ratio.status();
      in.base_scale = *ratio;
    }
  } else if (args.normalize) {
    return Status::Usage("--normalize needs --base");
  }
  return in;
}

}  // namespace proflens
