// proflens diff BASE NEW [NEW...]: what changed between two versions, per
// function: base and new flat/cum, absolute and relative change.
#include <CLI/CLI.hpp>
#include <memory>
#include <sstream>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "cli/comparison.h"
#include "analyzer/diff.h"
#include "formats/csv.h"
#include "formats/folded.h"
#include "formats/json.h"
#include "formats/output_file.h"
#include "formats/text_table.h"

namespace proflens {

namespace {

struct DiffArgs {
  std::string symbols = "short";
  std::vector<std::string> files;
  std::string sample_index;
  std::string granularity = "functions";
  FilterOptions filters;
  std::string sort = "delta-cum";
  int node_count = 0;
  std::string unit = "minimum";
  bool normalize = false;
  std::string format = "text";
  bool folded_diff = false;
  std::string output = "-";
};

Status RunDiff(const DiffArgs& args, CommandContext& context) {
  Result<DiffSort> sort = ParseDiffSort(args.sort);
  if (!sort.ok()) return sort.status();
  Result<Granularity> granularity = ParseGranularity(args.granularity);
  if (!granularity.ok()) return granularity.status();

  // BASE NEW [NEW...], or one two-column folded file (difffolded.pl's output).
  ComparisonSpec spec;
  spec.files = args.files.size() == 1 ? args.files : std::vector<std::string>(args.files.begin() + 1, args.files.end());
  if (args.files.size() > 1) spec.base = {args.files[0]};
  spec.sample_index = args.sample_index;
  spec.normalize = args.normalize;
  spec.filters = &args.filters;
  spec.two_column = true;
  spec.full_names = args.symbols == "full";
  if (args.folded_diff) spec.base_needs_stacks = "--folded-diff needs";
  Result<Comparison> loaded = LoadComparison(spec, context);
  if (!loaded.ok()) return loaded.status();
  const AnyProfile& base = *loaded->base;
  const AnyProfile& current = loaded->profile;
  const DiffPair* pair = &loaded->pair;
  const double scale = loaded->base_scale;
  const std::string& base_name = loaded->base_name;
  const std::string& new_name = loaded->name;

  std::ostringstream out;
  if (args.folded_diff) {
    FoldedOptions base_options, new_options;
    base_options.sample_index = pair->base_index;
    new_options.sample_index = pair->new_index;
    WriteFoldedDiff(*base.stacks(), base_options, pair->base_to_new_unit, *current.stacks(), new_options, args.normalize, out);
  } else {
    DiffReport report = ComputeDiff(base, current, *pair, DiffOptions{*granularity, scale});
    SortDiffRows(report.rows, *sort);
    if (args.node_count > 0 && report.rows.size() > static_cast<size_t>(args.node_count)) {
      report.rows.resize(args.node_count);
    }
    PROFLENS_RETURN_IF_ERROR(SetDiffUnits(report, args.unit));
    if (args.format == "json") {
      WriteDiffJson(report, base_name, new_name, out);
    } else if (args.format == "csv") {
      WriteDiffCsv(report, out);
    } else {
      WriteDiffText(report, base_name, new_name, out);
    }
  }
  return WriteOutputFile(args.output, out.str(), context.out);
}

}  // namespace

void AddDiffCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand("diff", "What changed from BASE to NEW, per function (like pprof -diff_base, difffolded.pl)");
  cmd->footer("Examples: proflens diff v1.2.pb.gz v1.3.pb.gz -n 20\n"
              "          proflens diff old.folded new.folded --folded-diff -o diff.folded --normalize");
  cmd->add_option("files", args->files, "BASE then NEW (several NEW are merged), or one two-column folded file")
      ->required();
  AddSymbolsOption(*cmd, args->symbols);
  cmd->add_option("--sample-index", args->sample_index, "Sample type of NEW to compare (the base's of the same name)");
  cmd->add_option("--granularity", args->granularity, "functions, filefunctions, files, lines, addresses")
      ->capture_default_str();
  FilterOptions& f = args->filters;
  cmd->add_option("--focus", f.focus, "Keep samples with a frame matching this regex (both sides)");
  cmd->add_option("--ignore", f.ignore, "Drop samples with a frame matching this regex (both sides)");
  cmd->add_option("--hide", f.hide, "Remove frames matching this regex (both sides)");
  cmd->add_option("--sort", args->sort, "delta-cum (|delta cum|), delta-flat, relative, name")->capture_default_str();
  cmd->add_option("--unit", args->unit,
                  "Unit of the value columns: minimum (per column, as top chooses), auto (each value on its own), "
                  "or a unit such as ms or MB")
      ->capture_default_str();
  cmd->add_option("-n,--nodecount", args->node_count, "Show at most this many functions (0: all)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--normalize", args->normalize, "Scale the base so both totals match (as pprof -normalize, difffolded -n)");
  cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember(kTableFormats))->capture_default_str();
  cmd->add_flag("--folded-diff", args->folded_diff, "Write difffolded.pl's \"stack before after\" lines instead");
  cmd->add_option("-o,--output", args->output, "Output file (- for standard output)")->capture_default_str();
  cmd->callback([args, &context] { context.status = RunDiff(*args, context); });
}

}  // namespace proflens
