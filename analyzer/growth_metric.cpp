#include "analyzer/growth_metric.h"

#include "analyzer/rates.h"
#include "analyzer/trend.h"
#include "analyzer/units.h"

namespace proflens {

namespace {

Status UsageAt(const Expr& e, const std::string& message) {
  return Status::Usage("column " + std::to_string(e.column) + ": " + message);
}

// The metric growth measures: growth -> total, growth("re", ...) -> cum("re", ...).
Result<Expr> GrowingMetric(const Expr& call) {
  Expr inner;
  if (call.children.empty()) {
    inner.kind = Expr::Kind::kCall;
    inner.text = "total";
    inner.column = call.column;
    return inner;
  }
  if (call.children[0].kind == Expr::Kind::kString) {
    inner = call;
    inner.text = "cum";
    return inner;
  }
  if (call.children.size() == 1) return call.children[0];
  return UsageAt(call, "growth takes a pattern (growth(\"cache.Put\")), one metric (growth(total(\"inuse_objects\"))) or nothing");
}

bool NamesGrowth(const Expr& e) {
  if (e.kind == Expr::Kind::kCall && e.text == "growth") return true;
  for (const Expr& child : e.children) {
    if (NamesGrowth(child)) return true;
  }
  return false;
}

}  // namespace

bool UsesGrowth(const std::vector<Rule>& rules) {
  for (const Rule& r : rules) {
    if (NamesGrowth(r.expr)) return true;
  }
  return false;
}

Result<GrowthValue> EvaluateGrowth(const Expr& call, const CheckContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(const Expr inner, GrowingMetric(call));
  GrowthValue growth;
  // On the inputs merged first: a malformed metric is a usage error, and a
  // pattern that matches no function in any input fails the rule, whatever
  // the number of inputs.
  PROFLENS_ASSIGN_OR_RETURN(const Quantity merged, EvaluateMetric(inner, context, &growth.undefined));
  if (growth.undefined) return growth;
  const std::optional<Dimension> rate = RateOf(merged.dimension);
  if (!rate) return UsageAt(call, "growth needs a time, a size or a count, not " + std::string(DimensionName(merged.dimension)));
  growth.value.dimension = *rate;
  const size_t inputs = context.series != nullptr ? context.series->size() : 1;
  if (inputs < 2) {
    growth.undefined = "growth needs a series: 2 or more profiles taken at different times, and this check has " +
                       std::to_string(inputs) + " input";
    return growth;
  }
  std::vector<std::pair<int64_t, double>> points;
  for (const SeriesProfile& one : *context.series) {
    CheckContext at = context;
    at.profile = one.profile;
    at.base = nullptr;
    at.series = nullptr;
    std::optional<std::string> undefined;
    Result<Quantity> q = EvaluateMetric(inner, at, &undefined);
    if (q.ok() && undefined) {
      // A function this profile lacks (not yet called, already freed) is 0 here.
      undefined.reset();
      at.allow_missing = true;
      q = EvaluateMetric(inner, at, &undefined);
    }
    if (!q.ok()) return q.status().WithContext("growth: in " + one.name);
    if (undefined) {
      growth.undefined = "growth: in " + one.name + ": " + *undefined;
      return growth;
    }
    points.emplace_back(one.time_nanos, q->value);
  }
  Result<LinearFit> fit = FitLine(points);
  if (!fit.ok()) {
    growth.undefined = "growth: " + fit.status().message();
    return growth;
  }
  growth.value.value = fit->slope_per_ns * 1e9;
  int64_t first = points[0].first, last = points[0].first;
  for (const auto& [t, v] : points) {
    first = std::min(first, t);
    last = std::max(last, t);
  }
  growth.details.push_back("growth of " + ExprToString(inner) + " over " + std::to_string(points.size()) + " profiles, " +
                           FormatDuration(last - first) + ": " + FormatRate(growth.value.value, *rate, true));
  return growth;
}

}  // namespace proflens
