// JSON output: the same rows as the text table, with raw integer values,
// their unit, and shares of the total as numbers.
#ifndef PROFLENS_FORMATS_OUTPUT_JSON_OUTPUT_H_
#define PROFLENS_FORMATS_OUTPUT_JSON_OUTPUT_H_

#include <ostream>

#include "analyzer/assertions.h"
#include "analyzer/diff.h"
#include "analyzer/peek.h"
#include "analyzer/top.h"

namespace proflens {

class JsonWriter;

// {"sample_type": {"type", "unit"}, "total", "output_unit", "labels": [...],
//  "rows": [{"name", "inline", "flat", "flat_percent", "sum_percent", "cum",
//            "cum_percent", "calls"?}]}
void WriteTopJson(const TopReport& report, std::ostream& out);

// {"sample_type", "base": {...}, "new": {...}, "base_scale", "rows": [{"name",
//  "base_flat", "base_cum", "new_flat", "new_cum", "delta_flat", "delta_cum",
//  "relative" (a fraction, null without a base), "status" ("", "new", "gone")}]}
void WriteDiffJson(const DiffReport& report, const std::string& base_name, const std::string& new_name,
                   std::ostream& out);

// {"sample_type", "total", "output_unit", "labels", "functions": [{"name",
//  "flat", "cum", "callers": [{"name", "weight", "inline"}], "callees": [...]}]}
void WritePeekJson(const PeekReport& report, std::ostream& out);

// [{"name", "expression", "passed", "actual": {"value", "unit", "text"},
//   "limit": {...}, "error" (null unless the rule could not be decided),
//   "details": [...]}]: values in base units (s, B, %, plain counts), the
// unit, and the text the table prints. The report embeds the same array.
void WriteCheckJson(const std::vector<RuleResult>& results, std::ostream& out);
void AppendCheckResults(const std::vector<RuleResult>& results, JsonWriter& w);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_JSON_OUTPUT_H_
