// The cached CFI rules (formats/perf/perf_unwind_rules.h) must give libdw's
// frames: every dwarf sample they unwind is unwound by libdw too
// (PerfDataOptions::check_unwind) and the two must agree, frame for frame,
// on the committed captures. The live captures of perf_data_reader_test.cpp
// (this machine's libc and libstdc++, signal handlers, recursion deeper than
// the copied stack) are checked the same way there.
#include <catch2/catch.hpp>

#include "formats/perf/perf_data_reader.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("dwarf unwinding by cached CFI rules gives libdw's frames, sample by sample", "[perfdata][unwind]") {
  for (const char* capture : {"dwarf_cpp", "dwarf_rust"}) {
    SECTION(capture) {
      const std::string golden = testing::SourcePath("tests/golden/perfdata/");
      const std::string bytes = testing::ReadFile(golden + capture + ".data");
      PerfDataOptions options;
      options.symbolize.symfs = golden + "symfs";
      options.symbolize.debug_dir = golden + "debug";
      options.check_unwind = true;
      Result<PerfDataResult> r = ReadPerfData(bytes, options);
      REQUIRE(r.ok());
      INFO(r->unwound << " samples unwound, " << r->unwound_by_rules << " by the cached rules");
      CHECK(r->unwound > 50);
      CHECK(r->unwound_by_rules * 10 > r->unwound * 9);  // the rules serve nearly every sample
      CHECK(r->unwind_mismatches == 0);
    }
  }
}

}  // namespace
}  // namespace proflens
