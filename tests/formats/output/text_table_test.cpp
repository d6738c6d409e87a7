// The text tables: top in pprof -top's layout ("%10s %s %s %10s %s  name",
// percentages of the total), peek in pprof -peek's, and the diff table.
// Rows are given by hand; the expected lines were laid out with printf's
// widths by hand (0.94 s of 1.51 s is 62.25%, 0.01 s is 0.66%, ...).
#include <catch2/catch.hpp>

#include <sstream>

#include "formats/output/text_table.h"

namespace proflens {
namespace {

TEST_CASE("text table: top as pprof -top lays it out", "[text_table]") {
  TopReport report;
  report.sample_type = {"cpu", "nanoseconds"};
  report.total = 1510000000;
  report.output_unit = "s";
  report.labels = {"Type: cpu", "Showing nodes accounting for 0.95s, 62.91% of 1.51s total"};
  report.rows = {{.name = "main.isOdd", .flat = 940000000, .cum = 980000000, .sum = 940000000},
                 {.name = "runtime.add", .inline_label = "(inline)", .flat = 10000000, .cum = 10000000, .sum = 950000000}};
  std::ostringstream out;
  WriteTopText(report, out);
  CHECK(out.str() ==
        "Type: cpu\n"
        "Showing nodes accounting for 0.95s, 62.91% of 1.51s total\n"
        "      flat  flat%   sum%        cum   cum%\n"
        "     0.94s 62.25% 62.25%      0.98s 64.90%  main.isOdd\n"
        "     0.01s  0.66% 62.91%      0.01s  0.66%  runtime.add (inline)\n");
}

TEST_CASE("text table: a calls column when the input counts calls", "[text_table]") {
  TopReport report;
  report.sample_type = {"time", "nanoseconds"};
  report.total = 2000000000;
  report.output_unit = "s";
  report.has_calls = true;
  report.rows = {{.name = "fib", .flat = 1000000000, .cum = 2000000000, .sum = 1000000000, .calls = 12},
                 {.name = "<built-in>", .flat = 500000000, .cum = 500000000, .sum = 1500000000}};  // calls -1: unknown
  std::ostringstream out;
  WriteTopText(report, out);
  CHECK(out.str() ==
        "      flat  flat%   sum%        cum   cum%      calls\n"
        "        1s 50.00% 50.00%         2s   100%         12  fib\n"
        "     0.50s 25.00% 75.00%      0.50s 25.00%          -  <built-in>\n");
}

TEST_CASE("text table: peek as pprof -peek lays it out", "[text_table]") {
  PeekReport report;
  report.sample_type = {"samples", "count"};
  report.total = 11;
  report.output_unit = "count";
  PeekEntry parse{.name = "parse", .flat = 2, .cum = 10, .sum = 2};
  parse.callers = {{"main", 7}, {"load", 3, -1, -1, true}};
  parse.callees = {{"lex", 8}};
  report.entries = {parse};
  std::ostringstream out;
  WritePeekText(report, out);
  // Each link's share is of the entry's cum: 7 / 10, 3 / 10, 8 / 10.
  CHECK(out.str() ==
        "----------------------------------------------------------+-------------\n"
        "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t \n"
        "----------------------------------------------------------+-------------\n"
        "                                                 7 70.00% |   main\n"
        "                                                 3 30.00% |   load (inline)\n"
        "         2 18.18% 18.18%         10 90.91%                | parse\n"
        "                                                 8 80.00% |   lex\n"
        "----------------------------------------------------------+-------------\n");
}

TEST_CASE("text table: peek of a graph profile shows arcs' time and call counts", "[text_table]") {
  PeekReport report;
  report.sample_type = {"time", "nanoseconds"};
  report.total = 4000000000;
  report.output_unit = "s";
  report.has_calls = true;
  PeekEntry fib{.name = "fib", .flat = 1000000000, .cum = 2000000000, .sum = 1000000000, .calls = 177, .primitive_calls = 1};
  fib.callers = {{"main", 2000000000, 1, 1}};
  fib.callees = {{"fib", 1500000000, 176, 0}};  // recursive calls: none primitive
  report.entries = {fib};
  std::ostringstream out;
  WritePeekText(report, out);
  CHECK(out.str() ==
        "----------------------------------------------------------+-------------\n"
        "      flat  flat%   sum%        cum   cum%    time  time% + context  [calls]\n"
        "----------------------------------------------------------+-------------\n"
        "                                                2s   100% |   main [1 calls]\n"
        "        1s 25.00% 25.00%         2s 50.00%                | fib [177/1 calls]\n"
        "                                             1.50s 75.00% |   fib [176/0 calls]\n"
        "----------------------------------------------------------+-------------\n");
}

TEST_CASE("text table: the diff table with totals, change and new or gone rows", "[text_table]") {
  DiffReport report;
  report.sample_type = {"samples", "count"};
  report.output_unit = "count";
  report.base = {.total = 10, .samples = 4, .type = "samples"};
  report.current = {.total = 12, .samples = 5, .type = "samples"};
  DiffRow grew{.name = "grew", .base_flat = 2, .base_cum = 4, .new_flat = 5, .new_cum = 8, .delta_flat = 3, .delta_cum = 4};
  grew.relative = 1.0;  // (8 - 4) / 4
  DiffRow gone{.name = "gone", .base_flat = 3, .base_cum = 3, .delta_flat = -3, .delta_cum = -3, .vanished = true};
  gone.relative = -1.0;
  DiffRow fresh{.name = "fresh", .new_flat = 1, .new_cum = 1, .delta_flat = 1, .delta_cum = 1, .appeared = true};
  report.rows = {grew, gone, fresh};
  // Counted over every function before a cut: 7 functions, 2 new, 1 gone.
  report.functions = 7;
  report.appeared = 2;
  report.vanished = 1;
  std::ostringstream out;
  WriteDiffText(report, "base.folded", "new.folded", out);
  CHECK(out.str() ==
        "Base: base.folded: samples, total 10, 4 samples\n"
        "New:  new.folded: samples, total 12, 5 samples\n"
        "Change: +2 (+20.00%)\n"
        "Functions: 7, 2 new, 1 gone (3 shown)\n"
        "  base flat    base cum    new flat     new cum  delta flat   delta cum    change  function\n"
        "          2           4           5           8          +3          +4  +100.00%  grew\n"
        "          3           3           0           0          -3          -3  -100.00%  gone [gone]\n"
        "          0           0           1           1          +1          +1       new  fresh [new]\n");
}

}  // namespace
}  // namespace proflens
