// LoadComparison: the one place that loads what a command compares: the
// profiles (merged), an optional base (merged), the sample type, the base's
// matching sample type and the --normalize scale (for each kind of profile,
// when asked). Every command with --base
// (top, peek, dot, diff, check, flame, report) goes through it, so a base
// that cannot be compared is refused the same way everywhere.
#ifndef PROFLENS_APP_COMPARISON_H_
#define PROFLENS_APP_COMPARISON_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/diff.h"
#include "analyzer/filters.h"
#include "analyzer/timeline.h"
#include "app/args.h"
#include "app/command_context.h"

namespace proflens {

struct ComparisonSpec {
  std::vector<std::string> files;  // merged into the new profile
  std::vector<std::string> base;   // merged into the base; may be empty
  std::string sample_index;        // --sample-index; "" for the default
  bool normalize = false;          // scale the base to the new total
  // Applied to each side when set (flame, report, diff); graph reports
  // filter their diff profile later instead.
  const FilterOptions* filters = nullptr;
  // With a base: both sides must have stacks; the subject and verb of the
  // refusal ("--base (pprof's -diff_base) needs"), or "" when graphs do.
  std::string base_needs_stacks;
  bool full_names = false;  // --symbols full
  // diff: one two-column folded file ("stack before after") is a base and a
  // new profile.
  bool two_column = false;
  // Keep the new input's time-order spans (report's timeline; one input only).
  bool keep_timeline = false;
  // Inputs of several kinds (CPU and heap profiles of a day): every kind
  // loaded (the report's sections), not only the one --sample-index names.
  bool every_kind = false;
};

struct Comparison {
  AnyProfile profile;
  std::optional<AnyProfile> base;
  int sample_index = 0;  // in profile
  DiffPair pair;         // with a base: the base's matching sample type
  double base_scale = 1; // --normalize
  std::vector<std::string> formats;  // of the new inputs, in order
  std::string name, base_name;       // for headings: "a.pb.gz + b.pb.gz"
  std::shared_ptr<const TimelineRecording> timeline;  // with spec.keep_timeline, when the input has one
  std::vector<std::string> unmatched_filters;         // filters that matched nothing in the profile ("focus", ...)
  std::vector<std::string> inputs;                    // the profiles merged into `profile` (a directory's each)
  std::vector<int64_t> unfiltered_totals;             // per sample type, before spec.filters: what percentages are of
  // spec.every_kind: the inputs' other kinds, each compared as this one is
  // (its sample type the default; the base's profiles of the same kind, if
  // any, its base), in the order first seen.
  std::vector<Comparison> other_kinds;
};

// The spec of a view's files, base, sample type and --normalize, with its
// filters applied to each side (flame graphs, reports).
ComparisonSpec FilteredComparison(const ViewArgs& args);

Result<Comparison> LoadComparison(const ComparisonSpec& spec, CommandContext& context);

// --symbols full and the filters of a view, applied to one loaded profile:
// the filters that matched nothing in it (each also warned about on stderr,
// "in NAME" when `name` is given).
Result<std::vector<std::string>> ApplyView(AnyProfile& profile, bool full_names, const FilterOptions* filters,
                                           const std::string& name, CommandContext& context);

// Of the filters that matched nothing, the first that keeps only what it
// matches (focus, show, show-from, tagfocus), which then kept nothing at all;
// "" when none.
std::string FilterThatKeptNothing(const std::vector<std::string>& unmatched);

}  // namespace proflens

#endif  // PROFLENS_APP_COMPARISON_H_
