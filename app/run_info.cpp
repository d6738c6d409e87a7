// proflens info: what a profile holds (format, sample types and totals,
// counts, time, duration, period, labels, comments), each file on its own.
#include <algorithm>
#include <map>

#include "analyzer/profile_counts.h"
#include "analyzer/report_labels.h"
#include "analyzer/units.h"
#include "app/commands.h"
#include "app/load.h"
#include "formats/pprof/pprof_counts.h"

namespace proflens {

namespace {

// The file a profile came from, as `info` names it.
struct InfoSource {
  std::string path;
  Format format = Format::kUnknown;
  bool gzipped = false;
  uint64_t file_size = 0;
};

// `p`: the profile's header (its samples and stacks are not read: the
// counts say what they hold); `graph` for a graph profile (no counts).
void WriteInfo(const InfoSource& source, const Profile& p, const ProfileCounts& counts, const GraphProfile* graph,
               std::ostream& out) {
  out << "File: " << (source.path == "-" ? "standard input" : source.path) << '\n';
  if (source.format != Format::kUnknown) {
    out << "Format: " << FormatName(source.format) << (source.gzipped ? " (gzip)" : "") << ", " << source.file_size
        << " bytes\n";
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
  const std::vector<int64_t>& totals = counts.totals;
  int default_index = p.DefaultSampleIndex();
  for (size_t i = 0; i < p.sample_types.size(); ++i) {
    std::string_view unit = p.str(p.sample_types[i].unit);
    out << "  " << i << ": " << p.str(p.sample_types[i].type) << '/' << unit << "  total "
        << ScaledLabel(totals[i], unit, "auto") << " (" << totals[i] << ")"
        << (static_cast<int>(i) == default_index ? "  [default]" : "") << '\n';
  }
  if (graph != nullptr) {
    out << "Graph profile (no stacks): " << graph->graph->nodes.size() << " functions, " << graph->graph->edges.size()
        << " call arcs" << (graph->graph->has_calls ? ", with call counts" : "") << '\n';
  } else {
    out << "Samples: " << counts.records << " records, " << counts.samples << " distinct (stack, labels)\n";
    out << "Stacks: " << counts.stacks << ", locations: " << p.locations.size()
        << ", functions: " << p.functions.size() << ", mappings: " << p.mappings.size() << '\n';
  }
  // Each label key with its values (the threads, processes, ...), by their
  // share of the default sample type, the largest first: the counts sum
  // them by label set (a few, however many samples), here by label.
  const int shown = p.DefaultSampleIndex();
  std::map<std::string_view, std::map<std::string, int64_t>> labels;
  for (size_t set = 0; set < counts.label_set_used.size(); ++set) {
    if (!counts.label_set_used[set]) continue;
    for (const Label& l : p.LabelsOf(static_cast<LabelSetId>(set))) {
      std::string value = l.str != 0 ? std::string(p.str(l.str))
                                     : std::to_string(l.num) + (l.num_unit != 0 ? " " + std::string(p.str(l.num_unit)) : "");
      int64_t& sum = labels[p.str(l.key)][std::move(value)];
      sum = SaturatingAdd(sum, counts.label_set_totals[set]);
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

Status RunInfo(const InfoArgs& args, CommandContext& context) {
  // Each file on its own (info describes files; merge or top combines them).
  for (size_t i = 0; i < args.files.size(); ++i) {
    const std::string& path = args.files[i];
    context.reading = path;
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadInput(path, context.read.max_decompressed_size));
    // pprof is counted as it is inflated, without building the profile;
    // anything else, or pprof the counting declines, is read whole.
    std::optional<PprofCounts> counted =
        CountPprof(input.bytes(), {.max_decompressed_size = context.read.max_decompressed_size,
                                   .release_input = input.mapped()});
    context.reading.clear();
    if (counted) {
      if (i > 0) context.out << '\n';
      WriteInfo({path, Format::kPprof, counted->gzipped, input.bytes().size()}, counted->header, counted->counts,
                nullptr, context.out);
      continue;
    }
    PROFLENS_ASSIGN_OR_RETURN(const LoadedProfile loaded, LoadProfile(path, input, context, context.read));
    if (i > 0) context.out << '\n';
    const Profile& header = loaded.profile.header();
    const GraphProfile* graph = loaded.profile.graph();
    WriteInfo({path, loaded.format, loaded.gzipped, loaded.file_size}, header,
              graph != nullptr ? ProfileCounts{.totals = loaded.profile.Totals()} : CountProfile(header), graph,
              context.out);
  }
  return Status::Ok();
}

}  // namespace proflens
