// proflens dot: the call graph as pprof -dot draws it, written as DOT by
// cgraph or rendered to SVG by gvc.
#include "analyzer/graph_view.h"
#include "analyzer/text.h"
#include "analyzer/units.h"
#include "app/commands.h"
#include "app/load.h"
#include "formats/io/output_file.h"
#include "formats/output/callgraph_svg.h"
#include "formats/output/dot_writer.h"

namespace proflens {

namespace {

// "svg" or "dot" from --to or the output's extension; DOT text in a .png
// would be a silent wrong answer.
Result<std::string> OutputKind(const DotArgs& args) {
  if (!args.to.empty()) return args.to;
  const std::string& o = args.output;
  const size_t dot = o.rfind('.'), slash = o.rfind('/');
  const std::string ext = dot == std::string::npos || (slash != std::string::npos && dot < slash) ? "" : o.substr(dot + 1);
  if (ext == "svg") return std::string("svg");
  if (o == "-" || ext.empty() || ext == "dot" || ext == "gv") return std::string("dot");
  return Status::Usage("cannot write ." + ext + " (\"" + o + "\"): dot writes .svg or .dot (or --to svg|dot); "
                       "for a picture in another format, pipe the DOT to Graphviz: dot -T" + ext);
}

}  // namespace

Status RunDot(const DotArgs& args, CommandContext& context) {
  if (!IsKnownUnit(args.unit)) return Status::Usage("unknown unit \"" + args.unit + "\"");
  PROFLENS_ASSIGN_OR_RETURN(const std::string to, OutputKind(args));
  PROFLENS_ASSIGN_OR_RETURN(const GraphInput in, LoadGraphInput(args.view, context));
  GraphBuilder build = [&in](const NodeKeySet* kept) { return in.Build(kept, /*tags=*/true); };
  GraphViewOptions options;
  options.sample_index = in.sample_index;
  options.node_count = args.node_count;
  options.node_fraction = args.node_fraction;
  options.edge_fraction = args.edge_fraction;
  options.unit = args.unit;
  options.active_filters = in.active_filters;
  DotDocument document(ComputeGraphView(build, options));
  Result<std::string> bytes = to == "svg" ? RenderStandaloneSvg(document) : document.ToDot();
  if (!bytes.ok()) return bytes.status().WithContext("drawing the call graph of " + Join(args.view.files, ", "));
  return WriteOutputFile(args.output, *bytes, context.out);
}

}  // namespace proflens
