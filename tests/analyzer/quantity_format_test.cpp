// Rule values as text: pprof's units (sizes in powers of 1024), at most four
// digits before the point, and as many decimals as a comparison needs.
#include <catch2/catch.hpp>

#include "analyzer/quantity_format.h"

namespace proflens {
namespace {

TEST_CASE("rule values print in pprof's units", "[check][units]") {
  CHECK(FormatMeasure(291373509, Dimension::kTime) == "291.37ms");
  CHECK(FormatMeasure(14.06e6, Dimension::kTime) == "14.06ms");
  CHECK(FormatMeasure(-395834360, Dimension::kTime) == "-395.83ms");
  CHECK(FormatMeasure(512, Dimension::kTime) == "512ns");
  CHECK(FormatMeasure(7200e9, Dimension::kTime) == "2hrs");
  // Bytes: 1kB = 1024 B, 1MB = 2^20 B, as go tool pprof prints them.
  CHECK(FormatMeasure(10 * 1048576.0, Dimension::kBytes) == "10MB");
  CHECK(FormatMeasure(66.41e6, Dimension::kBytes) == "63.33MB");  // issue 35's heap growth, as diff shows it
  CHECK(FormatMeasure(1023, Dimension::kBytes) == "1023B");
  CHECK(FormatMeasure(1536, Dimension::kBytes) == "1.50kB");
  CHECK(FormatMeasure(62.5, Dimension::kPercent) == "62.50%");
  CHECK(FormatMeasure(3, Dimension::kCount) == "3");
  CHECK(FormatMeasure(2.5, Dimension::kCount) == "2.5");
}

TEST_CASE("compared values get the digits that tell them apart", "[check][units]") {
  using Shown = std::pair<std::string, std::string>;
  auto shown = [](double l, double r, Dimension d) { return FormatComparedPair(l, d, r, d); };
  // issue 35: "actual 1us, limit 1us" for 1.0033us.
  CHECK(shown(1003.3, 1000, Dimension::kTime) == Shown{"1.003us", "1us"});
  CHECK(shown(1000.0004, 1000, Dimension::kTime) == Shown{"1.0000004us", "1us"});
  CHECK(shown(5.0001, 5, Dimension::kPercent) == Shown{"5.0001%", "5%"});
  CHECK(shown(1000, 1000, Dimension::kTime) == Shown{"1us", "1us"});  // equal: nothing to tell apart
  CHECK(shown(1500, 1000, Dimension::kTime) == Shown{"1.50us", "1us"});
}

}  // namespace
}  // namespace proflens
