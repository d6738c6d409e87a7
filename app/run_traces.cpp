// proflens traces: every sample's stack with its value and labels, as
// `go tool pprof -traces` lists them.
#include "analyzer/traces.h"
#include "analyzer/text.h"
#include "analyzer/units.h"
#include "app/commands.h"
#include "app/listed_frames.h"
#include "app/load.h"
#include "formats/output/traces_text.h"

namespace proflens {

Status RunTraces(const TracesArgs& args, CommandContext& context) {
  if (!IsKnownUnit(args.unit)) {
    return Status::Usage("unknown unit \"" + args.unit + "\" (expected minimum, auto, ns, us, ms, s, B, kB, MB, GB, ...)");
  }
  PROFLENS_ASSIGN_OR_RETURN(const GraphInput in, LoadGraphInput(args.view, context));
  PROFLENS_ASSIGN_OR_RETURN(const Profile* stacks, in.profile.Stacks("traces need"));
  PROFLENS_RETURN_IF_ERROR(CheckListedFrames(*stacks, "the traces text", "traces of " + Join(args.view.files, ", ")));
  TracesOptions options;
  options.sample_index = in.sample_index;
  options.granularity = in.granularity;
  options.total = in.totals[static_cast<size_t>(in.sample_index)];
  options.unit = args.unit;
  WriteTracesText(ComputeTraces(*stacks, options), context.out);
  return Status::Ok();
}

}  // namespace proflens
