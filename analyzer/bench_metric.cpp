#include "analyzer/bench_metric.h"

namespace proflens {

Result<Quantity> EvaluateBenchMetric(const Expr& call, const CheckContext& context, std::optional<std::string>* undefined) {
  const std::string& unit = call.children[0].text;
  if (context.bench == nullptr) {
    return Status::Usage("column " + std::to_string(call.column) + ": bench(\"" + unit +
                         "\") needs --bench-output FILE (what go test -bench printed)");
  }
  auto found = context.bench->values.find(unit);
  if (found == context.bench->values.end()) {
    std::string units;
    for (const auto& [name, value] : context.bench->values) units += (units.empty() ? "" : ", ") + name;
    *undefined = "the benchmark output has no " + unit + (unit == "B/op" || unit == "allocs/op" ? " (run go test with -benchmem)" : "") +
                 "; it has " + units;
    return Quantity{};
  }
  double scale = 1;
  Quantity q;
  q.dimension = BenchUnitDimension(unit, &scale);
  q.value = found->second;
  return q;
}

}  // namespace proflens
