// CI gates that cannot pass by accident, and comparisons of cProfile runs
// that survive an edit. Expected values are worked out by hand or come from
// Python's pstats (tests/golden/pstats/consumer-v*.stats.json, made by
// tests/golden/make_pstats_goldens.sh).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "formats/python/pstats_time.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

const std::string kGo = "samples/go-cpu.pb.gz";

// Well-formed XML in the small shape JUnit files have: every element closed
// in order, attribute values quoted, only the five predefined entities.
bool WellFormedXml(const std::string& xml, std::string* why) {
  std::vector<std::string> open;
  for (size_t i = 0; i < xml.size();) {
    if (xml[i] == '&') {
      size_t semi = xml.find(';', i);
      std::string entity = semi == std::string::npos ? "" : xml.substr(i, semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" && entity != "&apos;") {
        *why = "bad entity at " + std::to_string(i);
        return false;
      }
      i = semi + 1;
      continue;
    }
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    size_t end = xml.find('>', i);
    if (end == std::string::npos) return *why = "unclosed tag", false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.starts_with("?")) continue;
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) return *why = "unbalanced quotes in <" + tag + ">", false;
    if (tag.find('<') != std::string::npos) return *why = "'<' inside a tag", false;
    if (tag.starts_with("/")) {
      if (open.empty() || open.back() != tag.substr(1)) return *why = "</" + tag.substr(1) + "> closes nothing open", false;
      open.pop_back();
    } else if (!tag.ends_with("/")) {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
  }
  if (!open.empty()) return *why = "<" + open.back() + "> is never closed", false;
  return true;
}

TEST_CASE("a pattern that matches no function fails its rule, in every metric", "[check][gates]") {
  for (const char* metric : {"flat", "cum"}) {
    INFO(metric);
    testing::CliRun run = testing::RunCli({"check", testing::SourcePath(kGo), "-a", std::string(metric) + "(\"main.isEvn\") < 50%"});
    CHECK(run.code == 1);
    CHECK_THAT(run.out, Catch::Contains(std::string("FAIL  ") + metric + "(\"main.isEvn\") < 50%: \"main.isEvn\" matches no function; closest: main.isEven"));
  }
  // calls() on a profile with call counts (cProfile).
  testing::CliRun calls = testing::RunCli({"check", testing::SourcePath("samples/consumer-v1.prof"), "-a", "calls(\"transfrom\") < 100"});
  CHECK(calls.code == 1);
  CHECK_THAT(calls.out, Catch::Contains("\"transfrom\" matches no function; closest: "));
  // The opt-outs: a ? on the metric, or --allow-missing; count() is 0.
  CHECK(testing::RunCli({"check", testing::SourcePath(kGo), "-a", "cum?(\"main.isEvn\") < 50%", "-a", "count(\"main.isEvn\") == 0"}).code == 0);
  CHECK(testing::RunCli({"check", testing::SourcePath(kGo), "-a", "flat(\"main.isEvn\") < 50%", "--allow-missing"}).code == 0);
  // A function gone since the base is not a typo: it matched in the base.
  testing::CliRun gone = testing::RunCli({"check", testing::SourcePath("samples/perf-fast.txt.gz"), "--base",
                                          testing::SourcePath("samples/perf-slow.txt.gz"), "-a", "cum(\"is_even\") < 100%"});
  CHECK_THAT(gone.out, Catch::Contains("PASS"));
  // A rule string whose escape changes the pattern is warned about.
  testing::CliRun warned = testing::RunCli({"check", testing::SourcePath(kGo), "-a", "cum?(\"main\\\\.isOdd\") < 100%"});
  CHECK_THAT(warned.err, Catch::Contains("warning: rule -a 1: in \"main\\\\.isOdd\", \\\\ is one backslash"));
}

TEST_CASE("the JUnit file is written when nothing can be checked: a missing input, a malformed rule", "[check][gates]") {
  const std::string dir = testing::TempDir("junit-errors");
  struct Case {
    std::vector<std::string> args;
    int code;
    const char* says;
  };
  const Case cases[] = {
      {{"check", dir + "/missing.pb.gz", "-a", "total < 1s"}, 3, "reading " },
      {{"check", testing::SourcePath(kGo), "-a", "total < <"}, 2, "rule -a 1: column"},
      {{"check", testing::SourcePath(kGo), "--rules", dir + "/no-such.rules"}, 3, "--rules: reading "},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.push_back("--junit");
    args.push_back(dir + "/gates.xml");
    std::remove((dir + "/gates.xml").c_str());
    testing::CliRun run = testing::RunCli(args);
    CHECK(run.code == c.code);
    const std::string xml = testing::ReadFile(dir + "/gates.xml");
    std::string why;
    CHECK(WellFormedXml(xml, &why));
    INFO(why);
    CHECK_THAT(xml, Catch::Contains("errors=\"1\""));
    CHECK_THAT(xml, Catch::Contains("<error message=\""));
    CHECK_THAT(xml, Catch::Contains(c.says));
  }
  // And the ordinary file of results is well-formed too.
  testing::CliRun ok = testing::RunCli({"check", testing::SourcePath(kGo), "-a", "cum(\"main.isOdd\") < 1%", "--junit", dir + "/ok.xml"});
  CHECK(ok.code == 1);
  std::string why;
  CHECK(WellFormedXml(testing::ReadFile(dir + "/ok.xml"), &why));
}

TEST_CASE("new_functions lists ten and counts the rest", "[check][gates]") {
  const std::string dir = testing::TempDir("new-functions");
  std::string base = "main;old 100\n", now = "main;old 100\n";
  for (int i = 0; i < 15; ++i) now += "main;fresh" + std::to_string(10 + i) + " 10\n";
  testing::WriteFile(dir + "/base.folded", base);
  testing::WriteFile(dir + "/new.folded", now);
  testing::CliRun run = testing::RunCli({"check", dir + "/new.folded", "--base", dir + "/base.folded", "-a", "new_functions == 0"});
  CHECK(run.code == 1);
  CHECK_THAT(run.out, Catch::Contains("actual 15, limit 0"));
  CHECK_THAT(run.out, Catch::Contains("new: fresh19\n"));
  CHECK(run.out.find("new: fresh20") == std::string::npos);  // the eleventh, by name
  CHECK_THAT(run.out, Catch::Contains("+5 more"));
  // At the default 1% share a function of 10 in 250 (4%) counts; at 5% none do.
  CHECK(testing::RunCli({"check", dir + "/new.folded", "--base", dir + "/base.folded", "-a", "new_functions == 0", "--min-share", "0.05"}).code == 0);
}

TEST_CASE("report takes the rule options of check", "[check][gates][report]") {
  const std::string dir = testing::TempDir("report-ops");
  testing::CliRun run = testing::RunCli({"report", testing::SourcePath(kGo), "--ops", "1000", "-a", "cpu_per_op < 10ms",
                                         "-a", "cum?(\"nothing\") < 1%", "--min-share", "0.05", "-o", dir + "/r.html"});
  INFO(run.err);
  CHECK(run.code == 0);
  const std::string html = testing::ReadFile(dir + "/r.html");
  // In the report's embedded data every "<" is written \u003c (no name can end the script).
  CHECK_THAT(html, Catch::Contains("cpu_per_op \\u003c 10ms"));
  CHECK_THAT(html, Catch::Contains("\"actual\":{\"value\":"));
}

TEST_CASE("two cProfile runs of an edited program diff function by function", "[check][gates][pstats]") {
  // consumer-v2 is consumer-v1 with two lines more at the top (every function
  // moved) and transform() doing its work twice.
  const nlohmann::json v1 = nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/pstats/consumer-v1.stats.json")));
  const nlohmann::json v2 = nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/pstats/consumer-v2.stats.json")));
  testing::CliRun run = testing::RunCli({"diff", testing::SourcePath("samples/consumer-v1.prof"),
                                         testing::SourcePath("samples/consumer-v2.prof"), "--format", "json"});
  REQUIRE(run.code == 0);
  const nlohmann::json doc = nlohmann::json::parse(run.out);
  size_t rows = 0;
  for (const nlohmann::json& row : doc["rows"]) {
    INFO(row["name"]);
    CHECK(row["status"] == "");  // none new, none gone
    ++rows;
  }
  CHECK(rows == v2.size());
  bool found = false;
  for (const nlohmann::json& row : doc["rows"]) {
    if (row["name"] != "consumer.py:15(transform)") continue;
    found = true;
    // pstats's cumtime of transform in each run (v1 line 13, v2 line 15), in ns.
    CHECK(PstatsSeconds(row["base_cum"].get<int64_t>()) == v1["consumer.py:13(transform)"]["stats"][3].get<double>());
    CHECK(PstatsSeconds(row["new_cum"].get<int64_t>()) == v2["consumer.py:15(transform)"]["stats"][3].get<double>());
    const double want = (v2["consumer.py:15(transform)"]["stats"][3].get<double>() - v1["consumer.py:13(transform)"]["stats"][3].get<double>()) /
                        v1["consumer.py:13(transform)"]["stats"][3].get<double>();
    CHECK(row["relative"].get<double>() == Approx(want).epsilon(1e-9));
    CHECK(want > 0.5);  // the slowed function shows its real change
  }
  CHECK(found);
  // The same matching in check: nothing new or gone, at any share.
  CHECK(testing::RunCli({"check", testing::SourcePath("samples/consumer-v2.prof"), "--base", testing::SourcePath("samples/consumer-v1.prof"),
                         "-a", "new_functions == 0", "-a", "gone_functions == 0", "--min-share", "0"}).code == 0);
}

TEST_CASE("cum() over a pattern counts a function reached through another matched one once (cProfile)", "[check][gates][pstats][graph-set]") {
  // samples/py-ingest.prof: parse_all reaches parse_line only through a
  // generator expression; pstats' cumtimes (tests/golden/pstats/py-ingest.stats.json).
  const nlohmann::json stats = nlohmann::json::parse(testing::ReadFile(testing::SourcePath("tests/golden/pstats/py-ingest.stats.json")));
  auto ns = [&](const std::string& function) {
    return std::to_string(std::llround(stats[function]["stats"][3].get<double>() * 1e9)) + "ns";
  };
  const std::string parse_all = ns("ingest.py:14(parse_all)"), parse_line = ns("ingest.py:6(parse_line)");
  CHECK(parse_all == "485816922ns");
  CHECK(parse_line == "477498945ns");
  testing::CliRun run = testing::RunCli({"check", testing::SourcePath("samples/py-ingest.prof"), "-a", "cum(\"parse\") == " + parse_all,
                                         "-a", "cum(\"parse_line\") == " + parse_line, "-a", "cum(\"parse_line|ingest.py:15\\\\(\") == cum(\"ingest.py:15\\\\(\")",
                                         "-a", "flat(\"parse\") == flat(\"parse_all\") + flat(\"parse_line\")", "-a", "calls(\"parse\") == 20001"});
  INFO(run.out << run.err);
  CHECK(run.code == 0);
}

}  // namespace
}  // namespace proflens
