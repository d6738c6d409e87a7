#include "app/load.h"

#include <algorithm>
#include <optional>

#include "analyzer/diff.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_ops.h"
#include "analyzer/set_labels.h"
#include "analyzer/text.h"
#include "app/comparison.h"
#include "formats/io/archive.h"
#include "formats/io/text_pieces.h"

namespace proflens {

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context) {
  return LoadProfile(path, context, context.read);
}

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context, const ReadOptions& read) {
  context.reading = path;
  Result<InputBuffer> input = ReadInput(path, read.max_decompressed_size);
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
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadInput(path, context.read.max_decompressed_size));
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
  PROFLENS_RETURN_IF_ERROR(ForEachInput(paths, context, [&](const InputItem& item) -> Status {
    PROFLENS_ASSIGN_OR_RETURN(LoadedProfile one, LoadProfile(item.name, item.input, context, read));
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
  }));
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
  Result<GraphInput> input = PrepareGraphInput(std::move(profile), options, &unmatched);
  for (const std::string& name : unmatched) context.err << "proflens: --" << name << " matched nothing\n";
  return input;
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
