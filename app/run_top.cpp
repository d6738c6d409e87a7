// proflens top: the top-N table, as `go tool pprof -top` prints it (or as
// pstats's print_stats does for cProfile input).
#include "analyzer/call_graph.h"
#include "analyzer/top.h"
#include "analyzer/units.h"
#include "app/commands.h"
#include "app/load.h"
#include "formats/output/csv_writer.h"
#include "formats/output/json_output.h"
#include "formats/output/pstats_table.h"
#include "formats/output/text_table.h"

namespace proflens {

Status RunTop(const TopArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(NodeOrder order, ParseSortOrder(args.sort));
  if (!IsKnownUnit(args.unit)) {
    return Status::Usage("unknown unit \"" + args.unit + "\" (expected minimum, auto, ns, us, ms, s, B, kB, MB, GB, ...)");
  }
  PROFLENS_ASSIGN_OR_RETURN(const GraphInput in, LoadGraphInput(args.view, context));

  TopOptions options;
  options.sample_index = in.sample_index;
  options.node_count = args.node_count;
  const GraphProfile* graph = in.profile.graph();
  const bool pstats = graph != nullptr && graph->format == kPstatsFormat;
  options.node_fraction = args.node_fraction.value_or(pstats ? 0.0 : 0.005);
  options.order = order;
  options.unit = args.unit;
  options.active_filters = in.active_filters;
  options.sorter = in.sorter;
  options.rows = args.rows;
  GraphBuilder build = [&in](const NodeKeySet* kept) { return in.Build(kept); };
  PROFLENS_ASSIGN_OR_RETURN(const TopReport report, ComputeTop(build, options));
  if (args.format == "json") {
    WriteTopJson(report, context.out);
  } else if (args.format == "csv") {
    WriteTopCsv(report, context.out);
  } else if (pstats) {
    WritePstatsText(report, SummarizePstats(*in.Build(nullptr), options.sample_index, options.order), context.out);
  } else {
    WriteTopText(report, context.out);
  }
  return Status::Ok();
}

}  // namespace proflens
