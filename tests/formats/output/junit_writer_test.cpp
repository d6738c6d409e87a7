// JUnit XML for check: one testcase per rule, a <failure> with the actual
// value and the limit (or why the rule could not be decided), every text
// escaped; and the one-error suite written when nothing could be checked.
// The expected documents are written by hand from the results given.
#include <catch2/catch.hpp>

#include "tests/test_util.h"
#include "formats/output/junit_writer.h"

namespace proflens {
namespace {

TEST_CASE("junit: a testcase per rule, failures with actual and limit, all escaped", "[junit]") {
  const std::vector<RuleResult> results = {
      testing::MakeRuleResult("", "cum(\"parse\") < 5%", true, "3.20%", "5%"),
      testing::MakeRuleResult("budget", "flat(\"a<b>\") < 10ms", false, "12ms", "10ms", "", {"a<b>::f 12ms"}),
      testing::MakeRuleResult("", "calls(\"x\") < 3", false, "", "", "calls() needs call counts & this profile has none"),
  };
  CHECK(WriteJunit(results, "perf & budget") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"proflens\" tests=\"3\" failures=\"2\" errors=\"0\">\n"
        "  <testsuite name=\"perf &amp; budget\" tests=\"3\" failures=\"2\" errors=\"0\">\n"
        "    <testcase classname=\"proflens.check\" name=\"cum(&quot;parse&quot;) &lt; 5%\">\n"
        "    </testcase>\n"
        "    <testcase classname=\"proflens.check\" name=\"budget\">\n"
        "      <failure type=\"assertion\" message=\"flat(&quot;a&lt;b&gt;&quot;) &lt; 10ms: actual 12ms, limit 10ms\">"
        "rule: flat(&quot;a&lt;b&gt;&quot;) &lt; 10ms\nactual: 12ms\nlimit: 10ms\na&lt;b&gt;::f 12ms\n</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"proflens.check\" name=\"calls(&quot;x&quot;) &lt; 3\">\n"
        "      <failure type=\"assertion\" message=\"calls(&quot;x&quot;) &lt; 3: calls() needs call counts &amp; this "
        "profile has none\">rule: calls(&quot;x&quot;) &lt; 3\n</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("junit: no rules is an empty suite that passes", "[junit]") {
  CHECK(WriteJunit({}, "proflens") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"proflens\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
        "  <testsuite name=\"proflens\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("junit: what kept every rule from being checked is one error", "[junit]") {
  // The message attribute holds the first line, the element all of it.
  CHECK(WriteJunitError("reading cpu.pb.gz: no such file\nsecond <line>", "ci<1>") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"proflens\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
        "  <testsuite name=\"ci&lt;1&gt;\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
        "    <testcase classname=\"proflens\" name=\"ci&lt;1&gt;\">\n"
        "      <error message=\"reading cpu.pb.gz: no such file\">reading cpu.pb.gz: no such file\nsecond "
        "&lt;line&gt;</error>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

}  // namespace
}  // namespace proflens
