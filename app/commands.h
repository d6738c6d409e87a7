// What each command does, without its options: cli/cmd_<name>.cpp binds the
// command line to these arguments and calls Run<Name>, which loads the
// inputs, runs the analysis and writes the result through formats/. A Run
// function returns the status the command ends with (cli/ maps it to the
// exit code); its output goes to the context's streams or to files.
#ifndef PROFLENS_APP_COMMANDS_H_
#define PROFLENS_APP_COMMANDS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/report_model.h"
#include "analyzer/status.h"
#include "app/args.h"
#include "app/command_context.h"

namespace proflens {

// The accepted values of --format for table outputs.
inline const std::vector<std::string> kTableFormats = {"text", "json", "csv"};

struct TopArgs {
  ViewArgs view;
  int node_count = 0;
  std::optional<double> node_fraction;  // default: 0.005 (pprof), 0 for cProfile input (pstats lists all)
  std::string rows;                     // --rows: a regex on names, before -n
  std::string sort = "flat";
  std::string unit = "minimum";
  std::string format = "text";
};
Status RunTop(const TopArgs& args, CommandContext& context);

struct PeekArgs {
  ViewArgs view;  // the last of view.files is the regex
  std::string unit = "minimum";
  std::string format = "text";
};
Status RunPeek(const PeekArgs& args, CommandContext& context);

struct TracesArgs {
  ViewArgs view;
  std::string unit = "minimum";  // per value, as pprof's -traces
};
Status RunTraces(const TracesArgs& args, CommandContext& context);

struct DotArgs {
  ViewArgs view;
  std::string output = "-";
  std::string to;  // dot or svg; from the output's extension when empty
  int node_count = 80;
  double node_fraction = 0.005;
  double edge_fraction = 0.001;
  std::string unit = "minimum";
};
Status RunDot(const DotArgs& args, CommandContext& context);

struct DiffArgs {
  ViewArgs view;  // view.files: BASE then NEW..., or one two-column folded file
  std::string sort = "delta-cum";
  int node_count = 0;
  std::string unit = "auto";
  std::string format = "text";
  bool folded_diff = false;
  std::string output = "-";
};
Status RunDiff(const DiffArgs& args, CommandContext& context);

struct CheckArgs {
  ViewArgs view;
  RuleArgs rules;
  std::string junit;
  bool json = false;
};
Status RunCheck(const CheckArgs& args, CommandContext& context);

struct TrendArgs {
  ViewArgs view;  // the files are a series: each read on its own, at its own time
  std::string format = "text";  // or json
};
Status RunTrend(const TrendArgs& args, CommandContext& context);

struct FlameArgs {
  ViewArgs view;  // view.symbols "": full names, or short ones with a base
  std::string output = "-";
  std::string title = "Flame Graph";
  double min_width = 0.1;  // pixels
  double width = 1200;
  bool reverse = false;
  std::string palette = "hot";
  RootArgs roots;
};
Status RunFlame(const FlameArgs& args, CommandContext& context);

struct ReportArgs {
  ViewArgs view;
  std::string output = "report.html";
  bool output_given = false;  // -o was given: no word about where the report went
  std::string title;
  RuleArgs rules;
  double min_width = 1;
  int node_count = 80;
  std::string palette = "hot";
  RootArgs roots;
  std::string source_dir;
  std::string generator;  // "proflens VERSION"
};
Status RunReport(const ReportArgs& args, CommandContext& context);
// The report's HTML (args.output unused). `finish`, when set, changes the
// model before it is drawn (proflens serve adds its form).
Result<std::string> RenderReport(const ReportArgs& args, CommandContext& context,
                                 const std::function<void(ReportModel&)>& finish = {});

// proflens serve: the report's views served live (app/serve_views.h).
struct ServeArgs {
  ReportArgs report;  // the inputs, and the view and options every page starts from
  std::string http = "127.0.0.1:0";  // HOST:PORT; port 0 picks a free one
  int threads = 8;                   // requests answered at once
};
Status RunServe(const ServeArgs& args, CommandContext& context);

struct InfoArgs {
  std::vector<std::string> files;
  std::string files_from;  // also the files listed in this file, one a line (- for standard input)
  std::string format = "text";  // or json
};
Status RunInfo(const InfoArgs& args, CommandContext& context);

struct ConvertArgs {
  std::vector<std::string> files;
  OutputArgs output;
};
Status RunConvert(const ConvertArgs& args, CommandContext& context);

struct MergeArgs {
  std::vector<std::string> files;
  std::string files_from;
  std::vector<std::string> labels;  // KEY=VALUE, set on every sample
  OutputArgs output;
};
Status RunMerge(const MergeArgs& args, CommandContext& context);

struct RecordArgs {
  std::vector<std::string> command;  // the program to record and its arguments
  int frequency = 999;               // -F: samples a second
  std::string call_graph = "fp";     // --call-graph: fp (frame pointers) or dwarf
  std::string output = "report.html";
  std::string generator;             // "proflens VERSION", for the report
};
// Runs `perf record` on the command and writes its profile by the output's name.
Status RunRecord(const RecordArgs& args, CommandContext& context);

}  // namespace proflens

#endif  // PROFLENS_APP_COMMANDS_H_
