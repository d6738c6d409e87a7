// The assertion language of `proflens check`: a small expression grammar
// with units, parsed by recursive descent into an Expr tree.
//
//   rule       := [name ":"] expr      (a name: any text without " ' ( ) < > = !)
//   expr       := or
//   or         := and { ("or" | "||") and }
//   and        := not { ("and" | "&&") not }
//   not        := ("not" | "!") not | comparison
//   comparison := sum [ ("<" | "<=" | ">" | ">=" | "==" | "!=") sum ]
//   sum        := product { ("+" | "-") product }
//   product    := unary { ("*" | "/") unary }
//   unary      := ("-" | "+") unary | primary
//   primary    := number [unit] | "(" expr ")" | "base" "." call | call
//   call       := identifier [ "(" [ arg { "," arg } ] ")" ]
//   arg        := string | expr
//   unit       := ns us ms s min h | B kB MB GB TB (powers of 1024, as pprof) | KiB MiB GiB TiB (the same) | %
//               | [a time or size unit] "/" (s | min | h)    a rate: MB/h, ms/min, /h
//
// Strings are "..." or '...' (backslash escapes the quote). Comparisons do
// not chain ("a < b < c" is an error). Errors name the column of the first
// bad token.
#ifndef PROFLENS_ANALYZER_EXPR_PARSER_H_
#define PROFLENS_ANALYZER_EXPR_PARSER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

// What a number measures. Time is in nanoseconds, bytes in bytes, percent in
// percent (5% is 5), counts are plain; rates (growth) are those per second.
enum class Dimension { kCount, kTime, kBytes, kPercent, kBool, kCountRate, kTimeRate, kBytesRate };

std::string_view DimensionName(Dimension d);

struct Expr {
  enum class Kind { kNumber, kString, kCall, kBase, kUnary, kBinary };
  Kind kind = Kind::kNumber;
  double number = 0;           // kNumber, already in the base unit
  Dimension dimension = Dimension::kCount;
  std::string text;            // kString: the string; kCall: the name; kUnary/kBinary: the operator
  std::string unit_text;       // kNumber: the unit as written ("ms"), for messages
  std::vector<Expr> children;  // call arguments, operands; kBase: the call
  int column = 0;              // 1-based, where it starts in the rule text
};

struct Rule {
  std::string name;        // empty when the rule has none
  std::string expression;  // the text after "name:"
  int expression_column = 1;  // where the expression starts in the line
  Expr expr;
  // Strings whose escapes change what they say ("a\\.b" is the regex a\.b).
  std::vector<std::string> warnings;
};

// Parses "name: expression" or "expression". A usage error names the column
// and shows the text with a caret under the first bad token.
Result<Rule> ParseRule(std::string_view text);

// Appends the rule text and a caret under the column that `message` names
// ("column N: ...") on two more lines.
std::string WithCaret(std::string_view rule_text, const std::string& message);

// Renders an expression back as text (for result lines).
std::string ExprToString(const Expr& e);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_EXPR_PARSER_H_
