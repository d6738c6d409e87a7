#include "app/load.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "analyzer/closest_name.h"
#include "analyzer/diff.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "analyzer/set_labels.h"
#include "analyzer/text.h"
#include "app/comparison.h"
#include "formats/io/output_file.h"
#include "formats/io/archive.h"
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
  context.inputs_read += (context.inputs_read.empty() ? "" : ", ") + (path == "-" ? std::string("standard input") : path);
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

namespace {

// Files or entries passed over because they hold no profile, for one note.
struct NotProfiles {
  uint64_t count = 0;
  std::string first;

  void Add(const std::string& name) {
    if (count++ == 0) first = name;
  }
  void Note(const std::string& where, std::string_view what, CommandContext& context) const {
    if (count == 0) return;
    context.err << "proflens: reading " << where << ": skipped " << count << ' ' << what << (count == 1 ? "" : "s")
                << " that " << (count == 1 ? "is" : "are") << " no profile (first: " << first << ")\n";
  }
};

Status ExpandDirectory(const std::string& dir, CommandContext& context,
                       const std::function<Status(const InputItem&)>& visit) {
  PROFLENS_ASSIGN_OR_RETURN(const std::vector<std::string> files, ListDirectory(dir));
  const std::string prefix = dir.ends_with('/') ? dir : dir + "/";
  NotProfiles skipped;
  for (const std::string& file : files) {
    const std::string path = prefix + file;
    context.reading = path;
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadInput(path, context.read.max_decompressed_size));
    context.reading.clear();
    if (!LooksLikeProfile(input.bytes())) {
      skipped.Add(file);
      continue;
    }
    PROFLENS_RETURN_IF_ERROR(visit(InputItem{path, file, input}));
  }
  skipped.Note(dir, "file", context);
  if (skipped.count == files.size()) {
    return Status::Input("reading " + dir + ": no profile in the directory (" + std::to_string(files.size()) +
                         " files, none of a format proflens reads)");
  }
  return Status::Ok();
}

Status ExpandArchive(const std::string& path, ArchiveKind kind, const InputBuffer& archive, CommandContext& context,
                     const std::function<Status(const InputItem&)>& visit) {
  NotProfiles skipped;
  uint64_t profiles = 0;
  Status visited;
  const Status read = ForEachArchiveEntry(archive.bytes(), context.read.max_decompressed_size,
                                          [&](const std::string& entry, std::string_view bytes) {
                                            if (!LooksLikeProfile(bytes)) {
                                              skipped.Add(entry);
                                              return Status::Ok();
                                            }
                                            ++profiles;
                                            const InputBuffer input = InputBuffer::FromString(std::string(bytes));
                                            visited = visit(InputItem{path + ":" + entry, entry, input});
                                            return visited;
                                          });
  if (!visited.ok()) return visited;
  if (!read.ok()) return read.WithContext("reading " + path + " (a " + std::string(ArchiveKindName(kind)) + " archive)");
  skipped.Note(path, "entry", context);
  if (profiles == 0) {
    return Status::Input("reading " + path + ": no profile in the " + std::string(ArchiveKindName(kind)) + " archive (" +
                         std::to_string(skipped.count) + " files, none of a format proflens reads)");
  }
  return Status::Ok();
}

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
  Status Add(const Profile& profile, const std::string& name) {
    const std::string types = TypesOf(profile, true);
    auto it = std::find_if(kinds_.begin(), kinds_.end(), [&](const Kind& k) { return k.types == types; });
    if (it == kinds_.end()) {
      kinds_.push_back({types, TypesOf(profile, false), name, ProfileMerger(), SampleTypesOf(profile)});
      it = kinds_.end() - 1;
    }
    return it->merger.Add(profile, name);
  }
  size_t count() const {
    size_t n = 0;
    for (const Kind& k : kinds_) n += k.merger.count();
    return n;
  }

  // The kind `wanted` names, else the first with a note naming the others;
  // with `must_name`, several kinds and none named is an error.
  Result<Profile> Build(const std::string& wanted, bool must_name, CommandContext& context) && {
    size_t chosen = 0;
    for (size_t i = 0; !wanted.empty() && i < kinds_.size(); ++i) {
      if (kinds_[i].header.SampleIndexByName(wanted).ok()) {
        chosen = i;
        break;
      }
    }
    if (kinds_.size() > 1) {
      auto described = [](const Kind& k) {
        const size_t n = k.merger.count();
        return k.names + " (" + std::to_string(n) + (n == 1 ? " input)" : " inputs)");
      };
      std::string others;
      for (size_t i = 0; i < kinds_.size(); ++i) {
        if (i != chosen) others += (others.empty() ? "" : "; ") + described(kinds_[i]);
      }
      if (must_name && wanted.empty()) {
        return Status::Input("cannot merge " + kinds_[1].first_name + " with " + kinds_[0].first_name +
                             ": sample types differ (" + kinds_[1].types + " vs " + kinds_[0].types + "); the inputs hold " +
                             std::to_string(kinds_.size()) + " kinds of profile: pick one with --sample-index TYPE");
      }
      context.err << "proflens: note: the inputs hold " << kinds_.size() << " kinds of profile; showing "
                  << described(kinds_[chosen]) << "; left out: " << others
                  << ". --sample-index TYPE shows the kind with that sample type\n";
    }
    return std::move(kinds_[chosen].merger).Build();
  }

 private:
  static Profile SampleTypesOf(const Profile& p) {
    ProfileBuilder b;
    for (const ValueType& t : p.sample_types) b.AddSampleType(p.str(t.type), p.str(t.unit));
    return std::move(b).Build();
  }
  struct Kind {
    std::string types, names, first_name;
    ProfileMerger merger;
    Profile header;  // the sample types only
  };
  std::vector<Kind> kinds_;
};

}  // namespace

Status ForEachInput(const std::vector<std::string>& paths, CommandContext& context,
                    const std::function<Status(const InputItem&)>& visit) {
  for (const std::string& path : paths) {
    if (path != "-" && IsDirectory(path)) {
      PROFLENS_RETURN_IF_ERROR(ExpandDirectory(path, context, visit));
      continue;
    }
    context.reading = path;
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadSource(path, context, context.read.max_decompressed_size));
    context.reading.clear();
    if (const ArchiveKind kind = DetectArchive(input.bytes()); kind != ArchiveKind::kNone) {
      PROFLENS_RETURN_IF_ERROR(ExpandArchive(path, kind, input, context, visit));
      continue;
    }
    PROFLENS_RETURN_IF_ERROR(visit(InputItem{path, "", input}));
  }
  return Status::Ok();
}

Result<LoadedInputs> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context, bool keep_timeline,
                                  const std::string& kind, bool kind_must_be_named) {
  if (paths.empty()) return Status::Usage("no profiles to read");
  ReadOptions read = context.read;
  read.timeline = keep_timeline && paths.size() == 1;
  LoadedInputs inputs;
  // Each input is folded into one accumulator (one a kind) as it is read and
  // dropped: memory follows the distinct stacks, not the number of files.
  // The first is held whole until a second comes: a single plain file is
  // returned as it was read.
  std::optional<LoadedProfile> first;
  std::string first_file;
  KindMergers stacks;
  std::optional<GraphProfile> graph;
  std::string graph_name;
  auto merge = [&](LoadedProfile one, const std::string& name, const std::string& file) -> Status {
    const GraphProfile* g = one.profile.graph();
    if ((g != nullptr && stacks.count() > 0) || (g == nullptr && graph)) {
      const std::string& culprit = g != nullptr ? name : graph_name;
      const std::string& format = g != nullptr ? g->format : graph->format;
      return Status::Input("cannot merge " + culprit + " (a " + format + " graph profile, no stacks) with profiles of stacks");
    }
    if (g == nullptr) {
      if (file.empty()) return stacks.Add(*one.profile.stacks(), name);
      const LabelValue label{"file", file};
      return stacks.Add(SetLabels(*one.profile.stacks(), {&label, 1}), name);
    }
    if (!graph) {
      graph = *g;
      graph_name = name;
      return Status::Ok();
    }
    PROFLENS_ASSIGN_OR_RETURN(graph, MergeGraphProfiles({&*graph, g}));
    return Status::Ok();
  };
  size_t count = 0;
  auto take = [&](LoadedProfile one, const InputItem& item) -> Status {
    inputs.formats.push_back(std::string(FormatName(one.format)) + (one.gzipped ? " (gzip)" : ""));
    if (count++ == 0) {
      first = std::move(one);
      first_file = item.file;
      return Status::Ok();
    }
    if (first) {
      const std::string name = first->path;
      PROFLENS_RETURN_IF_ERROR(merge(std::move(*first), name, first_file));
      first.reset();
    }
    return merge(std::move(one), item.name, item.file);
  };
  if (context.loaded != nullptr) {
    // proflens serve: copies of the inputs it loaded once, nothing read again.
    const InputBuffer none = InputBuffer::FromString("");
    for (const std::string& path : paths) {
      PROFLENS_ASSIGN_OR_RETURN(LoadedProfile one, LoadProfile(path, context, read));
      PROFLENS_RETURN_IF_ERROR(take(std::move(one), InputItem{path, "", none}));
    }
  } else {
    PROFLENS_RETURN_IF_ERROR(ForEachInput(paths, context, [&](const InputItem& item) -> Status {
      PROFLENS_ASSIGN_OR_RETURN(LoadedProfile one, LoadProfile(item.name, item.input, context, read));
      return take(std::move(one), item);
    }));
  }
  if (first && first_file.empty()) {
    inputs.timeline = std::move(first->timeline);
    inputs.profile = std::move(first->profile);
    return inputs;
  }
  if (first) {
    const std::string name = first->path;
    PROFLENS_RETURN_IF_ERROR(merge(std::move(*first), name, first_file));
  }
  if (graph) {
    inputs.profile = std::move(*graph);
    return inputs;
  }
  PROFLENS_ASSIGN_OR_RETURN(Profile merged, std::move(stacks).Build(kind, kind_must_be_named, context));
  inputs.profile = std::move(merged);
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
