// proflens info: what a profile holds (format, sample types and totals,
// counts, time, duration, period, labels, comments), each file on its own,
// as text or (--format json) as one JSON array for scripts.
#include <algorithm>
#include <map>

#include "analyzer/profile_counts.h"
#include "analyzer/report_labels.h"
#include "analyzer/shown_text.h"
#include "analyzer/units.h"
#include "app/commands.h"
#include "app/load.h"
#include "formats/output/json_writer.h"
#include "formats/pprof/pprof_counts.h"

namespace proflens {

namespace {

// The file a profile came from, as `info` names it.
struct InfoSource {
  std::string path;
  Format format = Format::kUnknown;
  bool gzipped = false;
  uint64_t file_size = 0;
  const std::vector<std::pair<std::string, std::string>>* capture = nullptr;  // what the capture's header says
};

// Each label key's values, with what they hold of the default sample type:
// the counts sum them by label set (a few, however many samples), here by label.
using LabelTotals = std::map<std::string_view, std::map<std::string, int64_t>>;
LabelTotals SumLabels(const Profile& p, const ProfileCounts& counts) {
  LabelTotals labels;
  for (size_t set = 0; set < counts.label_set_used.size(); ++set) {
    if (!counts.label_set_used[set]) continue;
    for (const Label& l : p.LabelsOf(static_cast<LabelSetId>(set))) {
      std::string value = l.str != 0 ? std::string(p.str(l.str))
                                     : std::to_string(l.num) + (l.num_unit != 0 ? " " + std::string(p.str(l.num_unit)) : "");
      int64_t& sum = labels[p.str(l.key)][std::move(value)];
      sum = SaturatingAdd(sum, counts.label_set_totals[set]);
    }
  }
  return labels;
}

// `p`: the profile's header (its samples and stacks are not read: the
// counts say what they hold); `graph` for a graph profile (no counts).
void WriteInfo(const InfoSource& source, const Profile& p, const ProfileCounts& counts, const GraphProfile* graph,
               std::ostream& out) {
  out << "File: " << (source.path == "-" ? "standard input" : TerminalText(source.path)) << '\n';
  if (source.format != Format::kUnknown) {
    out << "Format: " << FormatName(source.format) << (source.gzipped ? " (gzip)" : "") << ", " << source.file_size
        << " bytes\n";
  }
  if (source.capture != nullptr) {
    for (const auto& [what, value] : *source.capture) out << what << ": " << TerminalText(value) << '\n';
  }
  if (!p.mappings.empty() && p.mappings[0].file != 0) out << "Main binary: " << TerminalText(p.str(p.mappings[0].file)) << '\n';
  if (!p.mappings.empty() && p.mappings[0].build_id != 0) out << "Build ID: " << TerminalText(p.str(p.mappings[0].build_id)) << '\n';
  if (p.time_nanos != 0) out << "Time: " << FormatProfileTime(p.time_nanos) << '\n';
  if (p.duration_nanos != 0) out << "Duration: " << FormatDuration(p.duration_nanos) << '\n';
  if (p.period != 0 || p.period_type.type != 0) {
    out << "Period: " << p.period << ' ' << TerminalText(p.str(p.period_type.unit)) << " of " << TerminalText(p.str(p.period_type.type))
        << " (" << ScaledLabel(p.period, p.str(p.period_type.unit), "auto") << ")\n";
  }
  out << "Sample types:\n";
  const std::vector<int64_t>& totals = counts.totals;
  int default_index = p.DefaultSampleIndex();
  for (size_t i = 0; i < p.sample_types.size(); ++i) {
    std::string_view unit = p.str(p.sample_types[i].unit);
    out << "  " << i << ": " << TerminalText(p.str(p.sample_types[i].type)) << '/' << TerminalText(unit) << "  total "
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
  // share of the default sample type, the largest first.
  const int shown = p.DefaultSampleIndex();
  const LabelTotals labels = SumLabels(p, counts);
  if (!labels.empty()) {
    constexpr size_t kValuesShown = 8;
    const int64_t total = p.sample_types.empty() ? 0 : totals[shown];
    out << "Labels (share of " << (p.sample_types.empty() ? "" : TerminalText(p.str(p.sample_types[shown].type))) << "):\n";
    for (const auto& [key, values] : labels) {
      std::vector<std::pair<std::string, int64_t>> sorted(values.begin(), values.end());
      std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      out << "  " << TerminalText(key) << ": " << sorted.size() << (sorted.size() == 1 ? " value" : " values");
      for (size_t k = 0; k < sorted.size() && k < kValuesShown; ++k) {
        out << (k == 0 ? ": " : ", ") << TerminalText(sorted[k].first) << " (" << TrimmedPercentage(sorted[k].second, total) << ")";
      }
      if (sorted.size() > kValuesShown) out << ", ...";
      out << '\n';
    }
  }
  if (!p.comments.empty()) {
    out << "Comments:\n";
    for (StringId c : p.comments) out << "  " << TerminalText(p.str(c)) << '\n';
  }
}

// The same facts for scripts (info --format json), raw numbers only:
//   {"file", "format", "gzipped", "bytes", "main_binary", "build_id",
//    "time_nanos", "duration_nanos", "period", "period_type": {"type", "unit"},
//    "sample_types": [{"type", "unit", "total", "default"}],
//    "records", "samples", "stacks", "locations", "functions", "mappings",
//    "graph": {"functions", "call_arcs", "call_counts"},
//    "labels": {key: {value: total of the default sample type}}, "comments": [...]}
// A fact the profile lacks is null (no time: "time_nanos": null); a graph
// profile has "graph" and null counts of stacks, a stack profile the reverse.
void WriteInfoJson(const InfoSource& source, const Profile& p, const ProfileCounts& counts, const GraphProfile* graph,
                   JsonWriter& w) {
  auto string_or_null = [&](std::string_view key, StringId id) {
    w.Key(key);
    if (id != 0) {
      w.String(p.str(id));
    } else {
      w.Null();
    }
  };
  auto int_or_null = [&](std::string_view key, int64_t value, bool known) {
    w.Key(key);
    if (known) {
      w.Int(value);
    } else {
      w.Null();
    }
  };
  w.BeginObject();
  w.Member("file", source.path);
  w.Key("format");
  if (source.format != Format::kUnknown) {
    w.String(FormatName(source.format));
  } else {
    w.Null();
  }
  w.Key("gzipped");
  w.Bool(source.gzipped);
  w.Member("bytes", static_cast<int64_t>(source.file_size));
  if (source.capture != nullptr) {
    w.Key("capture");
    w.BeginObject();
    for (const auto& [what, value] : *source.capture) w.Member(what, value);
    w.EndObject();
  }
  string_or_null("main_binary", p.mappings.empty() ? 0 : p.mappings[0].file);
  string_or_null("build_id", p.mappings.empty() ? 0 : p.mappings[0].build_id);
  int_or_null("time_nanos", p.time_nanos, p.time_nanos != 0);
  int_or_null("duration_nanos", p.duration_nanos, p.duration_nanos != 0);
  w.Member("period", p.period);
  w.Key("period_type");
  if (p.period_type.type != 0 || p.period_type.unit != 0) {
    w.BeginObject();
    w.Member("type", p.str(p.period_type.type));
    w.Member("unit", p.str(p.period_type.unit));
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("sample_types");
  w.BeginArray();
  for (size_t i = 0; i < p.sample_types.size(); ++i) {
    w.BeginObject();
    w.Member("type", p.str(p.sample_types[i].type));
    w.Member("unit", p.str(p.sample_types[i].unit));
    w.Member("total", counts.totals[i]);
    w.Key("default");
    w.Bool(static_cast<int>(i) == p.DefaultSampleIndex());
    w.EndObject();
  }
  w.EndArray();
  const bool stacks = graph == nullptr;
  int_or_null("records", static_cast<int64_t>(counts.records), stacks);
  int_or_null("samples", static_cast<int64_t>(counts.samples), stacks);
  int_or_null("stacks", static_cast<int64_t>(counts.stacks), stacks);
  int_or_null("locations", static_cast<int64_t>(p.locations.size()), stacks);
  int_or_null("functions", static_cast<int64_t>(p.functions.size()), stacks);
  int_or_null("mappings", static_cast<int64_t>(p.mappings.size()), stacks);
  w.Key("graph");
  if (graph != nullptr) {
    w.BeginObject();
    w.Member("functions", static_cast<int64_t>(graph->graph->nodes.size()));
    w.Member("call_arcs", static_cast<int64_t>(graph->graph->edges.size()));
    w.Key("call_counts");
    w.Bool(graph->graph->has_calls);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("labels");
  w.BeginObject();
  for (const auto& [key, values] : SumLabels(p, counts)) {
    w.Key(key);
    w.BeginObject();
    for (const auto& [value, total] : values) w.Member(value, total);
    w.EndObject();
  }
  w.EndObject();
  w.Key("comments");
  w.BeginArray();
  for (StringId c : p.comments) w.String(p.str(c));
  w.EndArray();
  w.EndObject();
}

}  // namespace

Status RunInfo(const InfoArgs& args, CommandContext& context) {
  std::vector<std::string> files = args.files;
  if (!args.files_from.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(const std::vector<std::string> listed, ReadFileList(args.files_from, context));
    files.insert(files.end(), listed.begin(), listed.end());
  }
  if (files.empty()) {
    return Status::Usage(args.files_from.empty() ? "info needs a profile (or --files-from)"
                                                 : "info: " + args.files_from + " lists no files");
  }
  // JSON: one array, written once every file is read (an error leaves no half array).
  const bool json = args.format == "json";
  std::string json_text;
  JsonWriter w(&json_text);
  if (json) w.BeginArray();
  auto write = [&](size_t i, const InfoSource& source, const Profile& p, const ProfileCounts& counts,
                   const GraphProfile* graph) {
    if (json) {
      WriteInfoJson(source, p, counts, graph, w);
      return;
    }
    if (i > 0) context.out << '\n';
    WriteInfo(source, p, counts, graph, context.out);
  };
  // Each file on its own (info describes files; merge or top combines
  // them), each profile of a directory or an archive too.
  size_t i = 0;
  PROFLENS_RETURN_IF_ERROR(ForEachInput(files, context, [&](const InputItem& item) -> Status {
    const std::string& path = item.name;
    const InputBuffer& input = item.input;
    context.reading = path;
    // pprof is counted as it is inflated, without building the profile;
    // anything else, or pprof the counting declines, is read whole.
    std::optional<PprofCounts> counted =
        CountPprof(input.bytes(), {.max_decompressed_size = context.read.max_decompressed_size,
                                   .release_input = input.mapped()});
    context.reading.clear();
    if (counted) {
      write(i++, {path, Format::kPprof, counted->gzipped, input.bytes().size()}, counted->header, counted->counts,
            nullptr);
      return Status::Ok();
    }
    PROFLENS_ASSIGN_OR_RETURN(const LoadedProfile loaded, LoadProfile(path, input, context, context.read));
    const Profile& header = loaded.profile.header();
    const GraphProfile* graph = loaded.profile.graph();
    write(i++, {path, loaded.format, loaded.gzipped, loaded.file_size, loaded.capture.empty() ? nullptr : &loaded.capture}, header,
          graph != nullptr ? ProfileCounts{.totals = loaded.profile.Totals()} : CountProfile(header), graph);
    return Status::Ok();
  }));
  if (json) {
    w.EndArray();
    context.out << json_text << '\n';
  }
  return Status::Ok();
}

}  // namespace proflens
