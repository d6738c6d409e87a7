// LoadComparison (app/comparison.h): the new inputs and the base merged
// each on their own, the base's sample type matched by name with its unit
// converted, --normalize's scale, the two-column folded file, filters on
// each side, and the refusals every command with --base shares. Inputs are
// small files written here; every total and ratio is worked out by hand.
#include <catch2/catch.hpp>

#include <sstream>

#include "app/comparison.h"
#include "formats/pprof/pprof.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

struct Streams {
  std::ostringstream out, err;
  CommandContext context{out, err, Status::Ok(), ReadOptions{}};
};

// a.folded + b.folded (new: f 5, g 1) and two bases (f 1, g 1).
struct Folded {
  std::string dir;
  std::string a = dir + "/a.folded", b = dir + "/b.folded", base1 = dir + "/base1.folded", base2 = dir + "/base2.folded";
  explicit Folded(const std::string& name) : dir(testing::TempDir(name)) {
    testing::WriteFile(a, "main;f 3\nmain;g 1\n");
    testing::WriteFile(b, "main;f 2\n");
    testing::WriteFile(base1, "main;f 1\n");
    testing::WriteFile(base2, "main;g 1\n");
  }
};

TEST_CASE("comparison: the new inputs and the base are each merged, and named", "[app][comparison]") {
  Folded f("comparison-1");
  Streams s;
  ComparisonSpec spec;
  spec.files = {f.a, f.b};
  spec.base = {f.base1, f.base2};
  Result<Comparison> c = LoadComparison(spec, s.context);
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->profile.Totals() == std::vector<int64_t>{6});
  REQUIRE(c->base.has_value());
  CHECK(c->base->Totals() == std::vector<int64_t>{2});
  CHECK(c->name == f.a + " + " + f.b);
  CHECK(c->base_name == f.base1 + ", " + f.base2);
  CHECK(c->formats.size() == 2);
  CHECK(c->sample_index == 0);
  CHECK(c->pair.base_index == 0);
  CHECK(c->base_scale == 1);
  // Without a base there is none.
  spec.base.clear();
  Result<Comparison> alone = LoadComparison(spec, s.context);
  REQUIRE(alone.ok());
  CHECK_FALSE(alone->base.has_value());
}

TEST_CASE("comparison: --normalize scales the base to the new total, and needs a base", "[app][comparison]") {
  Folded f("comparison-2");
  Streams s;
  ComparisonSpec spec;
  spec.files = {f.a, f.b};
  spec.base = {f.base1, f.base2};
  spec.normalize = true;
  Result<Comparison> c = LoadComparison(spec, s.context);
  REQUIRE(c.ok());
  CHECK(c->base_scale == 3);  // 6 / 2
  spec.base.clear();
  Result<Comparison> no_base = LoadComparison(spec, s.context);
  REQUIRE_FALSE(no_base.ok());
  CHECK(no_base.status().code() == StatusCode::kUsage);
  CHECK(no_base.status().message() == "--normalize needs --base");
}

TEST_CASE("comparison: the base's sample type is matched by name, its unit converted", "[app][comparison]") {
  const std::string dir = testing::TempDir("comparison-types");
  // New: cpu in nanoseconds, 3 ms in all; base: cpu in milliseconds, 1 ms.
  testing::WriteFile(dir + "/new.pb", WritePprof(testing::MakeProfile({{"main;f", {1000000, 2}}, {"main;g", {2000000, 1}}},
                                                                      {{"cpu", "nanoseconds"}, {"samples", "count"}})));
  testing::WriteFile(dir + "/base.pb", WritePprof(testing::MakeProfile({{"main;f", {4, 1}}}, {{"samples", "count"}, {"cpu", "milliseconds"}})));
  testing::WriteFile(dir + "/heap.pb", WritePprof(testing::MakeProfile({{"main;f", {4096}}}, {{"alloc_space", "bytes"}})));
  Streams s;
  ComparisonSpec spec;
  spec.files = {dir + "/new.pb"};
  spec.base = {dir + "/base.pb"};
  spec.sample_index = "cpu";
  spec.normalize = true;
  Result<Comparison> c = LoadComparison(spec, s.context);
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->sample_index == 0);
  CHECK(c->pair.new_index == 0);
  CHECK(c->pair.base_index == 1);               // the base's "cpu", second there
  CHECK(c->pair.base_to_new_unit == 1000000);   // ms to ns
  CHECK(c->base_scale == 3);                    // 3 ms / (1 ms = 1000000 ns)
  // A base of another kind of unit is refused, naming both.
  spec.base = {dir + "/heap.pb"};
  spec.normalize = false;
  Result<Comparison> heap = LoadComparison(spec, s.context);
  REQUIRE_FALSE(heap.ok());
  CHECK(heap.status().code() == StatusCode::kInput);
  CHECK(heap.status().message() ==
        "cannot compare base sample type alloc_space/bytes with cpu/nanoseconds: their units differ "
        "(choose one with --sample-index)");
  // A sample type the new profile lacks is a usage error.
  spec.sample_index = "wall";
  CHECK_FALSE(LoadComparison(spec, s.context).ok());
}

TEST_CASE("comparison: one two-column folded file is a base and a new profile", "[app][comparison]") {
  const std::string dir = testing::TempDir("comparison-two-column");
  testing::WriteFile(dir + "/diff.folded", "main;f 1 3\nmain;g 2 0\n");  // difffolded.pl's "stack before after"
  Streams s;
  ComparisonSpec spec;
  spec.files = {dir + "/diff.folded"};
  spec.two_column = true;
  Result<Comparison> c = LoadComparison(spec, s.context);
  INFO(c.status().message());
  REQUIRE(c.ok());
  REQUIRE(c->base.has_value());
  CHECK(c->base->Totals() == std::vector<int64_t>{3});     // 1 + 2
  CHECK(c->profile.Totals() == std::vector<int64_t>{3});   // 3 + 0
  CHECK(c->base_name == dir + "/diff.folded (before)");
  CHECK(c->name == dir + "/diff.folded (after)");
  // A one-column file is not a comparison.
  testing::WriteFile(dir + "/one.folded", "main;f 1\n");
  spec.files = {dir + "/one.folded"};
  Result<Comparison> one = LoadComparison(spec, s.context);
  REQUIRE_FALSE(one.ok());
  CHECK(one.status().code() == StatusCode::kUsage);
  CHECK_THAT(one.status().message(), Catch::StartsWith("diff needs BASE and NEW"));
}

TEST_CASE("comparison: filters apply to each side, and say what matched nothing", "[app][comparison]") {
  Folded f("comparison-3");
  Streams s;
  FilterOptions focus;
  focus.focus = "^f$";
  ComparisonSpec spec;
  spec.files = {f.a, f.b};
  spec.base = {f.base1, f.base2};
  spec.filters = &focus;
  Result<Comparison> c = LoadComparison(spec, s.context);
  REQUIRE(c.ok());
  CHECK(c->profile.Totals() == std::vector<int64_t>{5});  // main;f 3 + 2
  CHECK(c->base->Totals() == std::vector<int64_t>{1});
  CHECK(s.err.str().empty());
  FilterOptions nothing;
  nothing.ignore = "^absent$";
  spec.filters = &nothing;
  REQUIRE(LoadComparison(spec, s.context).ok());
  // Each side, with the function closest to the pattern.
  CHECK(s.err.str() ==
        "proflens: --ignore matched nothing; closest function: main\nproflens: --ignore matched nothing; closest function: main\n");
}

TEST_CASE("comparison: a base for a command that needs stacks must have them", "[app][comparison]") {
  Streams s;
  ComparisonSpec spec;
  spec.files = {testing::SourcePath("samples/py-fast.prof")};
  spec.base = {testing::SourcePath("samples/py-slow.prof")};
  // Graph reports compare cProfile files function by function.
  REQUIRE(LoadComparison(spec, s.context).ok());
  spec.base_needs_stacks = "--base (pprof's -diff_base) needs";
  Result<Comparison> c = LoadComparison(spec, s.context);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == StatusCode::kUsage);
  CHECK_THAT(c.status().message(), Catch::StartsWith("--base (pprof's -diff_base) needs stacks, and this "));
}

}  // namespace
}  // namespace proflens
