#include "analyzer/trend.h"

#include <algorithm>
#include <tuple>

#include "analyzer/rates.h"
#include "analyzer/units.h"

namespace proflens {

Result<LinearFit> FitLine(const std::vector<std::pair<int64_t, double>>& points) {
  if (points.size() < 2) {
    return Status::Input("a growth rate needs 2 or more profiles taken at different times, not " + std::to_string(points.size()));
  }
  // Times relative to the earliest: nanoseconds since 1970 are beyond a
  // double's 53 bits, a series' span is not.
  int64_t first = points[0].first;
  for (const auto& p : points) first = std::min(first, p.first);
  double mean_t = 0, mean_v = 0;
  for (const auto& [t, v] : points) {
    mean_t += static_cast<double>(t - first);
    mean_v += v;
  }
  const double n = static_cast<double>(points.size());
  mean_t /= n;
  mean_v /= n;
  double covariance = 0, variance = 0;
  for (const auto& [t, v] : points) {
    const double dt = static_cast<double>(t - first) - mean_t;
    covariance += dt * (v - mean_v);
    variance += dt * dt;
  }
  if (variance == 0) {
    return Status::Input("the " + std::to_string(points.size()) + " profiles were all taken at the same time: no growth per hour");
  }
  LinearFit fit;
  fit.slope_per_ns = covariance / variance;
  fit.at_first = mean_v - fit.slope_per_ns * mean_t;
  return fit;
}

Result<TrendReport> ComputeTrend(std::vector<TrendPoint> points, std::string sample_type, std::string unit) {
  TrendReport report;
  report.sample_type = std::move(sample_type);
  report.unit = std::move(unit);
  std::sort(points.begin(), points.end(), [](const TrendPoint& a, const TrendPoint& b) {
    return std::tie(a.time_nanos, a.name) < std::tie(b.time_nanos, b.name);
  });
  std::vector<std::pair<int64_t, double>> xy;
  for (const TrendPoint& p : points) xy.emplace_back(p.time_nanos, static_cast<double>(p.value));
  PROFLENS_ASSIGN_OR_RETURN(report.fit, FitLine(xy));
  report.growth_per_hour = report.fit.slope_per_ns * 3600e9;
  report.points = std::move(points);
  return report;
}

std::string FormatGrowth(const TrendReport& report) {
  // Per second in the base unit of the family (bytes, ns), as rules hold rates.
  const std::string_view family = UnitFamily(report.unit);
  const Dimension rate = family == "bytes" ? Dimension::kBytesRate : family == "time" ? Dimension::kTimeRate : Dimension::kCountRate;
  const double scale = family == "bytes"  ? ScaleValue(1, report.unit, "bytes").value
                       : family == "time" ? ScaleValue(1, report.unit, "nanoseconds").value
                                          : 1.0;
  return FormatRate(report.fit.slope_per_ns * 1e9 * scale, rate, true);
}

}  // namespace proflens
