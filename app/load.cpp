#include "app/load.h"

#include <optional>

#include "analyzer/diff.h"
#include "analyzer/profile_ops.h"
#include "analyzer/text.h"
#include "app/comparison.h"
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
