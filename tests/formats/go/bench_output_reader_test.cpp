// go test -bench output: the real run in tests/data/gobench, the other line
// forms go test writes, and output that is not a benchmark's.
#include "formats/go/bench_output_reader.h"

#include <catch2/catch.hpp>

#include "tests/test_util.h"

namespace proflens {
namespace {

TEST_CASE("go bench output: a real -benchmem -count 2 run", "[bench]") {
  const std::string text = testing::ReadFile(testing::SourcePath("tests/data/gobench/bench.txt"));
  Result<std::vector<BenchResult>> results = ReadGoBenchOutput(text, "bench.txt");
  REQUIRE(results.ok());
  REQUIRE(results->size() == 4);
  const BenchResult& first = (*results)[0];
  CHECK(first.name == "BenchmarkParse-2");
  CHECK(first.iterations == 5000);
  CHECK(first.line == 5);
  REQUIRE(first.values.size() == 3);
  CHECK(first.values[0] == std::pair<std::string, double>{"ns/op", 214335});
  CHECK(first.values[1] == std::pair<std::string, double>{"B/op", 22484});
  CHECK(first.values[2] == std::pair<std::string, double>{"allocs/op", 11});
  CHECK((*results)[3].name == "BenchmarkFormat-2");
  CHECK((*results)[3].values[0].second == 430753);
}

TEST_CASE("go bench output: sub-benchmarks, MB/s, custom metrics and a result after log lines", "[bench]") {
  const std::string text =
      "goos: linux\n"
      "BenchmarkDecode/small-8   \t 1000000\t      1052 ns/op\t 973.31 MB/s\n"
      "BenchmarkNoisy-8\n"
      "    noisy_test.go:12: warming up\n"
      "     200\t   5000000 ns/op\t        12.5 items/op\n"
      "--- BENCH: BenchmarkNoisy-8\n"
      "PASS\n"
      "ok  \texample.com/x\t3.2s\n";
  Result<std::vector<BenchResult>> results = ReadGoBenchOutput(text, "out.txt");
  REQUIRE(results.ok());
  REQUIRE(results->size() == 2);
  CHECK((*results)[0].name == "BenchmarkDecode/small-8");
  CHECK((*results)[0].values[1] == std::pair<std::string, double>{"MB/s", 973.31});
  CHECK((*results)[1].name == "BenchmarkNoisy-8");
  CHECK((*results)[1].iterations == 200);
  CHECK((*results)[1].line == 5);
  CHECK((*results)[1].values[1] == std::pair<std::string, double>{"items/op", 12.5});
}

TEST_CASE("go bench output: what does not read names the line", "[bench]") {
  Result<std::vector<BenchResult>> none = ReadGoBenchOutput("PASS\nok  \texample.com/x\t0.1s\n", "out.txt");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == StatusCode::kInput);
  CHECK_THAT(none.status().message(), Catch::StartsWith("reading out.txt: no benchmark results"));
  Result<std::vector<BenchResult>> binary = ReadGoBenchOutput(std::string("\x1f\x8b\x08\0\0\0", 6), "cpu.pb.gz");
  REQUIRE_FALSE(binary.ok());
  Result<std::vector<BenchResult>> count = ReadGoBenchOutput("BenchmarkX-8  many  12 ns/op\n", "out.txt");
  REQUIRE_FALSE(count.ok());
  CHECK_THAT(count.status().message(), Catch::StartsWith("reading out.txt: line 1: expected the iteration count after BenchmarkX-8, found \"many\""));
  Result<std::vector<BenchResult>> pairs = ReadGoBenchOutput("goos: linux\nBenchmarkX-8  100  12 ns/op  7\n", "out.txt");
  REQUIRE_FALSE(pairs.ok());
  CHECK_THAT(pairs.status().message(), Catch::StartsWith("reading out.txt: line 2: expected value and unit pairs"));
  for (const char* bad : {"BenchmarkX-8  1e300  12 ns/op\n", "BenchmarkX-8  2.5  12 ns/op\n", "BenchmarkX-8  0  12 ns/op\n",
                          "BenchmarkX-8  10  nan ns/op\n", "BenchmarkX-8  10  inf ns/op\n"}) {
    INFO(bad);
    CHECK(ReadGoBenchOutput(bad, "out.txt").status().code() == StatusCode::kInput);
  }
  Result<std::vector<BenchResult>> value = ReadGoBenchOutput("BenchmarkX-8  100  fast ns/op\n", "out.txt");
  REQUIRE_FALSE(value.ok());
  CHECK_THAT(value.status().message(), Catch::Contains("expected a number before \"ns/op\", found \"fast\""));
}

}  // namespace
}  // namespace proflens
