// The least-squares line of a trend, on points worked out by hand.
#include "analyzer/trend.h"

#include <catch2/catch.hpp>

#include "analyzer/assertions.h"

namespace proflens {
namespace {

constexpr int64_t kHour = int64_t{3600} * 1000000000;

TEST_CASE("trend: the least-squares slope, worked by hand", "[trend]") {
  // Times 0, 1h, 2h, 3h (from 1.8e18 ns, beyond a double's 53 bits) with
  // values 10, 30, 20, 40: mean t = 1.5h, mean v = 25;
  // sum(dt * dv) = (-1.5)(-15) + (-0.5)(5) + (0.5)(-5) + (1.5)(15) = 40 (h),
  // sum(dt^2) = 2.25 + 0.25 + 0.25 + 2.25 = 5 (h^2): slope 8 per hour, and
  // the line at the first time 25 - 8 * 1.5 = 13.
  const int64_t t0 = 1800000000000000123;
  Result<LinearFit> fit = FitLine({{t0, 10}, {t0 + kHour, 30}, {t0 + 2 * kHour, 20}, {t0 + 3 * kHour, 40}});
  REQUIRE(fit.ok());
  CHECK(fit->slope_per_ns * kHour == Approx(8));
  CHECK(fit->at_first == Approx(13));
}

TEST_CASE("trend: sorted by time, with the growth per hour and its units", "[trend]") {
  // Given out of order: heap-2 at 30 min, heap-1 at 0, heap-3 at 60 min; 1, 2, 4 MiB.
  std::vector<TrendPoint> points = {{"heap-2", kHour / 2, false, 2 << 20}, {"heap-1", 0, false, 1 << 20}, {"heap-3", kHour, true, 4 << 20}};
  Result<TrendReport> report = ComputeTrend(points, "inuse_space", "bytes");
  REQUIRE(report.ok());
  REQUIRE(report->points.size() == 3);
  CHECK(report->points[0].name == "heap-1");
  CHECK(report->points[2].name == "heap-3");
  CHECK(report->points[2].time_from_file);
  // mean t = 0.5h, mean v = 7/3 MiB; sum(dt dv) = (-0.5)(-4/3) + 0 + (0.5)(5/3) = 1.5 MiB h;
  // sum(dt^2) = 0.5 h^2: 3 MiB per hour = 3145728 B/h.
  CHECK(report->growth_per_hour == Approx(3145728));
  CHECK(FormatGrowth(*report) == "+" + FormatQuantity(Quantity{3145728, Dimension::kBytes}) + "/h");
  Result<TrendReport> shrinking = ComputeTrend({{"a", 0, false, 7200}, {"b", kHour, false, 3600}}, "cpu", "nanoseconds");
  REQUIRE(shrinking.ok());
  CHECK(FormatGrowth(*shrinking) == "-3.60us/h");
}

TEST_CASE("trend: one profile, or profiles of one time, have no growth", "[trend]") {
  Result<LinearFit> one = FitLine({{5, 1}});
  REQUIRE_FALSE(one.ok());
  CHECK(one.status().code() == StatusCode::kInput);
  CHECK_THAT(one.status().message(), Catch::Contains("2 or more profiles"));
  Result<LinearFit> same = FitLine({{5, 1}, {5, 2}, {5, 3}});
  REQUIRE_FALSE(same.ok());
  CHECK_THAT(same.status().message(), Catch::Contains("the 3 profiles were all taken at the same time"));
}

}  // namespace
}  // namespace proflens
