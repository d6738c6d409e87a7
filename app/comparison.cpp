#include "app/comparison.h"

#include "analyzer/profile_ops.h"
#include "analyzer/text.h"
#include "app/load.h"

namespace proflens {

ComparisonSpec FilteredComparison(const ViewArgs& args) {
  ComparisonSpec spec{args.files, args.base, args.sample_index, args.normalize};
  spec.filters = &args.filters;
  spec.full_names = args.symbols == "full";
  return spec;
}

Result<std::vector<std::string>> ApplyView(AnyProfile& profile, bool full_names, const FilterOptions* filters,
                                           const std::string& name, CommandContext& context) {
  if (full_names && profile.stacks() != nullptr) profile = AnyProfile(WithFullNames(std::move(*profile.mutable_stacks())));
  if (filters == nullptr || filters->empty()) return std::vector<std::string>{};
  PROFLENS_RETURN_IF_ERROR(profile.CheckView(Granularity::kFunctions, *filters));
  PROFLENS_ASSIGN_OR_RETURN(FilteredProfile f, ApplyFilters(*profile.stacks(), *filters));
  if (!f.unmatched.empty()) WarnUnmatchedFilters(FunctionNames(profile), *filters, f.unmatched, context, name);
  profile = std::move(f.profile);
  return std::move(f.unmatched);
}

std::string FilterThatKeptNothing(const std::vector<std::string>& unmatched) {
  for (const std::string& filter : unmatched) {
    if (filter == "focus" || filter == "show" || filter == "show-from" || filter == "tagfocus") return filter;
  }
  return "";
}

Result<Comparison> LoadComparison(const ComparisonSpec& spec, CommandContext& context) {
  Comparison c;
  c.name = Join(spec.files, " + ");
  if (spec.two_column && spec.files.size() == 1 && spec.base.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(LoadedProfile loaded, LoadProfile(spec.files[0], context));
    if (!loaded.base) {
      return Status::Usage("diff needs BASE and NEW, or one two-column folded file (\"stack before after\")");
    }
    c.profile = std::move(loaded.profile);
    c.base = AnyProfile(std::move(*loaded.base));
    c.base_name = spec.files[0] + " (before)";
    c.name = spec.files[0] + " (after)";
  } else {
    PROFLENS_ASSIGN_OR_RETURN(LoadedInputs inputs, LoadProfiles(spec.files, context, spec.keep_timeline, spec.sample_index));
    c.profile = std::move(inputs.profile);
    c.formats = std::move(inputs.formats);
    c.timeline = std::move(inputs.timeline);
    if (!spec.base.empty()) {
      PROFLENS_ASSIGN_OR_RETURN(LoadedInputs base, LoadProfiles(spec.base, context, false, spec.sample_index));
      c.base = std::move(base.profile);
      c.base_name = Join(spec.base, ", ");
    }
  }
  if (c.base && !spec.base_needs_stacks.empty()) {
    for (const AnyProfile* p : {&c.profile, &*c.base}) {
      PROFLENS_RETURN_IF_ERROR(p->Stacks(spec.base_needs_stacks).status());
    }
  }
  PROFLENS_ASSIGN_OR_RETURN(c.unmatched_filters, ApplyView(c.profile, spec.full_names, spec.filters, "", context));
  if (c.base) {
    PROFLENS_RETURN_IF_ERROR(ApplyView(*c.base, spec.full_names, spec.filters, "", context).status());
  }
  PROFLENS_ASSIGN_OR_RETURN(int index, c.profile.SampleIndexByName(spec.sample_index));
  c.sample_index = index;
  if (!c.base) {
    if (spec.normalize) return Status::Usage("--normalize needs --base");
    return c;
  }
  Result<DiffPair> pair = MatchSampleTypes(c.base->header(), c.profile.header(), c.sample_index);
  if (!pair.ok()) return pair.status();
  c.pair = *pair;
  if (spec.normalize) {
    Result<double> ratio = NormalizeRatio(*c.base, c.profile, c.pair);
    if (!ratio.ok()) return ratio.status();
    c.base_scale = *ratio;
  }
  return c;
}

}  // namespace proflens
