// DebugString and CheckValid: the canonical text every reader test can
// compare against, and the model's invariants. Expected strings are worked
// out by hand from the inputs.
#include <catch2/catch.hpp>

#include "analyzer/profile_builder.h"
#include "analyzer/profile_debug.h"
#include "formats/read_profile.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

const Profile& StacksOf(const Result<LoadedProfile>& loaded) {
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  REQUIRE(loaded->profile.stacks() != nullptr);
  return *loaded->profile.stacks();
}

TEST_CASE("DebugString of folded stacks: one line per distinct stack, root first", "[debug]") {
  Result<LoadedProfile> loaded = ReadProfileBytes("main;parse;lex 3\nmain;render 2\nmain;parse;lex 4\n", "t.folded");
  const Profile& p = StacksOf(loaded);
  REQUIRE(CheckValid(p).ok());
  // 3 + 4 of the same stack are one sample of 7; lines sort by their text.
  CHECK(DebugString(p) ==
        "sample types: samples/count*\n"
        "2 main;render\n"
        "7 main;parse;lex\n");
}

TEST_CASE("DebugString of perf script: period and thread labels", "[debug]") {
  Result<LoadedProfile> loaded = ReadProfileBytes(
      "app 10/11 [000] 1.000000:     250000 cpu-clock:u: \n"
      "\t    1000 lex+0x1 (/usr/bin/app)\n"
      "\t    2000 main+0x2 (/usr/bin/app)\n"
      "\n",
      "perf.txt");
  const Profile& p = StacksOf(loaded);
  REQUIRE(CheckValid(p).ok());
  // One sample of 250000 ns (the period of a cpu-clock event, which counts
  // nanoseconds), main calling lex, labelled with the thread it ran on.
  CHECK(DebugString(p) ==
        "sample types: cpu-clock/nanoseconds*\n"
        "250000 main;lex [comm=app] [pid=10] [tid=11]\n");
}

TEST_CASE("DebugString of a graph profile: nodes and arcs with calls", "[debug]") {
  Result<LoadedProfile> loaded = ReadProfileBytes(
      "events: Ir\nfn=main\n1 10\ncfn=work\ncalls=2 5\n6 100\nfn=work\n5 100\n", "callgrind.out.1");
  INFO(loaded.status().message());
  REQUIRE(loaded.ok());
  const GraphProfile* g = loaded->profile.graph();
  REQUIRE(g != nullptr);
  REQUIRE(CheckValid(*g).ok());
  // main: self 10, inclusive 10 + 100, never called; work: self 100, called
  // twice from main. Callgrind names no start lines and no primitive calls.
  CHECK(DebugString(*g) ==
        "callgrind total 110\n"
        "main | :0 flat 10 cum 110 calls 0/-1\n"
        "work | :0 flat 100 cum 100 calls 2/-1\n"
        "0 -> 1 100 calls 2 flags 3\n");
}

TEST_CASE("CheckValid names the first broken reference", "[debug]") {
  Profile p = testing::MakeProfile({{"main;parse", {5}}}, {{"samples", "count"}});
  REQUIRE(CheckValid(p).ok());
  Profile bad_location = p;
  bad_location.stack_locations.Set(0, 99);
  CHECK_THAT(CheckValid(bad_location).message(), Catch::Contains("a stack refers to a missing location"));
  Profile bad_values = p;
  bad_values.sample_values.push_back(1);
  CHECK_THAT(CheckValid(bad_values).message(), Catch::Contains("sample values for 1 samples of 1 types"));
  Profile bad_string = p;
  bad_string.functions[0].name = 1000;
  CHECK_THAT(CheckValid(bad_string).message(), Catch::Contains("function 0 refers to a missing string"));
  Profile bad_empty = p;
  bad_empty.strings[0] = "x";
  CHECK_FALSE(CheckValid(bad_empty).ok());
}

}  // namespace
}  // namespace proflens
