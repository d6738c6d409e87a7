// proflens diff: what changed between two versions, per function (base and
// new flat and cum, absolute and relative change), or difffolded.pl's lines.
#include <sstream>

#include "analyzer/diff.h"
#include "app/commands.h"
#include "app/comparison.h"
#include "formats/folded/folded.h"
#include "formats/io/output_file.h"
#include "formats/io/text_pieces.h"
#include "formats/output/csv_writer.h"
#include "formats/output/json_output.h"
#include "formats/output/text_table.h"

namespace proflens {

Status RunDiff(const DiffArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(const DiffSort sort, ParseDiffSort(args.sort));
  PROFLENS_ASSIGN_OR_RETURN(const Granularity granularity, ParseGranularity(args.view.granularity));

  // BASE NEW [NEW...], or one two-column folded file (difffolded.pl's output).
  const std::vector<std::string>& files = args.view.files;
  ComparisonSpec spec = FilteredComparison(args.view);
  spec.files = files.size() == 1 ? files : std::vector<std::string>(files.begin() + 1, files.end());
  spec.base.clear();
  if (files.size() > 1) spec.base = {files[0]};
  spec.two_column = true;
  if (args.folded_diff) spec.base_needs_stacks = "--folded-diff needs";
  PROFLENS_ASSIGN_OR_RETURN(const Comparison loaded, LoadComparison(spec, context));
  const AnyProfile& base = *loaded.base;
  const AnyProfile& current = loaded.profile;
  const DiffPair& pair = loaded.pair;

  std::ostringstream out;
  if (args.folded_diff) {
    FoldedOptions base_options, new_options;
    base_options.sample_index = pair.base_index;
    new_options.sample_index = pair.new_index;
    WriteFoldedDiff(*base.stacks(), base_options, pair.base_to_new_unit, *current.stacks(), new_options,
                    args.view.normalize, out);
  } else {
    DiffOptions diff_options{granularity, loaded.base_scale};
    diff_options.threads = ResolveThreads(context.read.threads);
    DiffReport report = ComputeDiff(base, current, pair, diff_options);
    SortDiffRows(report.rows, sort);
    if (args.node_count > 0 && report.rows.size() > static_cast<size_t>(args.node_count)) {
      report.rows.resize(args.node_count);
    }
    PROFLENS_RETURN_IF_ERROR(SetDiffUnits(report, args.unit));
    if (args.format == "json") {
      WriteDiffJson(report, loaded.base_name, loaded.name, out);
    } else if (args.format == "csv") {
      WriteDiffCsv(report, out);
    } else {
      WriteDiffText(report, loaded.base_name, loaded.name, out);
    }
  }
  return WriteOutputFile(args.output, out.str(), context.out);
}

}  // namespace proflens
