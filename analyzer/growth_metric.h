// The check rules' growth metric: how fast a metric grows over a series of
// profiles (CheckContext::series), by least squares over their times.
//
//   growth                      growth(total)
//   growth("re"[, "type"])      growth(cum("re"[, "type"]))
//   growth(X)                   X a metric of a time, a size or a count: total("inuse_objects"), flat("re")
//
// The value is a rate (per second; shown per hour): growth < 100MB/h. A
// function absent from some profiles counts 0 there; one absent from all of
// them fails the rule as cum("re") does. One input, or inputs all taken at
// the same time, leave the growth undefined: the rule fails and says why.
#ifndef PROFLENS_ANALYZER_GROWTH_METRIC_H_
#define PROFLENS_ANALYZER_GROWTH_METRIC_H_

#include <optional>
#include <string>
#include <vector>

#include "analyzer/assertions.h"
#include "analyzer/expr_parser.h"
#include "analyzer/status.h"

namespace proflens {

struct GrowthValue {
  Quantity value;                        // a rate, per second
  std::optional<std::string> undefined;  // why there is no value on this data
  std::vector<std::string> details;      // the series' first and last values
};

// True when a rule names growth (the inputs are then also read one by one).
bool UsesGrowth(const std::vector<Rule>& rules);

// `call` is the growth call of a rule; usage errors name its column.
Result<GrowthValue> EvaluateGrowth(const Expr& call, const CheckContext& context);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_GROWTH_METRIC_H_
