// proflens info FILE: what a profile holds (format, sample types and totals,
// counts, time, duration, period, comments).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "analyzer/report_labels.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

struct InfoArgs {
  std::vector<std::string> files;
};

void WriteInfo(const LoadedProfile& loaded, std::ostream& out) {
  const Profile& p = loaded.profile.header();
  out << "File: " << (loaded.path == "-" ? "standard input" : loaded.path) << '\n';
  if (loaded.format != Format::kUnknown) {
    out << "Format: " << FormatName(loaded.format) << (loaded.gzipped ? " (gzip)" : "") << ", "
        << loaded.file_size << " bytes\n";
  }
  if (!p.mappings.empty() && p.mappings[0].file != 0) out << "Main binary: " << p.str(p.mappings[0].file) << '\n';
  if (!p.mappings.empty() && p.mappings[0].build_id != 0) out << "Build ID: " << p.str(p.mappings[0].build_id) << '\n';
  if (p.time_nanos != 0) out << "Time: " << FormatProfileTime(p.time_nanos) << '\n';
  if (p.duration_nanos != 0) out << "Duration: " << FormatDuration(p.duration_nanos) << '\n';
  if (p.period != 0 || p.period_type.type != 0) {
    out << "Period: " << p.period << ' ' << p.str(p.period_type.unit) << " of " << p.str(p.period_type.type)
        << " (" << ScaledLabel(p.period, p.str(p.period_type.unit), "auto") << ")\n";
  }
  out << "Sample types:\n";
  std::vector<int64_t> totals = loaded.profile.Totals();
  int default_index = p.DefaultSampleIndex();
  for (size_t i = 0; i < p.sample_types.size(); ++i) {
    std::string_view unit = p.str(p.sample_types[i].unit);
    out << "  " << i << ": " << p.str(p.sample_types[i].type) << '/' << unit << "  total "
        << ScaledLabel(totals[i], unit, "auto") << " (" << totals[i] << ")"
        << (static_cast<int>(i) == default_index ? "  [default]" : "") << '\n';
  }
  if (const GraphProfile* g = loaded.profile.graph()) {
    out << "Graph profile (no stacks): " << g->graph->nodes.size() << " functions, " << g->graph->edges.size()
        << " call arcs" << (g->graph->has_calls ? ", with call counts" : "") << '\n';
  } else {
    out << "Samples: " << p.raw_sample_count << " records, " << p.samples.size()
        << " distinct (stack, labels)\n";
    out << "Stacks: " << p.stacks.size() << ", locations: " << p.locations.size()
        << ", functions: " << p.functions.size() << ", mappings: " << p.mappings.size() << '\n';
  }
  // Each label key with its values (the threads, processes, ...), by their
  // share of the default sample type, the largest first. Summed by label set
  // first (a few, however many samples), then by label.
  std::vector<int64_t> by_set(p.label_sets.size(), 0);
  const int shown = p.DefaultSampleIndex();
  if (!p.sample_types.empty()) {
    for (size_t i = 0; i < p.samples.size(); ++i) {
      int64_t& sum = by_set[p.samples[i].labels];
      sum = SaturatingAdd(sum, std::llabs(p.ValuesOf(i)[shown]));
    }
  }
  std::vector<bool> used(p.label_sets.size(), false);
  for (const Sample& sample : p.samples) used[sample.labels] = true;
  std::map<std::string_view, std::map<std::string, int64_t>> labels;
  for (size_t set = 0; set < p.label_sets.size(); ++set) {
    if (!used[set]) continue;
    for (const Label& l : p.LabelsOf(static_cast<LabelSetId>(set))) {
      std::string value = l.str != 0 ? std::string(p.str(l.str))
                                     : std::to_string(l.num) + (l.num_unit != 0 ? " " + std::string(p.str(l.num_unit)) : "");
      int64_t& sum = labels[p.str(l.key)][std::move(value)];
      sum = SaturatingAdd(sum, by_set[set]);
    }
  }
  if (!labels.empty()) {
    constexpr size_t kValuesShown = 8;
    const int64_t total = p.sample_types.empty() ? 0 : totals[shown];
    out << "Labels (share of " << (p.sample_types.empty() ? "" : p.str(p.sample_types[shown].type)) << "):\n";
    for (const auto& [key, values] : labels) {
      std::vector<std::pair<std::string, int64_t>> sorted(values.begin(), values.end());
      std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      out << "  " << key << ": " << sorted.size() << (sorted.size() == 1 ? " value" : " values");
      for (size_t k = 0; k < sorted.size() && k < kValuesShown; ++k) {
        out << (k == 0 ? ": " : ", ") << sorted[k].first << " (" << TrimmedPercentage(sorted[k].second, total) << ")";
      }
      if (sorted.size() > kValuesShown) out << ", ...";
      out << '\n';
    }
  }
  if (!p.comments.empty()) {
    out << "Comments:\n";
    for (StringId c : p.comments) out << "  " << p.str(c) << '\n';
  }
}

}  // namespace

void AddInfoCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = app.add_subcommand("info", "Describe profiles: format, sample types, totals, counts");
  cmd->footer("Example: proflens info perf.txt");
  cmd->add_option("files", args->files, "Profiles to describe, each on its own; - reads standard input")
      ->required();
  cmd->callback([args, &context] {
    // Each file on its own (info describes files; merge or top combines them).
    for (size_t i = 0; i < args->files.size(); ++i) {
      Result<LoadedProfile> loaded = LoadProfile(args->files[i], context);
      if (!loaded.ok()) {
        context.status = loaded.status();
        return;
      }
      if (i > 0) context.out << '\n';
      WriteInfo(*loaded, context.out);
    }
  });
}

}  // namespace proflens
