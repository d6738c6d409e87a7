// Expected strings follow pprof's measurement rules, worked out by hand:
// auto picks the largest unit the value reaches 1 in; "%.2f" drops ".00".
#include <catch2/catch.hpp>

#include "analyzer/units.h"

namespace proflens {
namespace {

TEST_CASE("scaled labels", "[units]") {
  CHECK(ScaledLabel(1510000000, "nanoseconds", "auto") == "1.51s");
  CHECK(ScaledLabel(10000000, "nanoseconds", "auto") == "10ms");
  CHECK(ScaledLabel(10000000, "nanoseconds", "s") == "0.01s");
  CHECK(ScaledLabel(0, "nanoseconds", "auto") == "0");
  CHECK(ScaledLabel(1536, "bytes", "auto") == "1.50kB");
  CHECK(ScaledLabel(1024 * 1024, "bytes", "kB") == "1024kB");
  CHECK(ScaledLabel(-2048, "bytes", "auto") == "-2kB");
  CHECK(ScaledLabel(42, "count", "auto") == "42");
  CHECK(ScaledLabel(7200000000000, "nanoseconds", "auto") == "2hrs");
  // Whole numbers take a path of their own: the same text "%.2f" gives, less ".00".
  CHECK(ScaledLabel(912733650, "count", "auto") == "912733650");
  CHECK(ScaledLabel(-17, "samples", "minimum") == "-17");
  // Past 2^53 pprof prints a double (9007199254740992); we print the integer,
  // so a text table and JSON show the same number (a saturated sum too).
  CHECK(ScaledLabel(9007199254740993, "count", "auto") == "9007199254740993");
  CHECK(ScaledLabel(INT64_MAX, "count", "auto") == "9223372036854775807");
  CHECK(ScaledLabel(INT64_MIN, "count", "auto") == "-9223372036854775808");
  CHECK(ScaledLabel(3, "nanoseconds", "ms") == "0");   // 0.000003 rounds to 0.00: plain 0
  CHECK(ScaledLabel(-3, "nanoseconds", "ms") == "0");  // and "-0.00" too
  CHECK(ScaledLabel(2048, "Bytes", "kilobytes") == "2kB");                        // units in any case, plural
}

TEST_CASE("percentages", "[units]") {
  CHECK(Percentage(1, 151) == " 0.66%");
  CHECK(Percentage(94, 151) == "62.25%");
  CHECK(Percentage(151, 151) == "  100%");
  CHECK(Percentage(0, 151) == "    0%");
  CHECK(Percentage(1, 10000) == " 0.01%");
  CHECK(Percentage(45, 100000) == "0.045%");
  CHECK(Percentage(5, 0) == "    0%");
}

TEST_CASE("report unit fits the smallest entry and the total", "[units]") {
  CHECK(ChooseReportUnit(10000000, 1510000000, "nanoseconds") == "s");  // 10ms*100 >= 1s
  CHECK(ChooseReportUnit(10000, 1510000000, "nanoseconds") == "ms");
  CHECK(ChooseReportUnit(1, 100, "count") == "count");
  CHECK(UnitFamily("MB") == "bytes");
  CHECK(IsKnownUnit("ms"));
  CHECK_FALSE(IsKnownUnit("parsecs"));
}

}  // namespace
}  // namespace proflens
