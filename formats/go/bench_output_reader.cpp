#include "formats/go/bench_output_reader.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace proflens {

namespace {

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    const size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

// A finite number, all of `text`.
bool ParseNumber(std::string_view text, double* value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(*value);
}

bool IsBenchmarkName(std::string_view field) {
  return field.starts_with("Benchmark") &&
         (field.size() == 9 || !std::islower(static_cast<unsigned char>(field[9])));  // as go test: not "Benchmarks"
}

}  // namespace

// Lines it reads (go test -bench=. -benchmem -count 2):
//   BenchmarkParse-2    	    5000	    214335 ns/op	   22484 B/op	      11 allocs/op
//   BenchmarkDecode/small-8  	 1000000	      1052 ns/op	 973.31 MB/s
// and a name alone on its line when the benchmark printed something before
// its result, the result then on a line of its own:
//   BenchmarkNoisy-8
//   some log line
//      1000	      1234 ns/op
Result<std::vector<BenchResult>> ReadGoBenchOutput(std::string_view text, const std::string& name) {
  std::vector<BenchResult> results;
  std::string pending;  // a name whose result has not come yet
  int line_number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    std::vector<std::string_view> fields = Fields(line);
    if (fields.empty()) continue;
    BenchResult result;
    result.line = line_number;
    size_t first = 0;
    double iterations = 0;
    if (IsBenchmarkName(fields[0])) {
      result.name = std::string(fields[0]);
      if (fields.size() == 1) {
        pending = result.name;
        continue;
      }
      first = 1;
    } else if (!pending.empty() && ParseNumber(fields[0], &iterations)) {
      result.name = pending;
    } else {
      continue;  // goos:, pkg:, PASS, ok, --- BENCH:, a benchmark's own output
    }
    pending.clear();
    auto fail = [&](const std::string& what) {
      return Status::Input("reading " + name + ": line " + std::to_string(line_number) + ": " + what + " (as in \"" +
                           "BenchmarkParse-8   5000   214335 ns/op   22484 B/op   11 allocs/op\")");
    };
    if (!ParseNumber(fields[first], &iterations) || iterations < 1 || iterations > 9e18 || iterations != std::floor(iterations)) {
      return fail("expected the iteration count after " + result.name + ", found \"" + std::string(fields[first]) + "\"");
    }
    result.iterations = static_cast<int64_t>(iterations);
    if ((fields.size() - first - 1) % 2 != 0 || fields.size() - first - 1 == 0) {
      return fail("expected value and unit pairs after the iteration count");
    }
    for (size_t i = first + 1; i + 1 < fields.size(); i += 2) {
      double value = 0;
      if (!ParseNumber(fields[i], &value)) return fail("expected a number before \"" + std::string(fields[i + 1]) + "\", found \"" + std::string(fields[i]) + "\"");
      result.values.emplace_back(std::string(fields[i + 1]), value);
    }
    results.push_back(std::move(result));
  }
  if (results.empty()) {
    return Status::Input("reading " + name + ": no benchmark results: expected go test -bench output, with lines such as "
                         "\"BenchmarkParse-8   5000   214335 ns/op\"");
  }
  return results;
}

}  // namespace proflens
