// CSV output: RFC 4180 quoting (a field holding a comma, a quote or a line
// break is quoted, its quotes doubled; lines end in CRLF), a leading quote
// for cells a spreadsheet would run as a formula (OWASP's advice), and the
// top and diff tables with raw values. Expected lines are written by hand
// from the rows given; shares are value / total * 100 with four decimals.
#include <catch2/catch.hpp>

#include <sstream>

#include "formats/output/csv_writer.h"

namespace proflens {
namespace {

TEST_CASE("csv: fields are quoted only when they must be, quotes doubled", "[csv]") {
  CHECK(CsvField("main") == "main");
  CHECK(CsvField("") == "");
  CHECK(CsvField("std::map<int, int>::find") == "\"std::map<int, int>::find\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvField("cr\r") == "\"cr\r\"");
  CHECK(CsvField("\"") == "\"\"\"\"");
  CHECK(CsvField("it's; fine") == "it's; fine");
}

TEST_CASE("csv: a cell a spreadsheet would run gets a leading quote", "[csv][hostile]") {
  CHECK(CsvField("=1+2") == "'=1+2");
  CHECK(CsvField("+x") == "'+x");
  CHECK(CsvField("-[NSObject init]") == "'-[NSObject init]");
  CHECK(CsvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(CsvField("\tx") == "'\tx");
  CHECK(CsvField("\rx") == "\"'\rx\"");             // guarded, then quoted for its CR
  CHECK(CsvField("=HYPERLINK(\"u\",\"t\")") == "\"'=HYPERLINK(\"\"u\"\",\"\"t\"\")\"");
  CHECK(CsvField("a=b") == "a=b");                  // only the first character counts
}

TEST_CASE("csv: the top table with raw values, shares of the total and the unit", "[csv]") {
  TopReport report;
  report.sample_type = {"cpu", "nanoseconds"};
  report.total = 1000;
  report.rows = {{.name = "parse, fast", .flat = 250, .cum = 600, .sum = 250},
                 {.name = "lex", .inline_label = "(inline)", .flat = 125, .cum = 125, .sum = 375}};
  std::ostringstream out;
  WriteTopCsv(report, out);
  CHECK(out.str() ==
        "name,inline,flat,flat_percent,sum_percent,cum,cum_percent,unit\r\n"
        "\"parse, fast\",,250,25.0000,25.0000,600,60.0000,nanoseconds\r\n"
        "lex,(inline),125,12.5000,37.5000,125,12.5000,nanoseconds\r\n");

  // Call counts (cProfile): calls, and the primitive ones when known.
  report.has_calls = true;
  report.has_primitive_calls = true;
  report.rows[0].calls = 12;
  report.rows[0].primitive_calls = 3;
  report.rows.resize(1);
  std::ostringstream calls;
  WriteTopCsv(report, calls);
  CHECK(calls.str() ==
        "name,inline,flat,flat_percent,sum_percent,cum,cum_percent,unit,calls,primitive_calls\r\n"
        "\"parse, fast\",,250,25.0000,25.0000,600,60.0000,nanoseconds,12,3\r\n");

  // A total of 0 gives shares of 0, not a division by zero.
  TopReport empty;
  empty.sample_type = {"samples", "count"};
  empty.rows = {{.name = "main"}};
  std::ostringstream zero;
  WriteTopCsv(empty, zero);
  CHECK(zero.str() == "name,inline,flat,flat_percent,sum_percent,cum,cum_percent,unit\r\nmain,,0,0.0000,0.0000,0,0.0000,count\r\n");
}

TEST_CASE("csv: the diff table, relative change in percent, new and gone", "[csv]") {
  DiffReport report;
  report.sample_type = {"samples", "count"};
  DiffRow grew{.name = "grew", .base_flat = 10, .base_cum = 20, .new_flat = 15, .new_cum = 30, .delta_flat = 5, .delta_cum = 10};
  grew.relative = 0.5;  // (30 - 20) / 20
  DiffRow appeared{.name = "fresh", .new_flat = 4, .new_cum = 4, .delta_flat = 4, .delta_cum = 4, .appeared = true};
  DiffRow vanished{.name = "old, slow", .base_flat = 7, .base_cum = 7, .delta_flat = -7, .delta_cum = -7, .vanished = true};
  vanished.relative = -1;
  report.rows = {grew, appeared, vanished};
  std::ostringstream out;
  WriteDiffCsv(report, out);
  CHECK(out.str() ==
        "name,base_flat,base_cum,new_flat,new_cum,delta_flat,delta_cum,relative_percent,status,unit\r\n"
        "grew,10,20,15,30,5,10,50.0000,,count\r\n"
        "fresh,0,0,4,4,4,4,,new,count\r\n"
        "\"old, slow\",7,7,0,0,-7,-7,-100.0000,gone,count\r\n");
}

}  // namespace
}  // namespace proflens
