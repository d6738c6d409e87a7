#include "cli/cmd_common.h"

#include <CLI/CLI.hpp>
#include <optional>
#include <sstream>

#include "analyzer/diff.h"
#include "cli/comparison.h"
#include "analyzer/profile_ops.h"
#include "formats/callgrind.h"
#include "formats/folded.h"
#include "formats/gzip.h"
#include "formats/input.h"
#include "formats/output_file.h"
#include "formats/pprof.h"
#include "formats/speedscope.h"
#include "formats/text_pieces.h"

namespace proflens {

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context) {
  context.reading = path;
  Result<InputBuffer> input = ReadInput(path, context.read.max_decompressed_size);
  if (!input.ok()) {
    context.reading.clear();
    return input.status();
  }
  return LoadProfile(path, *input, context);
}

Result<LoadedProfile> LoadProfile(const std::string& path, const InputBuffer& input, CommandContext& context) {
  context.reading = path;
  Result<LoadedProfile> loaded = ReadProfileInput(input, path, context.read);
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

Result<AnyProfile> LoadProfiles(const std::vector<std::string>& paths, CommandContext& context,
                                std::vector<std::string>* formats, std::shared_ptr<const TimelineRecording>* timeline) {
  if (paths.empty()) return Status::Usage("no profiles to read");
  // Each input is folded into one accumulator as it is read and dropped:
  // memory follows the distinct stacks, not the number of files.
  ProfileMerger stacks;
  std::optional<GraphProfile> graph;
  std::string graph_name;
  for (const std::string& path : paths) {
    Result<LoadedProfile> one = LoadProfile(path, context);
    if (!one.ok()) return one.status();
    if (formats != nullptr) formats->push_back(std::string(FormatName(one->format)) + (one->gzipped ? " (gzip)" : ""));
    if (paths.size() == 1) {
      if (timeline != nullptr) *timeline = std::move(one->timeline);
      return std::move(one->profile);
    }
    const GraphProfile* g = one->profile.graph();
    if ((g != nullptr && stacks.count() > 0) || (g == nullptr && graph)) {
      const std::string& name = g != nullptr ? path : graph_name;
      const std::string& format = g != nullptr ? g->format : graph->format;
      return Status::Input("cannot merge " + name + " (a " + format + " graph profile, no stacks) with profiles of stacks");
    }
    if (g == nullptr) {
      PROFLENS_RETURN_IF_ERROR(stacks.Add(*one->profile.stacks(), path));
      continue;
    }
    if (!graph) {
      graph = *g;
      graph_name = path;
      continue;
    }
    Result<GraphProfile> merged = MergeGraphProfiles({&*graph, g});
    if (!merged.ok()) return merged.status();
    graph = std::move(merged).value();
  }
  if (graph) return AnyProfile(std::move(*graph));
  return AnyProfile(std::move(stacks).Build());
}

void AddSymbolsOption(CLI::App& cmd, std::string& symbols) {
  CLI::Option* option = cmd.add_option("--symbols", symbols,
                                       "short: names as the README's name policy shortens them (C++ and Rust without "
                                       "parameters and generic arguments); full: every name as the input wrote it "
                                       "(flame: full, or short with --base)")
                            ->check(CLI::IsMember({"short", "full"}));
  if (!symbols.empty()) option->capture_default_str();
}

void AddViewOptions(CLI::App& cmd, ViewArgs& args, const char* symbols) {
  args.symbols = symbols;
  AddSymbolsOption(cmd, args.symbols);
  cmd.add_option("files", args.files, "Profiles to read; several are merged; - reads standard input")->required();
  cmd.add_option("--sample-index", args.sample_index,
                 "Sample type to show, by name or number (default: the profile's default, else the last)");
  cmd.add_option("--granularity", args.granularity, "functions, filefunctions, files, lines, addresses")
      ->capture_default_str();
  FilterOptions& f = args.filters;
  cmd.add_option("--focus", f.focus, "Keep samples with a frame matching this regex");
  cmd.add_option("--ignore", f.ignore, "Drop samples with a frame matching this regex");
  cmd.add_option("--hide", f.hide, "Remove frames matching this regex from stacks");
  cmd.add_option("--show", f.show, "Keep only frames matching this regex");
  cmd.add_option("--show-from", f.show_from, "Cut stacks above the outermost frame matching this regex");
  cmd.add_option("--prune-from", f.prune_from, "Cut stacks below the frames matching this regex");
  cmd.add_option("--tagfocus", f.tagfocus, "Keep samples with a label: key=regex, key=N, key=N:M (units allowed)");
  cmd.add_option("--tagignore", f.tagignore, "Drop samples with a label, same forms as --tagfocus");
  cmd.add_flag("--relative-percentages", args.relative_percentages,
               "Percentages of the filtered total, not of the whole profile");
  cmd.add_option("--base", args.base, "Show the profile minus this base (like pprof -diff_base); repeat to merge bases")
      ->allow_extra_args(false)  // one file per --base, so positionals stay positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_flag("--normalize", args.normalize, "With --base: scale the base so both totals match");
}

Result<GraphInput> LoadGraphInput(const ViewArgs& args, CommandContext& context) {
  Result<Granularity> granularity = ParseGranularity(args.granularity);
  if (!granularity.ok()) return granularity.status();
  ComparisonSpec spec{args.files, args.base, args.sample_index, args.normalize};
  spec.base_needs_stacks = "--base (pprof's -diff_base) needs";
  spec.full_names = args.symbols == "full";
  Result<Comparison> loaded = LoadComparison(spec, context);
  if (!loaded.ok()) return loaded.status();
  GraphInputOptions options{args.filters, *granularity, args.sample_index, args.relative_percentages};
  options.threads = ResolveThreads(context.read.threads);
  AnyProfile profile = std::move(loaded->profile);
  if (loaded->base) {
    // NEW minus BASE, as one profile whose base samples are negated.
    profile = BuildDiffProfile(*loaded->base->stacks(), *profile.stacks(), loaded->pair, loaded->base_scale);
    options.sample_index = "";
    options.diff = true;
  }
  std::vector<std::string> unmatched;
  Result<GraphInput> input = PrepareGraphInput(std::move(profile), options, &unmatched);
  for (const std::string& name : unmatched) context.err << "proflens: --" << name << " matched nothing\n";
  return input;
}

void AddRuleOptions(CLI::App& cmd, RuleArgs& args) {
  cmd.add_option("-a,--assert", args.assertions, "A rule (repeat for more)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--rules", args.rules_file, "A file of rules: one per line, # comments, optional 'name: rule'");
  cmd.add_option("--ops", args.ops, "Operations the profile covers (for ops and the *_per_op metrics)");
  cmd.add_option("--min-share", args.min_share,
                 "new_functions/gone_functions count functions whose cum is at least this share of the total")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd.add_flag("--allow-missing", args.allow_missing,
               "A pattern that matches no function gives 0 instead of failing its rule (as flat?/cum?/calls? do)");
}

void ApplyRuleOptions(const RuleArgs& args, CheckContext& check) {
  if (args.ops >= 0) check.ops = args.ops;
  check.min_share = args.min_share;
  check.allow_missing = args.allow_missing;
}

Result<LoadedRules> LoadRules(const RuleArgs& args, CommandContext& context) {
  const std::vector<std::string>& assertions = args.assertions;
  const std::string& rules_file = args.rules_file;
  std::string text;
  if (!rules_file.empty()) {
    Result<InputBuffer> file = ReadInput(rules_file);
    if (!file.ok()) return Status::Input("reading " + rules_file + ": cannot open the rules file");
    text = std::string(file->bytes());
  }
  LoadedRules loaded;
  Result<std::vector<RuleSource>> sources = CollectRules(assertions, text, rules_file);
  if (!sources.ok()) return sources.status();
  Result<std::vector<Rule>> rules = ParseRules(*sources);
  if (!rules.ok()) return rules.status();
  loaded.sources = std::move(sources).value();
  loaded.rules = std::move(rules).value();
  for (const Rule& r : loaded.rules) {
    for (const std::string& w : r.warnings) context.err << "proflens: warning: " << w << '\n';
  }
  return loaded;
}

void AddRootOptions(CLI::App& cmd, RootArgs& args) {
  CLI::Option* pid = cmd.add_flag("--pid", args.pid, "Flame roots are process name-PID, one per process (default: one per process name, as flamegraph.pl)");
  CLI::Option* tid = cmd.add_flag("--tid", args.tid, "Flame roots are process name-PID/TID, one per thread");
  CLI::Option* merge = cmd.add_flag("--merge-roots", args.merge, "No process or thread roots: every process and thread merged");
  pid->excludes(tid)->excludes(merge);
  tid->excludes(merge);
}

void AddOutputOptions(CLI::App& cmd, OutputArgs& args) {
  cmd.add_option("-o,--output", args.path, "Output file (- for standard output); written atomically")
      ->capture_default_str();
  cmd.add_option("--to", args.to,
                 "pprof, folded, speedscope or callgrind (default: from the output's name: .pb.gz, .pb, .folded, "
                 ".speedscope.json, callgrind.out.*)")
      ->check(CLI::IsMember({"pprof", "folded", "speedscope", "callgrind"}));
  cmd.add_option("--sample-index", args.sample_index,
                 "Sample type written to folded output (default: the profile's default)");
  cmd.add_flag("--pid", args.pid, "folded: root frame is comm-PID (stackcollapse-perf.pl --pid)");
  cmd.add_flag("--tid", args.tid, "folded: root frame is comm-PID/TID (--tid)");
  cmd.add_flag("--kernel", args.kernel, "folded: kernel frames get _[k] (--kernel)");
  cmd.add_flag("--jit", args.jit, "folded: JIT frames (/tmp/perf-PID.map) get _[j] (--jit)");
  cmd.add_flag("--all", args.all, "folded: all annotations, as --kernel --jit (--all)");
  cmd.add_flag("--addrs", args.addrs, "folded: unknown symbols as [dso <addr>] (--addrs)");
  cmd.add_flag("--srcline", args.srcline, "folded: append :file:line where known (--srcline)");
}

Status WriteProfileAs(const AnyProfile& any, const OutputArgs& args, CommandContext& context) {
  std::string to = args.to;
  if (to.empty()) {
    const std::string& p = args.path;
    std::string base = p.substr(p.rfind('/') + 1);
    if (p.ends_with(".pb.gz") || p.ends_with(".pb") || p.ends_with(".pprof")) {
      to = "pprof";
    } else if (p.ends_with(".folded") || p.ends_with(".collapsed")) {
      to = "folded";
    } else if (p.ends_with(".speedscope.json")) {
      to = "speedscope";
    } else if (base.starts_with("callgrind.out") || p.ends_with(".callgrind")) {
      to = "callgrind";
    } else {
      return Status::Usage("cannot tell the output format from \"" + p +
                           "\": give --to pprof, folded, speedscope or callgrind (or name it .pb.gz, .folded, "
                           ".speedscope.json or callgrind.out.NAME)");
    }
  }
  std::string bytes;
  if (to == "callgrind") {
    std::ostringstream text;
    WriteCallgrind(any, text);
    return WriteOutputFile(args.path, std::move(text).str(), context.out);
  }
  // Every other output is of stacks.
  Result<const Profile*> stacks = any.Stacks(to == "speedscope" ? "speedscope files need" : to + " output needs");
  if (!stacks.ok()) return stacks.status();
  const Profile& profile = **stacks;
  if (to == "pprof") {
    bytes = Gzip(WritePprof(profile));
  } else if (to == "speedscope") {
    std::ostringstream text;
    PROFLENS_RETURN_IF_ERROR(WriteSpeedscope(profile, text));
    bytes = std::move(text).str();
  } else {
    Result<int> index = profile.SampleIndexByName(args.sample_index);
    if (!index.ok()) return index.status();
    FoldedOptions options;
    options.sample_index = *index;
    options.pid = args.pid;
    options.tid = args.tid;
    options.kernel = args.kernel || args.all;
    options.jit = args.jit || args.all;
    options.addrs = args.addrs;
    options.srcline = args.srcline;
    options.threads = ResolveThreads(context.read.threads);
    return WriteOutputStream(args.path, context.out, [&](std::ostream& out) {
      WriteFolded(profile, options, out);
      return Status::Ok();
    });
  }
  return WriteOutputFile(args.path, bytes, context.out);
}

}  // namespace proflens
