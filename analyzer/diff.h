// Comparing two profiles (a base and a new one, of any formats).
//
// Functions are matched by the node identity of the granularity (the name,
// plus the file at filefunctions, ...), never by address, so ASLR and
// different binaries do not break a diff. One sample type is compared: the
// new profile's chosen one, and the base's type of the same name (else its
// default type, if its unit is of the same family, or either is a plain
// count as in folded stacks); base values are converted to the new unit.
#ifndef PROFLENS_ANALYZER_DIFF_H_
#define PROFLENS_ANALYZER_DIFF_H_

#include <optional>
#include <string>
#include <vector>

#include "analyzer/any_profile.h"
#include "analyzer/call_graph.h"
#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

struct DiffPair {
  int new_index = 0;   // sample type compared, in the new profile
  int base_index = 0;  // the matching one in the base
  double base_to_new_unit = 1;  // multiply base values by this to get the new unit
};

// Picks the base's sample type for the new profile's `new_index` (from
// their headers: AnyProfile::header()).
Result<DiffPair> MatchSampleTypes(const Profile& base, const Profile& new_profile, int new_index);

// The ratio that scales the base's total to the new total (--normalize);
// a usage error when the base total is 0.
Result<double> NormalizeRatio(const AnyProfile& base, const AnyProfile& new_profile, const DiffPair& pair);

// pprof's -diff_base profile: one sample type (the new one's), the new
// samples as they are and the base samples negated (converted, and scaled by
// `base_scale`), labelled pprof::base=true. Every graph report reads it as
// NEW minus BASE; DiffBaseTotals gives the total its percentages refer to.
Profile BuildDiffProfile(const Profile& base, const Profile& new_profile, const DiffPair& pair, double base_scale);

// Sum of |value| over the samples labelled pprof::base (pprof's total of a diff).
std::vector<int64_t> DiffBaseTotals(const Profile& diff_profile);

struct DiffOptions {
  Granularity granularity = Granularity::kFunctions;
  double base_scale = 1;  // from NormalizeRatio with --normalize
  // The graphs of all sample types at this granularity (no kept set), when
  // the caller has them already (report: the one its tables read); null:
  // built here.
  const CallGraph* base_graph = nullptr;
  const CallGraph* new_graph = nullptr;
  int threads = 1;  // > 1: the two graphs built here are built at once
};

enum class DiffSort { kDeltaCum, kDeltaFlat, kRelative, kName };
Result<DiffSort> ParseDiffSort(std::string_view name);

struct DiffRow {
  std::string name;
  int64_t base_flat = 0, base_cum = 0, new_flat = 0, new_cum = 0;
  int64_t delta_flat = 0, delta_cum = 0;
  std::optional<double> relative;  // (new cum - base cum) / base cum, none when base cum is 0
  bool appeared = false;           // only in the new profile
  bool vanished = false;           // only in the base
};

struct DiffSide {
  int64_t total = 0;           // in the new profile's unit, after scaling
  uint64_t samples = 0;        // sample records read
  int64_t duration_nanos = 0;
  std::string type;            // sample type name
  uint64_t functions = 0;      // graph profiles (no samples): the functions they record
};

struct DiffReport {
  SampleTypeName sample_type;  // the new profile's
  DiffSide base, current;
  double base_scale = 1;
  std::vector<DiffRow> rows;
  // Over all rows, before any cut to the first N: functions, new and gone ones.
  size_t functions = 0, appeared = 0, vanished = 0;
  std::string output_unit;                // totals and changes of the whole profile
  std::vector<std::string> column_units;  // the six value columns' (SetDiffUnits); empty: output_unit
  std::string FormatValue(int64_t v) const;
  // Column c: 0 base flat, 1 base cum, 2 new flat, 3 new cum, 4 delta flat, 5 delta cum.
  std::string FormatColumn(int64_t v, int column) const;
};

// Which nodes of two versions of a profile are the same function: equal
// keys in `a` and `b`, one per node. Nodes with the same file, line and name
// are the same; the rest match by name without what moves between runs and
// edits: pstats's "file:line(function)" without the line (so an edit that
// moves every line keeps every function), a builtin without its address
// ("{... at 0x7f...}"). Same-named functions of one file (two lambdas) left
// over pair up in line order, the k-th with the k-th.
struct NodeMatch {
  std::vector<std::string> a, b;
};
NodeMatch MatchNodes(const CallGraph& a, const CallGraph& b);

DiffReport ComputeDiff(const AnyProfile& base, const AnyProfile& new_profile, const DiffPair& pair,
                       const DiffOptions& options);
void SortDiffRows(std::vector<DiffRow>& rows, DiffSort sort);

// The unit each value column of the (sorted, cut) rows prints in: "minimum"
// chooses per column as top chooses for its table (pprof's rule), "auto"
// scales every value on its own, a unit name ("ms") is used throughout. A
// usage error for an unknown unit.
Status SetDiffUnits(DiffReport& report, std::string_view unit);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_DIFF_H_
