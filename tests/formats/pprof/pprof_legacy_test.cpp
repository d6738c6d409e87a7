// pprof's legacy formats. The go tool pprof goldens (tests/golden/pprof,
// legacy-*) cover real gperftools and Go captures; pprof's own testdata is
// compared by tests/peers/compare_pprof_legacy.sh. Here: the shapes from
// pprof's testdata are recognized, the numbers of small hand-made files are
// worked out by hand, and broken files are refused with their line or byte.
#include <catch2/catch.hpp>

#include "formats/detect.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

std::string CpuWords(std::initializer_list<uint64_t> words) {
  std::string out;
  for (uint64_t w : words) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((w >> (8 * b)) & 0xff));
  }
  return out;
}

TEST_CASE("pprof legacy headers are recognized", "[pprof_legacy][detect]") {
  CHECK(DetectFormat("heap profile:  144:  8498176 [  144:  8498176] @ heapz_v2/524288\n") == Format::kPprofLegacy);
  CHECK(DetectFormat("--- contentionz 1 ---\ncycles/second = 3201000000\n") == Format::kPprofLegacy);
  CHECK(DetectFormat("--- mutex:\ncycles/second=2600042049\n") == Format::kPprofLegacy);
  CHECK(DetectFormat("threadcreate profile: total 7\n1 @ 0x44cb3 0x45045\n") == Format::kPprofLegacy);
  CHECK(DetectFormat("--- threadz 1 ---\n\n--- Thread 1 (name: main/1) stack: ---\n") == Format::kPprofLegacy);
  CHECK(DetectFormat("--- heapz 1 ---\nformat = java\n") == Format::kPprofLegacy);
  CHECK(DetectFormat(CpuWords({0, 3, 0, 100, 0})) == Format::kPprofLegacy);
  CHECK(DetectFormat(CpuWords({0, 3, 1, 100, 0})) == Format::kPprofLegacy);  // Java
  CHECK(DetectFormat("main;heap profile: 3\n") != Format::kPprofLegacy);
}

TEST_CASE("a legacy heap_v2 profile is unsampled as pprof does", "[pprof_legacy]") {
  const std::string dir = testing::TempDir("legacy-heap");
  // One 1024-byte block seen with a 512 KiB sampling rate stands for
  // 1/(1-exp(-1024/524288)) = 512.5 blocks: 512 objects, 524800 bytes
  // (python3: int(1024/(1-math.exp(-1024/524288)))). The address is moved one
  // byte back onto its call (0x1000 -> 0xfff), and lands in the main binary.
  testing::WriteFile(dir + "/h.heap",
                     "heap profile:    1:  1024 [    1:  1024] @ heap_v2/524288\n"
                     "     1:  1024 [     1:  1024] @ 0x401000 0x402000\n"
                     "\nMAPPED_LIBRARIES:\n"
                     "7f0000000000-7f0000100000 r-xp 00000000 08:01 12  /lib/libc.so.6\n"
                     "00400000-00500000 r-xp 00000000 08:01 34  /srv/server\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/h.heap", "--format", "csv", "--sample-index", "space"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("[server],,524800,"));
  run = testing::RunCli({"top", dir + "/h.heap", "--sample-index", "objects", "--granularity", "addresses"});
  CHECK_THAT(run.out, Catch::Contains("File: server"));
  CHECK_THAT(run.out, Catch::Contains("512   100%   100%        512   100%  0000000000400fff [server]"));
}

TEST_CASE("a legacy contention profile scales delays to nanoseconds", "[pprof_legacy]") {
  const std::string dir = testing::TempDir("legacy-contention");
  // 4000 cycles at 2 GHz with a sampling period of 10: 4000 * 10 / 2 = 20000 ns
  // of delay, and 3 * 10 = 30 contentions; "ms since reset" is the duration.
  testing::WriteFile(dir + "/c.txt",
                     "--- contentionz 1 ---\ncycles/second = 2000000000\nsampling period = 10\nms since reset = 1500\n"
                     "4000 3 @ 0x10 0x20\n");
  testing::CliRun run = testing::RunCli({"top", dir + "/c.txt", "--format", "csv", "--sample-index", "delay", "--unit", "ns"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains(",20000,"));
  run = testing::RunCli({"top", dir + "/c.txt", "--sample-index", "contentions"});
  CHECK_THAT(run.out, Catch::Contains("Duration: 1.50s"));
  CHECK_THAT(run.out, Catch::Contains("of 30 total"));
}

TEST_CASE("a legacy CPU profile's samples and period", "[pprof_legacy]") {
  const std::string dir = testing::TempDir("legacy-cpu");
  // Period 1000 us; two samples (5 and 2 hits) with the same two frames, then
  // the end record (0, 1, 0): 7 samples of 1 ms = 7 ms.
  testing::WriteFile(dir + "/p.cpu", CpuWords({0, 3, 0, 1000, 0, 5, 2, 0x1234, 0x5679, 2, 2, 0x1234, 0x5679, 0, 1, 0}));
  testing::CliRun run = testing::RunCli({"top", dir + "/p.cpu"});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Catch::Contains("Type: cpu"));
  CHECK_THAT(run.out, Catch::Contains("of 7ms total"));
}

TEST_CASE("broken legacy profiles are refused with their line or byte", "[pprof_legacy][hostile]") {
  const std::string dir = testing::TempDir("legacy-bad");
  struct Case {
    const char* name;
    std::string bytes;
    const char* says;
  };
  const Case cases[] = {
      {"heap-sample", "heap profile: 1: 2 [1: 2] @ heapprofile\n1: 2 [1: 2] @ 0x10\nthis is no sample\n",
       "line 3: expected a heap sample"},
      {"heap-zero", "heap profile: 1: 2 [1: 2] @ heapprofile\n0: 64 [1: 2] @ 0x10\n", "line 2: 64 bytes in 0 in-use objects"},
      {"count", "threadcreate profile: total 4\n4 @\n", "line 2: expected a sample \"COUNT @ 0xADDRESS ...\", found \"4 @\""},
      {"contention", "--- mutex:\ncycles/second=100\nbogus key=1\n", "line 3: expected an attribute"},
      {"cpu-truncated", CpuWords({0, 3, 0, 1000, 0, 5, 1000, 0x10}), "byte 40: a sample record runs past the end"},
      {"java-format", "--- heapz 1 ---\nformat = cpp\n", "line 2: format is \"cpp\", expected java"},
      {"thread", "--- Thread 1 (name: a/1) stack: ---\n0x10 0x20\n--- something else\n",
       "line 3: expected \"--- Thread ID (name: NAME/ID) stack: ---\""},
  };
  // Go's own threadcreate profile with an empty stack: go tool pprof refuses it too.
  testing::CliRun go = testing::RunCli({"top", testing::SourcePath("samples/legacy/go-legacy.threadcreate")});
  CHECK(go.code == 3);
  CHECK_THAT(go.err, Catch::Contains("line 2: expected a sample"));
  for (const Case& c : cases) {
    SECTION(c.name) {
      testing::WriteFile(dir + "/" + c.name, c.bytes);
      testing::CliRun run = testing::RunCli({"top", dir + "/" + c.name});
      CHECK(run.code == 3);
      CHECK_THAT(run.err, Catch::Contains(dir + "/" + c.name + ": pprof legacy profile: " + c.says));
    }
  }
}

}  // namespace
}  // namespace proflens
