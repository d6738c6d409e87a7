#include "analyzer/expr_parser.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace proflens {

namespace {

struct UnitDef {
  std::string_view name;
  double factor;
  Dimension dimension;
};

// One unit system, pprof's: a kilobyte is 1024 bytes, as in every table
// (kB, MB, GB, TB; KiB, MiB, GiB, TiB are the same sizes).
constexpr double kKiB = 1024.0;
constexpr UnitDef kUnits[] = {
    {"ns", 1, Dimension::kTime},     {"us", 1e3, Dimension::kTime},       {"\xc2\xb5s", 1e3, Dimension::kTime},
    {"ms", 1e6, Dimension::kTime},   {"s", 1e9, Dimension::kTime},        {"min", 60e9, Dimension::kTime},
    {"h", 3600e9, Dimension::kTime}, {"B", 1, Dimension::kBytes},         {"kB", kKiB, Dimension::kBytes},
    {"KB", kKiB, Dimension::kBytes}, {"MB", kKiB * kKiB, Dimension::kBytes}, {"GB", kKiB * kKiB * kKiB, Dimension::kBytes},
    {"TB", kKiB * kKiB * kKiB * kKiB, Dimension::kBytes}, {"KiB", kKiB, Dimension::kBytes},
    {"MiB", kKiB * kKiB, Dimension::kBytes}, {"GiB", kKiB * kKiB * kKiB, Dimension::kBytes},
    {"TiB", kKiB * kKiB * kKiB * kKiB, Dimension::kBytes}, {"%", 1, Dimension::kPercent},
};

const UnitDef* FindUnit(std::string_view name) {
  for (const UnitDef& u : kUnits) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

// A unit, or a rate "AMOUNT/TIME" (AMOUNT a time or size unit, or nothing
// for a count), whose factor makes a value per second.
std::optional<UnitDef> LookupUnit(std::string_view name) {
  const size_t slash = name.find('/');
  if (slash == std::string_view::npos) {
    const UnitDef* unit = FindUnit(name);
    return unit != nullptr ? std::optional<UnitDef>(*unit) : std::nullopt;
  }
  const UnitDef* per = FindUnit(name.substr(slash + 1));
  if (per == nullptr || per->dimension != Dimension::kTime) return std::nullopt;
  UnitDef amount{"", 1, Dimension::kCount};
  if (slash > 0) {
    const UnitDef* found = FindUnit(name.substr(0, slash));
    if (found == nullptr || (found->dimension != Dimension::kTime && found->dimension != Dimension::kBytes)) return std::nullopt;
    amount = *found;
  }
  const Dimension rate = amount.dimension == Dimension::kTime    ? Dimension::kTimeRate
                         : amount.dimension == Dimension::kBytes ? Dimension::kBytesRate
                                                                 : Dimension::kCountRate;
  return UnitDef{name, amount.factor / (per->factor / 1e9), rate};
}

enum class Tok { kEnd, kNumber, kString, kIdent, kOp, kLParen, kRParen, kComma, kDot };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // identifier, operator, string contents, number text
  std::string unit;  // numbers: the unit written after them
  int column = 0;
};

class Parser {
 public:
  explicit Parser(std::string_view text, int column_offset) : text_(text), offset_(column_offset) {}

  Result<Expr> Parse() {
    Status s = Tokenize();
    if (!s.ok()) return s;
    Result<Expr> e = ParseOr();
    if (!e.ok()) return e;
    if (Peek().kind != Tok::kEnd) return Error(Peek(), "expected an operator or the end of the rule");
    return e;
  }

 private:
  // --- tokens ---------------------------------------------------------------
  Status Tokenize() {
    size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      Token t;
      t.column = static_cast<int>(i) + offset_;
      if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i + 1])))) {
        size_t j = i;
        while (j < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[j])) || text_[j] == '.')) ++j;
        if (j < text_.size() && (text_[j] == 'e' || text_[j] == 'E') && j + 1 < text_.size() &&
            (std::isdigit(static_cast<unsigned char>(text_[j + 1])) || text_[j + 1] == '-' || text_[j + 1] == '+')) {
          j += 2;
          while (j < text_.size() && std::isdigit(static_cast<unsigned char>(text_[j]))) ++j;
        }
        t.kind = Tok::kNumber;
        t.text = std::string(text_.substr(i, j - i));
        size_t u = j;
        if (u < text_.size() && text_[u] == '%') {
          ++u;
        } else {
          while (u < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[u])) || static_cast<unsigned char>(text_[u]) >= 0x80)) ++u;
        }
        u = RateUnitEnd(u);
        t.unit = std::string(text_.substr(j, u - j));
        i = u;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t j = i;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_')) ++j;
        // "cum?(...)": the metric of a function that may be absent.
        if (j + 1 < text_.size() && text_[j] == '?' && text_[j + 1] == '(') ++j;
        t.kind = Tok::kIdent;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else if (c == '"' || c == '\'') {
        size_t j = i + 1;
        std::string value;
        while (j < text_.size() && text_[j] != c) {
          if (text_[j] == '\\' && j + 1 < text_.size() && (text_[j + 1] == c || text_[j + 1] == '\\')) ++j;
          value += text_[j++];
        }
        if (j >= text_.size()) return Error(t, std::string("this string has no closing ") + c);
        t.kind = Tok::kString;
        t.text = value;
        i = j + 1;
      } else {
        static constexpr std::string_view kTwo[] = {"<=", ">=", "==", "!=", "&&", "||"};
        std::string_view two = text_.substr(i, 2);
        bool matched = false;
        for (std::string_view op : kTwo) {
          if (two == op) {
            t.kind = Tok::kOp;
            t.text = std::string(op);
            i += 2;
            matched = true;
            break;
          }
        }
        if (!matched) {
          i += 1;
          switch (c) {
            case '<': case '>': case '+': case '-': case '*': case '/': case '!':
              t.kind = Tok::kOp;
              t.text = std::string(1, c);
              break;
            case '(': t.kind = Tok::kLParen; t.text = "("; break;
            case ')': t.kind = Tok::kRParen; t.text = ")"; break;
            case ',': t.kind = Tok::kComma; t.text = ","; break;
            case '.': t.kind = Tok::kDot; t.text = "."; break;
            case '=':
              return Error(t, "\"=\" is not an operator: write \"==\" to compare");
            default:
              return Error(t, std::string("unexpected character \"") + c + "\"");
          }
        }
      }
      tokens_.push_back(std::move(t));
    }
    Token end;
    end.kind = Tok::kEnd;
    end.column = static_cast<int>(text_.size()) + offset_;
    tokens_.push_back(end);
    return Status::Ok();
  }

  // "MB/h", "ms/min", "/s": a number's unit continues with "/" and a time
  // unit word when nothing but that word follows (100MB/h, not 1 / hits);
  // other words for a time ("MB/day") are taken too, to be refused as units.
  size_t RateUnitEnd(size_t u) const {
    if (u >= text_.size() || text_[u] != '/' || (u > 0 && text_[u - 1] == '%')) return u;
    size_t w = u + 1;
    while (w < text_.size() && std::isalpha(static_cast<unsigned char>(text_[w]))) ++w;
    std::string_view word = text_.substr(u + 1, w - u - 1);
    if (w < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[w])) || text_[w] == '_' || text_[w] == '(')) return u;
    static constexpr std::string_view kTimeWords[] = {"d", "day", "days", "hour", "hours", "hr", "sec", "second", "minute", "week"};
    const UnitDef* unit = FindUnit(word);
    if (unit != nullptr && unit->dimension == Dimension::kTime) return w;
    for (std::string_view time : kTimeWords) {
      if (word == time) return w;
    }
    return u;
  }

  const Token& Peek() const { return tokens_[pos_]; }
  Token Next() { return tokens_[pos_++]; }
  bool IsOp(const Token& t, std::string_view op) const { return t.kind == Tok::kOp && t.text == op; }
  bool IsWord(const Token& t, std::string_view word) const { return t.kind == Tok::kIdent && t.text == word; }

  Status Error(const Token& t, const std::string& what) const {
    return Status::Usage("column " + std::to_string(t.column) + ": " + what);
  }
  Status Expected(const Token& t, const std::string& what) const {
    std::string found = t.kind == Tok::kEnd ? "the end of the rule"
                        : t.kind == Tok::kString ? "the string \"" + t.text + "\""
                                                 : "\"" + t.text + t.unit + "\"";
    return Status::Usage("column " + std::to_string(t.column) + ": expected " + what + " but found " + found);
  }

  static Expr Binary(std::string op, Expr l, Expr r, int column) {
    Expr e;
    e.kind = Expr::Kind::kBinary;
    e.text = std::move(op);
    e.column = column;
    e.children.push_back(std::move(l));
    e.children.push_back(std::move(r));
    return e;
  }

  // --- grammar --------------------------------------------------------------
  // Recursion is bounded: rules nested deeper than this are refused rather
  // than allowed to exhaust the stack.
  static constexpr int kMaxDepth = 200;
  struct DepthGuard {
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
    int& depth;
  };
  Status TooDeep() const {
    return Status::Usage("column " + std::to_string(Peek().column) + ": nested more than " + std::to_string(kMaxDepth) +
                         " levels deep");
  }

  Result<Expr> ParseOr() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return TooDeep();
    Result<Expr> left = ParseAnd();
    while (left.ok() && (IsWord(Peek(), "or") || IsOp(Peek(), "||"))) {
      Token op = Next();
      Result<Expr> right = ParseAnd();
      if (!right.ok()) return right;
      left = Binary("or", std::move(left).value(), std::move(right).value(), op.column);
    }
    return left;
  }

  Result<Expr> ParseAnd() {
    Result<Expr> left = ParseNot();
    while (left.ok() && (IsWord(Peek(), "and") || IsOp(Peek(), "&&"))) {
      Token op = Next();
      Result<Expr> right = ParseNot();
      if (!right.ok()) return right;
      left = Binary("and", std::move(left).value(), std::move(right).value(), op.column);
    }
    return left;
  }

  Result<Expr> ParseNot() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return TooDeep();
    if (IsWord(Peek(), "not") || IsOp(Peek(), "!")) {
      Token op = Next();
      Result<Expr> operand = ParseNot();
      if (!operand.ok()) return operand;
      Expr e;
      e.kind = Expr::Kind::kUnary;
      e.text = "not";
      e.column = op.column;
      e.children.push_back(std::move(operand).value());
      return e;
    }
    return ParseComparison();
  }

  static bool IsComparison(const Token& t) {
    return t.kind == Tok::kOp && (t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=" ||
                                  t.text == "==" || t.text == "!=");
  }

  Result<Expr> ParseComparison() {
    Result<Expr> left = ParseSum();
    if (!left.ok() || !IsComparison(Peek())) return left;
    Token op = Next();
    Result<Expr> right = ParseSum();
    if (!right.ok()) return right;
    if (IsComparison(Peek())) {
      return Error(Peek(), "comparisons do not chain: write \"a < b and b < c\"");
    }
    return Binary(op.text, std::move(left).value(), std::move(right).value(), op.column);
  }

  Result<Expr> ParseSum() {
    Result<Expr> left = ParseProduct();
    while (left.ok() && (IsOp(Peek(), "+") || IsOp(Peek(), "-"))) {
      Token op = Next();
      Result<Expr> right = ParseProduct();
      if (!right.ok()) return right;
      left = Binary(op.text, std::move(left).value(), std::move(right).value(), op.column);
    }
    return left;
  }

  Result<Expr> ParseProduct() {
    Result<Expr> left = ParseUnary();
    while (left.ok() && (IsOp(Peek(), "*") || IsOp(Peek(), "/"))) {
      Token op = Next();
      Result<Expr> right = ParseUnary();
      if (!right.ok()) return right;
      left = Binary(op.text, std::move(left).value(), std::move(right).value(), op.column);
    }
    return left;
  }

  Result<Expr> ParseUnary() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) return TooDeep();
    if (IsOp(Peek(), "-") || IsOp(Peek(), "+")) {
      Token op = Next();
      Result<Expr> operand = ParseUnary();
      if (!operand.ok()) return operand;
      if (op.text == "+") return operand;
      Expr e;
      e.kind = Expr::Kind::kUnary;
      e.text = "-";
      e.column = op.column;
      e.children.push_back(std::move(operand).value());
      return e;
    }
    return ParsePrimary();
  }

  Result<Expr> ParsePrimary() {
    const Token& t = Peek();
    if (t.kind == Tok::kNumber) {
      Token n = Next();
      Expr e;
      e.kind = Expr::Kind::kNumber;
      e.column = n.column;
      e.unit_text = n.unit;
      double value = 0;
      auto [end, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), value);
      if (ec != std::errc() || end != n.text.data() + n.text.size()) return Error(n, "\"" + n.text + "\" is not a number");
      e.number = value;
      if (!n.unit.empty()) {
        const std::optional<UnitDef> unit = LookupUnit(n.unit);
        if (!unit) {
          Token at = n;
          at.column += static_cast<int>(n.text.size());
          return Error(at, "unknown unit \"" + n.unit +
                               "\" (expected ns, us, ms, s, min, h, B, kB, MB, GB, TB (powers of 1024, as KiB, MiB, GiB, TiB), % or a rate: MB/h, ms/min, /s)");
        }
        e.number = value * unit->factor;
        e.dimension = unit->dimension;
      }
      return e;
    }
    if (t.kind == Tok::kLParen) {
      Token open = Next();
      Result<Expr> inner = ParseOr();
      if (!inner.ok()) return inner;
      if (Peek().kind != Tok::kRParen) return Expected(Peek(), "\")\" to close the \"(\" at column " + std::to_string(open.column));
      Next();
      return inner;
    }
    if (IsWord(t, "base")) {
      Token base = Next();
      if (Peek().kind != Tok::kDot) return Expected(Peek(), "\".\" after \"base\" (as in base.total)");
      Next();
      if (Peek().kind != Tok::kIdent) return Expected(Peek(), "a metric after \"base.\"");
      Result<Expr> call = ParseCall();
      if (!call.ok()) return call;
      Expr e;
      e.kind = Expr::Kind::kBase;
      e.column = base.column;
      e.children.push_back(std::move(call).value());
      return e;
    }
    if (t.kind == Tok::kIdent && t.text != "and" && t.text != "or" && t.text != "not") return ParseCall();
    return Expected(t, "a number, a metric or \"(\"");
  }

  Result<Expr> ParseCall() {
    Token name = Next();
    Expr e;
    e.kind = Expr::Kind::kCall;
    e.text = name.text;
    e.column = name.column;
    if (Peek().kind != Tok::kLParen) return e;
    Next();
    if (Peek().kind == Tok::kRParen) {
      Next();
      return e;
    }
    while (true) {
      if (Peek().kind == Tok::kString) {
        Token s = Next();
        Expr arg;
        arg.kind = Expr::Kind::kString;
        arg.text = s.text;
        arg.column = s.column;
        e.children.push_back(std::move(arg));
      } else {
        Result<Expr> arg = ParseOr();
        if (!arg.ok()) return arg;
        e.children.push_back(std::move(arg).value());
      }
      if (Peek().kind == Tok::kComma) {
        Next();
        continue;
      }
      if (Peek().kind == Tok::kRParen) {
        Next();
        return e;
      }
      return Expected(Peek(), "\",\" or \")\" in the arguments of " + name.text + "()");
    }
  }

  std::string_view text_;
  int offset_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

std::string FormatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string_view DimensionName(Dimension d) {
  switch (d) {
    case Dimension::kCount: return "a count";
    case Dimension::kTime: return "a time";
    case Dimension::kBytes: return "a size in bytes";
    case Dimension::kPercent: return "a percentage";
    case Dimension::kBool: return "true or false";
    case Dimension::kCountRate: return "a count per time";
    case Dimension::kTimeRate: return "a time per time";
    case Dimension::kBytesRate: return "a size per time";
  }
  return "";
}

Result<Rule> ParseRule(std::string_view text) {
  Rule rule;
  // "name: expression": the text before the first ":" is a name when it holds
  // nothing an expression could ("is_even got faster: ..." yes, cum("a:b") no).
  size_t start = 0;
  size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    std::string_view name = text.substr(0, colon);
    size_t first = name.find_first_not_of(" \t"), last = name.find_last_not_of(" \t");
    if (first != std::string_view::npos && name.find_first_of("\"'()<>=!") == std::string_view::npos) {
      rule.name = std::string(name.substr(first, last - first + 1));
      start = colon + 1;
    }
  }
  rule.expression = std::string(text.substr(start));
  while (!rule.expression.empty() && std::isspace(static_cast<unsigned char>(rule.expression.front()))) {
    rule.expression.erase(0, 1);
    ++start;
  }
  while (!rule.expression.empty() && std::isspace(static_cast<unsigned char>(rule.expression.back()))) rule.expression.pop_back();
  rule.expression_column = static_cast<int>(start) + 1;
  if (rule.expression.empty()) return Status::Usage("column " + std::to_string(rule.expression_column) + ": expected an expression");
  Parser parser(rule.expression, rule.expression_column);
  Result<Expr> expr = parser.Parse();
  if (!expr.ok()) return Status::Usage(WithCaret(text, expr.status().message()));
  rule.expr = std::move(expr).value();
  return rule;
}

std::string WithCaret(std::string_view rule_text, const std::string& message) {
  int column = message.starts_with("column ") ? std::atoi(message.c_str() + 7) : 0;
  if (column <= 0) return message;
  return message + "\n  " + std::string(rule_text) + "\n  " + std::string(column - 1, ' ') + "^";
}

std::string ExprToString(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kNumber: {
      const std::optional<UnitDef> unit = LookupUnit(e.unit_text);
      return FormatNumber(e.number / (unit ? unit->factor : 1)) + e.unit_text;
    }
    case Expr::Kind::kString: return "\"" + e.text + "\"";
    case Expr::Kind::kCall: {
      std::string out = e.text;
      if (e.children.empty()) return out;
      out += "(";
      for (size_t i = 0; i < e.children.size(); ++i) out += (i ? ", " : "") + ExprToString(e.children[i]);
      return out + ")";
    }
    case Expr::Kind::kBase: return "base." + ExprToString(e.children[0]);
    case Expr::Kind::kUnary:
      return e.text == "not" ? "not " + ExprToString(e.children[0]) : "-" + ExprToString(e.children[0]);
    case Expr::Kind::kBinary:
      return "(" + ExprToString(e.children[0]) + " " + e.text + " " + ExprToString(e.children[1]) + ")";
  }
  return "";
}

}  // namespace proflens
