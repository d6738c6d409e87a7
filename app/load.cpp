#include "app/load.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "analyzer/closest_name.h"
#include "analyzer/diff.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "analyzer/text.h"
#include "app/comparison.h"
#include "formats/io/text_pieces.h"

namespace proflens {

namespace {

// The sample types of a profile, and a profile holding only them (to ask
// which kind a --sample-index names).
std::string TypesOf(const Profile& p, bool units) {
  std::string types;
  for (const ValueType& t : p.sample_types) {
    if (!types.empty()) types += ", ";
    types += p.str(t.type);
    if (units) types += "/" + std::string(p.str(t.unit));
  }
  return types;
}

// Profiles merged kind by kind (a kind: one list of sample types).
class KindMergers {
 public:
  Status Add(const Profile& profile, const std::string& name, const std::string& format) {
    const std::string types = TypesOf(profile, true);
    auto it = std::find_if(kinds_.begin(), kinds_.end(), [&](const Kind& k) { return k.types == types; });
    if (it == kinds_.end()) {
      kinds_.push_back({types, TypesOf(profile, false), ProfileMerger(), SampleTypesOf(profile), {}, {}});
      it = kinds_.end() - 1;
    }
    it->inputs.push_back(name);
    it->formats.push_back(format);
    return it->merger.Add(profile, name);
  }

  // The kind `wanted` names, else the first; the others as `kinds` says.
  Result<LoadedInputs> Build(const std::string& wanted, Kinds kinds, CommandContext& context) && {
    size_t chosen = 0;
    for (size_t i = 0; !wanted.empty() && i < kinds_.size(); ++i) {
      if (kinds_[i].header.SampleIndexByName(wanted).ok()) {
        chosen = i;
        break;
      }
    }
    if (kinds_.size() > 1 && kinds != Kinds::kEvery) {
      auto described = [](const Kind& k) {
        const size_t n = k.inputs.size();
        return k.names + " (" + std::to_string(n) + (n == 1 ? " input)" : " inputs)");
      };
      std::string others;
      for (size_t i = 0; i < kinds_.size(); ++i) {
        if (i != chosen) others += (others.empty() ? "" : "; ") + described(kinds_[i]);
      }
      if (kinds == Kinds::kMustName && wanted.empty()) {
        return Status::Input("cannot merge " + kinds_[1].inputs[0] + " with " + kinds_[0].inputs[0] +
                             ": sample types differ (" + kinds_[1].types + " vs " + kinds_[0].types + "); the inputs hold " +
                             std::to_string(kinds_.size()) + " kinds of profile: pick one with --sample-index TYPE");
      }
      context.err << "proflens: note: the inputs hold " << kinds_.size() << " kinds of profile; showing "
                  << described(kinds_[chosen]) << "; left out: " << others
                  << ". --sample-index TYPE shows the kind with that sample type\n";
    }
    LoadedInputs shown = std::move(kinds_[chosen]).Build();
    for (size_t i = 0; kinds == Kinds::kEvery && i < kinds_.size(); ++i) {
      if (i != chosen) shown.other_kinds.push_back(std::move(kinds_[i]).Build());
    }
    return shown;
  }

 private:
  static Profile SampleTypesOf(const Profile& p) {
    ProfileBuilder b;
    for (const ValueType& t : p.sample_types) b.AddSampleType(p.str(t.type), p.str(t.unit));
    return std::move(b).Build();
  }
  struct Kind {
    std::string types, names;
    ProfileMerger merger;
    Profile header;  // the sample types only
    std::vector<std::string> inputs, formats;

    LoadedInputs Build() && {
      LoadedInputs built;
      built.profile = std::move(merger).Build();
      built.inputs = std::move(inputs);
      built.formats = std::move(formats);
      return built;
    }
  };
  std::vector<Kind> kinds_;
};

std::string FormatOf(const LoadedProfile& p) { return std::string(FormatName(p.format)) + (p.gzipped ? " (gzip)" : ""); }

}  // namespace

Result<LoadedInputs> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context, bool keep_timeline,
                                  const std::string& kind, Kinds kinds) {
  if (paths.empty()) return Status::Usage("no profiles to read");
  ReadOptions read = context.read;
  read.timeline = keep_timeline && paths.size() == 1;
  // Each input is folded into one accumulator (one a kind) as it is read and
  // dropped: memory follows the distinct stacks, not the number of files.
  // The first is held whole until a second comes: a single input is
  // returned as it was read.
  std::optional<LoadedItem> first;
  KindMergers stacks;
  size_t stack_inputs = 0;
  std::optional<GraphProfile> graph;
  std::string graph_name;
  std::vector<std::string> graph_inputs, graph_formats;
  auto merge = [&](LoadedItem one) -> Status {
    const GraphProfile* g = one.loaded.profile.graph();
    if ((g != nullptr && stack_inputs > 0) || (g == nullptr && graph)) {
      const std::string& culprit = g != nullptr ? one.name : graph_name;
      const std::string& format = g != nullptr ? g->format : graph->format;
      return Status::Input("cannot merge " + culprit + " (a " + format + " graph profile, no stacks) with profiles of stacks");
    }
    if (g == nullptr) {
      ++stack_inputs;
      return stacks.Add(*one.loaded.profile.stacks(), one.name, FormatOf(one.loaded));
    }
    graph_inputs.push_back(one.name);
    graph_formats.push_back(FormatOf(one.loaded));
    if (!graph) {
      graph = *g;
      graph_name = one.name;
      return Status::Ok();
    }
    PROFLENS_ASSIGN_OR_RETURN(graph, MergeGraphProfiles({&*graph, g}));
    return Status::Ok();
  };
  size_t count = 0;
  PROFLENS_RETURN_IF_ERROR(ForEachLoadedInput(paths, context, read, [&](LoadedItem item) -> Status {
    if (count++ == 0) {
      first = std::move(item);
      return Status::Ok();
    }
    if (first) {
      PROFLENS_RETURN_IF_ERROR(merge(std::move(*first)));
      first.reset();
    }
    return merge(std::move(item));
  }));
  LoadedInputs inputs;
  if (first) {
    inputs.formats = {FormatOf(first->loaded)};
    inputs.inputs = {first->name};
    inputs.timeline = std::move(first->loaded.timeline);
    inputs.profile = std::move(first->loaded.profile);
    return inputs;
  }
  if (graph) {
    inputs.profile = std::move(*graph);
    inputs.inputs = std::move(graph_inputs);
    inputs.formats = std::move(graph_formats);
    return inputs;
  }
  return std::move(stacks).Build(kind, kinds, context);
}

Result<GraphInput> LoadGraphInput(const ViewArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(Granularity granularity, ParseGranularity(args.granularity));
  ComparisonSpec spec{args.files, args.base, args.sample_index, args.normalize};
  spec.base_needs_stacks = "--base (pprof's -diff_base) needs";
  spec.full_names = args.symbols == "full";
  PROFLENS_ASSIGN_OR_RETURN(Comparison loaded, LoadComparison(spec, context));
  GraphInputOptions options{args.filters, granularity, args.sample_index, args.relative_percentages};
  options.threads = ResolveThreads(context.read.threads);
  AnyProfile profile = std::move(loaded.profile);
  if (loaded.base) {
    // NEW minus BASE, as one profile whose base samples are negated.
    profile = BuildDiffProfile(*loaded.base->stacks(), *profile.stacks(), loaded.pair, loaded.base_scale);
    options.sample_index = "";
    options.diff = true;
  }
  std::vector<std::string> unmatched;
  std::vector<std::string> names;  // for the function a filter that matches nothing is closest to
  if (!args.filters.empty()) names = FunctionNames(profile);
  Result<GraphInput> input = PrepareGraphInput(std::move(profile), options, &unmatched);
  WarnUnmatchedFilters(names, args.filters, unmatched, context);
  return input;
}

std::vector<std::string> FunctionNames(const AnyProfile& profile) {
  std::vector<std::string> names;
  if (const Profile* p = profile.stacks()) {
    for (const Function& f : p->functions) names.emplace_back(p->str(f.name));
  } else if (const GraphProfile* g = profile.graph()) {
    for (const CallGraphNode& n : g->graph->nodes) names.push_back(n.name);
  }
  return names;
}

void WarnUnmatchedFilters(const std::vector<std::string>& names, const FilterOptions& filters,
                          const std::vector<std::string>& unmatched, CommandContext& context, const std::string& where) {
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  for (const std::string& name : unmatched) {
    const std::string* pattern = name == "focus"        ? &filters.focus
                                 : name == "ignore"     ? &filters.ignore
                                 : name == "hide"       ? &filters.hide
                                 : name == "show"       ? &filters.show
                                 : name == "show-from"  ? &filters.show_from
                                 : name == "prune-from" ? &filters.prune_from
                                                        : nullptr;
    const std::string closest = pattern != nullptr ? ClosestName(candidates, *pattern) : "";
    context.err << "proflens: --" << name << " matched nothing" << (where.empty() ? "" : " in " + where)
                << (closest.empty() ? "" : "; closest function: " + closest) << '\n';
  }
}

void ApplyRuleOptions(const RuleArgs& args, CheckContext& check) {
  if (args.ops >= 0) check.ops = args.ops;
  check.min_share = args.min_share;
  check.allow_missing = args.allow_missing;
}

Result<LoadedRules> LoadRules(const RuleArgs& args, CommandContext& context) {
  std::string text;
  if (!args.rules_file.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer file, ReadOptionFile(args.rules_file, "--rules", context));
    text = std::string(file.bytes());
  }
  LoadedRules loaded;
  PROFLENS_ASSIGN_OR_RETURN(loaded.sources, CollectRules(args.assertions, text, args.rules_file));
  PROFLENS_ASSIGN_OR_RETURN(loaded.rules, ParseRules(loaded.sources));
  for (const Rule& r : loaded.rules) {
    for (const std::string& w : r.warnings) context.err << "proflens: warning: " << w << '\n';
  }
  return loaded;
}

Result<std::vector<std::string>> ReadFileList(const std::string& list, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(InputBuffer input, ReadOptionFile(list, "--files-from", context));
  std::vector<std::string> paths;
  std::string_view text = input.bytes();
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty()) paths.emplace_back(line);
  }
  return paths;
}

}  // namespace proflens
