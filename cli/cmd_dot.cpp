// proflens dot FILE... -o graph.dot|graph.svg: the call graph as pprof -dot
// draws it, written as DOT by cgraph or rendered to SVG by gvc.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "analyzer/graph_view.h"
#include "analyzer/units.h"
#include "formats/dot.h"
#include "formats/output_file.h"
#include "formats/svg.h"

namespace proflens {

void AddDotCommand(CLI::App& app, CommandContext& context) {
  struct DotArgs {
    ViewArgs view;
    std::string output = "-";
    std::string to;
    int node_count = 80;
    double node_fraction = 0.005;
    double edge_fraction = 0.001;
    std::string unit = "minimum";
  };
  auto args = std::make_shared<DotArgs>();
  CLI::App* cmd = app.add_subcommand("dot", "Call graph as DOT or SVG (like go tool pprof -dot / -svg)");
  cmd->footer("Example: proflens dot cpu.pb.gz -o graph.svg --nodecount 40 --focus 'http'");
  AddViewOptions(*cmd, args->view);
  cmd->add_option("-o,--output", args->output, "Output file (.dot or .svg; - for standard output)")->capture_default_str();
  cmd->add_option("--to", args->to, "dot or svg (default: from the output's extension, else dot)")
      ->check(CLI::IsMember({"dot", "svg"}));
  cmd->add_option("-n,--nodecount", args->node_count, "Show at most this many nodes (0: all)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("--nodefraction", args->node_fraction, "Hide nodes whose cum is below this share of the total")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--edgefraction", args->edge_fraction, "Hide edges below this share of the total")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--unit", args->unit, "minimum (as pprof), auto, or ns, us, ms, s, B, kB, MB, GB")->capture_default_str();
  cmd->callback([args, &context] {
    context.status = [&]() -> Status {
      if (!IsKnownUnit(args->unit)) return Status::Usage("unknown unit \"" + args->unit + "\"");
      std::string to = args->to;
      if (to.empty()) {
        const std::string& o = args->output;
        const size_t dot = o.rfind('.'), slash = o.rfind('/');
        const std::string ext = dot == std::string::npos || (slash != std::string::npos && dot < slash) ? "" : o.substr(dot + 1);
        if (ext == "svg") {
          to = "svg";
        } else if (o == "-" || ext.empty() || ext == "dot" || ext == "gv") {
          to = "dot";
        } else {
          // DOT text in a .png would be a silent wrong answer.
          return Status::Usage("cannot write ." + ext + " (\"" + o + "\"): dot writes .svg or .dot (or --to svg|dot); "
                               "for a picture in another format, pipe the DOT to Graphviz: dot -T" + ext);
        }
      }
      Result<GraphInput> input = LoadGraphInput(args->view, context);
      if (!input.ok()) return input.status();
      const GraphInput& in = *input;
      GraphBuilder build = [&in](const NodeKeySet* kept) { return in.Build(kept, /*tags=*/true); };
      GraphViewOptions options;
      options.sample_index = in.sample_index;
      options.node_count = args->node_count;
      options.node_fraction = args->node_fraction;
      options.edge_fraction = args->edge_fraction;
      options.unit = args->unit;
      options.active_filters = in.active_filters;
      DotDocument document(ComputeGraphView(build, options));
      Result<std::string> bytes = to == "svg" ? RenderStandaloneSvg(document) : document.ToDot();
      if (!bytes.ok()) return bytes.status();
      return WriteOutputFile(args->output, *bytes, context.out);
    }();
  });
}

}  // namespace proflens
