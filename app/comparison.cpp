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

namespace {

bool SameSampleTypes(const Profile& a, const Profile& b) {
  if (a.sample_types.size() != b.sample_types.size()) return false;
  for (size_t i = 0; i < a.sample_types.size(); ++i) {
    if (a.str(a.sample_types[i].type) != b.str(b.sample_types[i].type) ||
        a.str(a.sample_types[i].unit) != b.str(b.sample_types[i].unit)) {
      return false;
    }
  }
  return true;
}

// The view applied to each side, the sample type resolved (`sample_index`),
// and the base's matching type and --normalize scale.
Status Prepare(const ComparisonSpec& spec, const std::string& sample_index, Comparison& c, CommandContext& context) {
  if (c.base && !spec.base_needs_stacks.empty()) {
    for (const AnyProfile* p : {&c.profile, &*c.base}) {
      PROFLENS_RETURN_IF_ERROR(p->Stacks(spec.base_needs_stacks).status());
    }
  }
  c.unfiltered_totals = c.profile.Totals();
  PROFLENS_ASSIGN_OR_RETURN(c.unmatched_filters, ApplyView(c.profile, spec.full_names, spec.filters, "", context));
  if (c.base) {
    PROFLENS_RETURN_IF_ERROR(ApplyView(*c.base, spec.full_names, spec.filters, "", context).status());
  }
  PROFLENS_ASSIGN_OR_RETURN(c.sample_index, c.profile.SampleIndexByName(sample_index));
  if (!c.base) {
    if (spec.normalize) return Status::Usage("--normalize needs --base");
    return Status::Ok();
  }
  PROFLENS_ASSIGN_OR_RETURN(c.pair, MatchSampleTypes(c.base->header(), c.profile.header(), c.sample_index));
  if (spec.normalize) {
    PROFLENS_ASSIGN_OR_RETURN(c.base_scale, NormalizeRatio(*c.base, c.profile, c.pair));
  }
  return Status::Ok();
}

// The base of c's kind among the base's kinds, taken out of them (none when
// the base has no profile of that kind).
void TakeBase(std::vector<LoadedInputs>& bases, Comparison& c) {
  for (LoadedInputs& base : bases) {
    if (!base.inputs.empty() && SameSampleTypes(base.profile.header(), c.profile.header())) {
      c.base = std::move(base.profile);
      if (c.base_name.empty()) c.base_name = Join(base.inputs, ", ");
      base.inputs.clear();  // taken
      return;
    }
  }
}

// One kind of the inputs (spec.every_kind), with the base's profiles of the
// same kind when it has them.
Result<Comparison> OtherKind(const ComparisonSpec& spec, LoadedInputs kind, std::vector<LoadedInputs>& bases,
                             CommandContext& context) {
  Comparison c;
  c.profile = std::move(kind.profile);
  c.formats = std::move(kind.formats);
  c.inputs = std::move(kind.inputs);
  c.name = Join(c.inputs, " + ");
  TakeBase(bases, c);
  ComparisonSpec own = spec;
  if (!c.base) own.normalize = false;
  PROFLENS_RETURN_IF_ERROR(Prepare(own, "", c, context));
  return c;
}

}  // namespace

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
    const Kinds kinds = spec.every_kind ? Kinds::kEvery : Kinds::kOne;
    PROFLENS_ASSIGN_OR_RETURN(LoadedInputs inputs, LoadProfiles(spec.files, context, spec.keep_timeline, spec.sample_index, kinds));
    c.profile = std::move(inputs.profile);
    c.formats = std::move(inputs.formats);
    c.inputs = std::move(inputs.inputs);
    c.timeline = std::move(inputs.timeline);
    // Each kind of the base is the base of the new inputs' same kind.
    std::vector<LoadedInputs> bases;
    if (!spec.base.empty()) {
      PROFLENS_ASSIGN_OR_RETURN(LoadedInputs base, LoadProfiles(spec.base, context, false, spec.sample_index, kinds));
      c.base_name = Join(spec.base, ", ");
      std::vector<LoadedInputs> others = std::move(base.other_kinds);
      base.other_kinds.clear();
      bases.push_back(std::move(base));
      for (LoadedInputs& other : others) bases.push_back(std::move(other));
      TakeBase(bases, c);
    }
    bool any_base = c.base.has_value();
    for (LoadedInputs& kind : inputs.other_kinds) {
      PROFLENS_ASSIGN_OR_RETURN(Comparison other, OtherKind(spec, std::move(kind), bases, context));
      any_base = any_base || other.base.has_value();
      c.other_kinds.push_back(std::move(other));
    }
    if (!spec.base.empty() && !any_base) {
      // A base of other sample types: compared by name where they match, or
      // refused (Prepare) as every command refuses it.
      c.base = std::move(bases[0].profile);
    } else if (!spec.base.empty() && !c.base) {
      // Several kinds, and none of the base's is this one's: shown alone.
      ComparisonSpec alone = spec;
      alone.normalize = false;
      PROFLENS_RETURN_IF_ERROR(Prepare(alone, spec.sample_index, c, context));
      return c;
    }
  }
  PROFLENS_RETURN_IF_ERROR(Prepare(spec, spec.sample_index, c, context));
  return c;
}

}  // namespace proflens
