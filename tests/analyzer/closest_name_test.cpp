// The closest name to a word that matches nothing, by edits worked out by hand.
#include <catch2/catch.hpp>

#include "analyzer/closest_name.h"

namespace proflens {
namespace {

TEST_CASE("edit distance counts a swap of neighbours as one edit", "[closest]") {
  CHECK(EditDistance("sort", "sort") == 0);
  CHECK(EditDistance("srot", "sort") == 1);   // swap
  CHECK(EditDistance("srot", "show") == 2);   // two substitutions
  CHECK(EditDistance("tpo", "top") == 1);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("parse_lien", "parse_line") == 1);
}

TEST_CASE("the closest name, within a bound", "[closest]") {
  CHECK(ClosestName({"--show", "--sort", "--sample-index"}, "--srot") == "--sort");
  CHECK(ClosestName({"b", "a"}, "c") == "a");  // a tie goes to the smaller name
  CHECK(ClosestName({"--sort"}, "--zzzzzzzz", 2).empty());
  CHECK(ClosestName({}, "x").empty());
}

}  // namespace
}  // namespace proflens
