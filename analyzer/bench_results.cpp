#include "analyzer/bench_results.h"

#include <cctype>

namespace proflens {

std::string BenchmarkFunction(std::string_view result_name) {
  std::string_view name = result_name.substr(0, result_name.find('/'));
  // The "-8" of GOMAXPROCS, when the name has one.
  const size_t dash = name.rfind('-');
  if (dash != std::string_view::npos && dash + 1 < name.size()) {
    bool digits = true;
    for (char c : name.substr(dash + 1)) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) name = name.substr(0, dash);
  }
  return std::string(name);
}

Dimension BenchUnitDimension(std::string_view unit, double* scale) {
  *scale = 1;
  if (unit == "ns/op") return Dimension::kTime;
  if (unit == "B/op") return Dimension::kBytes;
  if (unit == "MB/s") {
    *scale = 1e6;  // testing.BenchmarkResult: bytes / 1e6 / seconds
    return Dimension::kBytesRate;
  }
  return Dimension::kCount;
}

BenchSummary SummarizeBench(const std::vector<BenchResult>& selected) {
  BenchSummary summary;
  std::map<std::string, std::pair<double, double>> sums;  // unit -> (sum, weight)
  for (const BenchResult& r : selected) {
    bool seen = false;
    for (const std::string& n : summary.names) seen = seen || n == r.name;
    if (!seen) summary.names.push_back(r.name);
    summary.ops += static_cast<double>(r.iterations);
    for (const auto& [unit, value] : r.values) {
      const double weight = unit.ends_with("/op") ? static_cast<double>(r.iterations) : 1.0;
      sums[unit].first += value * weight;
      sums[unit].second += weight;
    }
  }
  for (const auto& [unit, sum] : sums) {
    double scale = 1;
    BenchUnitDimension(unit, &scale);
    summary.values[unit] = sum.second > 0 ? sum.first / sum.second * scale : 0;
  }
  return summary;
}

std::set<std::string> BenchmarkFunctionsIn(const std::vector<std::string>& function_names) {
  std::set<std::string> found;
  for (const std::string& name : function_names) {
    // After the package path: "example.com/p.BenchmarkParse.func1".
    const size_t slash = name.rfind('/');
    const size_t dot = name.find('.', slash == std::string::npos ? 0 : slash);
    if (dot == std::string::npos) continue;
    std::string_view rest = std::string_view(name).substr(dot + 1);
    if (!rest.starts_with("Benchmark")) continue;
    found.insert(std::string(rest.substr(0, rest.find('.'))));
  }
  return found;
}

}  // namespace proflens
