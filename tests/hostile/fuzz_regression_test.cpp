// Replays through the fuzz bodies: every input the fuzzers kept
// (tests/fuzz/regressions/<target>/: each once crashed, hung or leaked) and
// every sample. Under the sanitizer build (.ci/run) a memory error fails here.
#include <catch2/catch.hpp>
#include <filesystem>

#include "formats/read_profile.h"
#include "tests/fuzz/fuzz_bodies.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

namespace fs = std::filesystem;

size_t Replay(const fs::path& dir, void (*body)(const uint8_t*, size_t)) {
  size_t replayed = 0;
  if (!fs::is_directory(dir)) return 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    std::string bytes = testing::ReadFile(entry.path().string());
    INFO(entry.path().string());
    body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++replayed;
  }
  return replayed;
}

TEST_CASE("fuzzer findings stay fixed", "[fuzz]") {
  const fs::path root = testing::SourcePath("tests/fuzz/regressions");
  size_t inputs = Replay(root / "input", fuzz::InputBody) + Replay(root / "read", fuzz::InputBody) +
                  Replay(root / "pprof", fuzz::PprofBody) + Replay(root / "pprof_legacy", fuzz::PprofLegacyBody) +
                  Replay(root / "perf_script", fuzz::PerfScriptBody) +
                  Replay(root / "folded", fuzz::FoldedBody) + Replay(root / "pstats", fuzz::PstatsBody) +
                  Replay(root / "callgrind", fuzz::CallgrindBody) + Replay(root / "json", fuzz::JsonBody) +
                  Replay(root / "v8", fuzz::V8Body) + Replay(root / "firefox", fuzz::FirefoxBody) +
                  Replay(root / "austin", fuzz::AustinBody) +
                  Replay(root / "pickle", fuzz::PickleBody) + Replay(root / "perf_data", fuzz::PerfDataBody);
  size_t rules = Replay(root / "rule", fuzz::RuleBody) + Replay(root / "parse_rule", fuzz::RuleBody);
  INFO(inputs << " input and " << rules << " rule regressions");
  // The fuzz script saved one of each kind it found (see tests/fuzz/regressions/README.md).
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) files += entry.is_regular_file() && entry.path().filename() != "README.md";
  CHECK(inputs + rules == files);  // every kept input is in a folder the test replays
  CHECK(files >= 1);
}

TEST_CASE("every sample goes through the fuzz body", "[fuzz]") {
  size_t samples = 0, loaded = 0;
  for (const auto& entry : fs::directory_iterator(testing::SourcePath("samples"))) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    std::string bytes = testing::ReadFile(entry.path().string());
    fuzz::InputBody(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++samples;
    loaded += ReadProfileBytes(bytes, entry.path().string()).ok();
  }
  CHECK(samples >= 12);
  CHECK(loaded == samples);
}

}  // namespace
}  // namespace proflens
