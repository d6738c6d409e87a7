#include "app/load.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "analyzer/closest_name.h"
#include "analyzer/diff.h"
#include "analyzer/profile_ops.h"
#include "analyzer/text.h"
#include "app/comparison.h"
#include "formats/io/output_file.h"
#include "formats/io/text_pieces.h"
#include "formats/io/url_input.h"

namespace proflens {

namespace {

// A URL input, fetched as go tool pprof fetches it (--seconds, --timeout),
// its bytes kept in --save's file when asked.
Result<InputBuffer> FetchInput(const std::string& url, CommandContext& context, uint64_t max_size) {
  if (!context.save.empty() && context.fetched > 0) {
    return Status::Usage("--save keeps one fetched input, and " + url + " is a second URL");
  }
  const FetchPlan plan = PlanFetch(url, context.fetch);
  context.err << "proflens: fetching " << plan.url;
  if (plan.seconds > 0) context.err << " (" << plan.seconds << " s)";
  context.err << '\n';
  PROFLENS_ASSIGN_OR_RETURN(InputBuffer input, FetchUrl(plan, max_size));
  ++context.fetched;
  if (!context.save.empty()) {
    PROFLENS_RETURN_IF_ERROR(WriteOutputFile(context.save, input.bytes(), context.out).WithContext("--save"));
  }
  return input;
}

// "host:6060" or "host:6060/path".
bool LooksLikeHostPort(std::string_view path) {
  const size_t colon = path.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  const std::string_view host = path.substr(0, colon);
  const std::string_view rest = path.substr(colon + 1);
  const std::string_view port = rest.substr(0, rest.find('/'));
  auto host_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; };
  return std::all_of(host.begin(), host.end(), host_char) && !port.empty() &&
         std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An input of the cache: a copy (the cache is shared), whose reader's notes
// were told when it was loaded.
Result<LoadedProfile> CachedInput(const std::string& path, const LoadedInputCache& cache, const ReadOptions& read) {
  auto it = cache.find(path);
  if (it == cache.end()) return Status::Input(path + " is not one of the inputs");
  LoadedProfile copy = it->second;
  copy.notes.clear();
  copy.skipped.clear();
  if (!read.timeline) copy.timeline.reset();
  return copy;
}

}  // namespace

Result<InputBuffer> ReadSource(const std::string& path, CommandContext& context, uint64_t max_size) {
  if (IsUrl(path)) return FetchInput(path, context, max_size);
  Result<InputBuffer> input = ReadInput(path, max_size);
  // go tool pprof takes "localhost:6060/debug/pprof/heap" for a URL; say how
  // proflens takes it.
  if (!input.ok() && LooksLikeHostPort(path)) {
    return Status::Input(input.status().message() + " (a URL? write http://" + path + ")");
  }
  return input;
}

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context) {
  return LoadProfile(path, context, context.read);
}

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context, const ReadOptions& read) {
  if (context.loaded != nullptr) return CachedInput(path, *context.loaded, read);
  context.reading = path;
  Result<InputBuffer> input = ReadSource(path, context, read.max_decompressed_size);
  if (!input.ok()) {
    context.reading.clear();
    return input.status();
  }
  return LoadProfile(path, *input, context, read);
}

Result<LoadedProfile> LoadProfile(const std::string& path, const InputBuffer& input, CommandContext& context,
                                  const ReadOptions& read) {
  context.reading = path;
  Result<LoadedProfile> loaded = ReadProfileInput(input, path, read);
  context.reading.clear();
  if (!loaded.ok()) return loaded;
  const std::string name = path == "-" ? "standard input" : path;
  for (const std::string& note : loaded->notes) context.err << "proflens: reading " << name << ": " << note << '\n';
  for (const SkippedLines& s : loaded->skipped) {
    if (s.count == 0) continue;
    context.err << "proflens: reading " << name << ": skipped " << s.count << ' ' << s.what();
    if (s.first_line != 0 && !s.first_text.empty()) {
      context.err << " (first: line " << s.first_line << ": \"" << s.first_text << "\")";
    } else if (s.first_line != 0) {
      context.err << " (line " << s.first_line << ")";
    }
    context.err << '\n';
  }
  return loaded;
}

Result<LoadedInputCache> LoadInputCache(const std::vector<std::string>& paths, CommandContext& context) {
  ReadOptions read = context.read;
  read.timeline = true;  // dropped from the copies of commands that do not ask for it
  LoadedInputCache cache;
  for (const std::string& path : paths) {
    if (cache.contains(path)) continue;
    PROFLENS_ASSIGN_OR_RETURN(LoadedProfile loaded, LoadProfile(path, context, read));
    cache.emplace(path, std::move(loaded));
  }
  return cache;
}

Result<LoadedInputs> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context, bool keep_timeline) {
  if (paths.empty()) return Status::Usage("no profiles to read");
  ReadOptions read = context.read;
  read.timeline = keep_timeline && paths.size() == 1;
  LoadedInputs inputs;
  // Each input is folded into one accumulator as it is read and dropped:
  // memory follows the distinct stacks, not the number of files.
  ProfileMerger stacks;
  std::optional<GraphProfile> graph;
  std::string graph_name;
  for (const std::string& path : paths) {
    PROFLENS_ASSIGN_OR_RETURN(LoadedProfile one, LoadProfile(path, context, read));
    inputs.formats.push_back(std::string(FormatName(one.format)) + (one.gzipped ? " (gzip)" : ""));
    if (paths.size() == 1) {
      inputs.timeline = std::move(one.timeline);
      inputs.profile = std::move(one.profile);
      return inputs;
    }
    const GraphProfile* g = one.profile.graph();
    if ((g != nullptr && stacks.count() > 0) || (g == nullptr && graph)) {
      const std::string& name = g != nullptr ? path : graph_name;
      const std::string& format = g != nullptr ? g->format : graph->format;
      return Status::Input("cannot merge " + name + " (a " + format + " graph profile, no stacks) with profiles of stacks");
    }
    if (g == nullptr) {
      PROFLENS_RETURN_IF_ERROR(stacks.Add(*one.profile.stacks(), path));
      continue;
    }
    if (!graph) {
      graph = *g;
      graph_name = path;
      continue;
    }
    PROFLENS_ASSIGN_OR_RETURN(graph, MergeGraphProfiles({&*graph, g}));
  }
  inputs.profile = graph ? AnyProfile(std::move(*graph)) : AnyProfile(std::move(stacks).Build());
  return inputs;
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
    Result<InputBuffer> file = ReadInput(args.rules_file);
    if (!file.ok()) return Status::Input("reading " + args.rules_file + ": cannot open the rules file");
    text = std::string(file->bytes());
  }
  LoadedRules loaded;
  PROFLENS_ASSIGN_OR_RETURN(loaded.sources, CollectRules(args.assertions, text, args.rules_file));
  PROFLENS_ASSIGN_OR_RETURN(loaded.rules, ParseRules(loaded.sources));
  for (const Rule& r : loaded.rules) {
    for (const std::string& w : r.warnings) context.err << "proflens: warning: " << w << '\n';
  }
  return loaded;
}

Result<std::vector<std::string>> ReadFileList(const std::string& list) {
  PROFLENS_ASSIGN_OR_RETURN(InputBuffer input, ReadInput(list));
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
