// The report's trend chart: one point per profile, placed by time and value,
// the least-squares line, and names escaped.
#include "formats/output/trend_svg.h"

#include <catch2/catch.hpp>

#include "formats/output/trend_output.h"

namespace proflens {
namespace {

constexpr int64_t kHour = int64_t{3600} * 1000000000;

TEST_CASE("trend svg: points by time and value, the fit, escaped names", "[trend]") {
  // 0, 1h, 2h at 0, 100, 200 bytes: the points lie on the fit, which runs
  // from the bottom-left corner of the plot to its top-right one.
  Result<TrendReport> report = ComputeTrend({{"a<b>&.pb.gz", 0, false, 0}, {"c.pb.gz", kHour, false, 100}, {"d.pb.gz", 2 * kHour, true, 200}},
                                            "inuse_space", "bytes");
  REQUIRE(report.ok());
  const std::string svg = RenderTrendSvg(*report, {.width = 500, .height = 200});
  CHECK_THAT(svg, Catch::StartsWith("<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"500.0\" height=\"200.0\""));
  // The plot is x 80..476, y 34..156 (margins 80, 24, 34, 44).
  CHECK_THAT(svg, Catch::Contains("<circle class=\"trend-point\" cx=\"80.0\" cy=\"156.0\" r=\"4\" fill=\"#1e88e5\"><title>a&lt;b&gt;&amp;.pb.gz\n"
                                  "1970-01-01 00:00:00.000 UTC\n0</title></circle>"));
  CHECK_THAT(svg, Catch::Contains("cx=\"278.0\" cy=\"95.0\""));
  CHECK_THAT(svg, Catch::Contains("cx=\"476.0\" cy=\"34.0\" r=\"4\" fill=\"#1e88e5\"><title>d.pb.gz\n1970-01-01 02:00:00.000 UTC (file time)\n200B</title>"));
  CHECK_THAT(svg, Catch::Contains("<line class=\"trend-fit\" x1=\"80.0\" y1=\"156.0\" x2=\"476.0\" y2=\"34.0\""));
  CHECK_THAT(svg, Catch::Contains(">inuse_space: growth " + FormatGrowth(*report) + " (least squares over 3 profiles)</text>"));
  CHECK_THAT(svg, Catch::Contains(">+2hrs</text>"));
  CHECK_THAT(svg, Catch::EndsWith("</svg>\n"));
}

TEST_CASE("trend text: UTC times to the millisecond", "[trend]") {
  CHECK(FormatUtcTime(1796632338635751595) == "2026-12-07 08:32:18.635");
  CHECK(FormatUtcTime(0) == "1970-01-01 00:00:00.000");
  CHECK(FormatUtcTime(-1) == "1969-12-31 23:59:59.999");
}

}  // namespace
}  // namespace proflens
