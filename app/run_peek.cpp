// proflens peek: callers and callees of the functions a regex matches, as
// pprof -peek prints them.
#include "analyzer/peek.h"
#include "analyzer/units.h"
#include "app/commands.h"
#include "app/load.h"
#include "formats/output/json_output.h"
#include "formats/output/text_table.h"

namespace proflens {

Status RunPeek(const PeekArgs& args, CommandContext& context) {
  ViewArgs view = args.view;
  if (view.files.empty()) return Status::Usage("peek needs profiles and a regex");
  const std::string regex = view.files.back();
  view.files.pop_back();
  if (!IsKnownUnit(args.unit)) return Status::Usage("unknown unit \"" + args.unit + "\"");
  PROFLENS_ASSIGN_OR_RETURN(const GraphInput in, LoadGraphInput(view, context));
  GraphBuilder build = [&in](const NodeKeySet* kept) { return in.Build(kept); };
  PeekOptions options{in.sample_index, regex, args.unit, in.active_filters, in.sorter};
  PROFLENS_ASSIGN_OR_RETURN(const PeekReport report, ComputePeek(build, options));
  if (args.format == "json") {
    WritePeekJson(report, context.out);
  } else {
    WritePeekText(report, context.out);
  }
  return Status::Ok();
}

}  // namespace proflens
