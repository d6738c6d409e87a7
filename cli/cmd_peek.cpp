// proflens peek FILE... REGEX: callers and callees of matching functions (pprof -peek).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "analyzer/peek.h"
#include "analyzer/units.h"
#include "formats/json.h"
#include "formats/text_table.h"

namespace proflens {

void AddPeekCommand(CLI::App& app, CommandContext& context) {
  struct PeekArgs {
    ViewArgs view;
    std::string unit = "minimum";
    std::string format = "text";
  };
  auto args = std::make_shared<PeekArgs>();
  CLI::App* cmd = app.add_subcommand("peek", "Callers and callees of functions matching a regex (like pprof -peek)");
  cmd->footer("Example: proflens peek cpu.pb.gz 'json\\.loads'   (the last argument is the regex)");
  AddViewOptions(*cmd, args->view);
  cmd->get_option("files")->expected(2, -1)->description("Profiles to read (several are merged), then the regex");
  cmd->add_option("--unit", args->unit, "minimum (as pprof), auto, or ns, us, ms, s, B, kB, MB, GB")->capture_default_str();
  cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([args, &context] {
    ViewArgs view = args->view;
    std::string regex = view.files.back();
    view.files.pop_back();
    if (!IsKnownUnit(args->unit)) {
      context.status = Status::Usage("unknown unit \"" + args->unit + "\"");
      return;
    }
    Result<GraphInput> input = LoadGraphInput(view, context);
    if (!input.ok()) {
      context.status = input.status();
      return;
    }
    const GraphInput& in = *input;
    GraphBuilder build = [&in](const NodeKeySet* kept) { return in.Build(kept); };
    PeekOptions options{in.sample_index, regex, args->unit, in.active_filters, in.sorter};
    Result<PeekReport> report = ComputePeek(build, options);
    if (!report.ok()) {
      context.status = report.status();
      return;
    }
    if (args->format == "json") {
      WritePeekJson(*report, context.out);
    } else {
      WritePeekText(*report, context.out);
    }
  });
}

}  // namespace proflens
