#include <catch2/catch.hpp>
#include <string>

#include "formats/io/gzip.h"
#include "formats/perf/perf_script_header.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("perf's header gives the capture time read as UTC", "[perf_script]") {
  // samples/perf-multi.txt.gz: "# captured on    : Sun Nov 22 03:39:30 2026";
  // 1795318770 is Python's calendar.timegm((2026, 11, 22, 3, 39, 30)).
  Result<std::string> text = Gunzip(testing::ReadFile(testing::SourcePath("samples/perf-multi.txt.gz")));
  REQUIRE(text.ok());
  CHECK(PerfScriptCaptureTime(*text) == 1795318770LL * 1000000000);
  // 2024 was a leap year: 1709251199 is timegm((2024, 2, 29, 23, 59, 59)).
  CHECK(PerfScriptCaptureTime("# ========\r\n# captured on    : Thu Feb 29 23:59:59 2024\r\n") ==
        1709251199LL * 1000000000);
  CHECK(PerfScriptCaptureTime("# captured on: Mon Jan  5 07:08:09 1970\n") ==
        (4 * 86400 + 7 * 3600 + 8 * 60 + 9) * 1000000000LL);
}

TEST_CASE("no capture time without a well-formed header line", "[perf_script]") {
  CHECK(PerfScriptCaptureTime("") == 0);
  // Not in the header block: after a sample line.
  CHECK(PerfScriptCaptureTime("work 1 1.0: 1 cpu-clock:\n# captured on : Sun Nov 22 03:39:30 2026\n") == 0);
  CHECK(PerfScriptCaptureTime("# captured on : yesterday\n") == 0);
  CHECK(PerfScriptCaptureTime("# captured on : Sun Xyz 22 03:39:30 2026\n") == 0);
  CHECK(PerfScriptCaptureTime("# captured on : Sun Nov 22 25:39:30 2026\n") == 0);
  CHECK(PerfScriptCaptureTime("# captured on : Sun Nov 22 03:39\n") == 0);
}

}  // namespace
}  // namespace proflens
