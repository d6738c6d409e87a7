#include "analyzer/symbol_names.h"

#include "analyzer/regex.h"

#include <cxxabi.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>
#include <cstdlib>
#include <memory>

namespace proflens {

namespace {

bool LooksLikeDemangledCpp(std::string_view name) {
  if (name.find(".<") != std::string_view::npos) return false;   // Java "Class.<init>"
  if (name.find("]).") != std::string_view::npos) return false;  // Go "pkg.(*T[...]).M"
  return name.find_first_of("<>[]") != std::string_view::npos || name.find("::") != std::string_view::npos;
}

// V8's code kinds ("LazyCompile:~f app.js:3", "RegExp:[&<>]", "Builtin:Foo"):
// a word and one colon. Such names are never C++.
bool IsV8Name(std::string_view name) {
  size_t colon = name.find(':');
  if (colon == 0 || colon == std::string_view::npos || name.substr(colon).starts_with("::")) return false;
  return std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

// A JVM method as perf maps of the JVM write it: "long Shop.fib(int)",
// "void java.util.ArrayList.sort(java.util.Comparator)". Gives the qualified
// method ("Shop.fib"), or "" for any other name.
std::string_view JvmMethod(std::string_view name) {
  if (!name.ends_with(')') || name.find("::") != std::string_view::npos) return "";
  size_t open = name.find('(');
  if (open == std::string_view::npos || name.find('(', open + 1) != std::string_view::npos) return "";
  size_t space = name.rfind(' ', open);
  if (space == std::string_view::npos || space == 0 || name.find(' ') != space) return "";
  std::string_view method = name.substr(space + 1, open - space - 1);
  if (method.find('.') == std::string_view::npos || method.front() == '.' || method.back() == '.') return "";
  for (char c : method) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '$' || c == '_' || c == '<' || c == '>')) {
      return "";
    }
  }
  return method;
}

// Rust's marks, which C++ names never carry: closures and shims in braces,
// turbofish generics ("::<"), qualified paths ("<T as Trait>::f") and
// legacy escapes.
bool LooksLikeRust(std::string_view name) {
  for (std::string_view mark : {"{closure", "{{closure}}", "{shim:", "{constant#", "::<", "<impl ", "$LT$", "$GT$",
                                "$u7b$", "$C$", "$RF$"}) {
    if (name.find(mark) != std::string_view::npos) return true;
  }
  return name.starts_with('<') && name.find(">::") != std::string_view::npos;
}

// A legacy Rust name's trailing hash, "::h" and 16 hex digits.
bool EndsInRustHash(std::string_view name) {
  if (name.size() < 19 || name.substr(name.size() - 19, 3) != "::h") return false;
  return std::all_of(name.end() - 16, name.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// Undoes legacy Rust mangling's escapes ("$LT$" is "<", ".." is "::"). A
// path segment cannot start with '$', so rustc writes one that would as "_$":
// that '_' goes ("_$LT$impl ...$GT$" is "<impl ...>"), as rustc-demangle,
// c++filt and pprof drop it.
std::string UnescapeRustLegacy(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kEscapes[] = {
      {"$SP$", "@"}, {"$BP$", "*"}, {"$RF$", "&"}, {"$LT$", "<"}, {"$GT$", ">"}, {"$LP$", "("}, {"$RP$", ")"},
      {"$C$", ","},  {"$u20$", " "}, {"$u22$", "\""}, {"$u27$", "'"}, {"$u2b$", "+"}, {"$u3b$", ";"},
      {"$u5b$", "["}, {"$u5d$", "]"}, {"$u7b$", "{"}, {"$u7d$", "}"}, {"$u7e$", "~"}};
  std::string out;
  for (size_t i = 0; i < name.size();) {
    bool replaced = false;
    if (name[i] == '_' && name.substr(i + 1).starts_with('$') && (out.empty() || out.ends_with("::"))) {
      ++i;
      continue;
    }
    if (name[i] == '$') {
      for (const auto& [from, to] : kEscapes) {
        if (name.substr(i).starts_with(from)) {
          out += to;
          i += from.size();
          replaced = true;
          break;
        }
      }
    } else if (name.substr(i).starts_with("..")) {
      out += "::";
      i += 2;
      replaced = true;
    }
    if (!replaced) out += name[i++];
  }
  return out;
}

// The end of the bracket group that opens at `open` ('<', '(' or '['), or
// npos when it does not close. "->" is an arrow, not a bracket.
size_t GroupEnd(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (c == '>' && i > 0 && s[i - 1] == '-') continue;
    if (c == '<' || c == '(' || c == '[') ++depth;
    if (c == '>' || c == ')' || c == ']') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

// Rust's short name: the path without generic arguments. A qualified path
// keeps its shape ("<Vec as Drop>::drop", "<impl Foo>"), a bare "<T>::f" is
// "T::f", closures stay ("{closure#0}").
std::string SimplifyRust(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size();) {
    char c = name[i];
    if (c != '<') {
      out += c;
      ++i;
      continue;
    }
    size_t end = GroupEnd(name, i);
    if (end == std::string_view::npos) return std::string(name);  // unbalanced: leave it whole
    std::string_view inner = name.substr(i + 1, end - i - 1);
    const bool segment_start = i == 0 || name.substr(0, i).ends_with("::");
    if (segment_start && inner.starts_with("impl ")) {
      out += "<impl " + SimplifyRust(inner.substr(5)) + ">";
    } else if (segment_start && !name.substr(0, i).ends_with("::")) {
      // "<T>::f" or "<T as Trait>::f" at the start of the name.
      size_t as = std::string_view::npos;
      for (size_t k = 0; k < inner.size(); ++k) {
        if (inner[k] == '<' || inner[k] == '(' || inner[k] == '[') {
          size_t e = GroupEnd(inner, k);
          if (e == std::string_view::npos) break;
          k = e;
        } else if (inner.substr(k).starts_with(" as ")) {
          as = k;
          break;
        }
      }
      if (as == std::string_view::npos) {
        out += SimplifyRust(inner);
      } else {
        out += "<" + SimplifyRust(inner.substr(0, as)) + " as " + SimplifyRust(inner.substr(as + 4)) + ">";
      }
    } else if (out.ends_with("::")) {
      out.resize(out.size() - 2);  // a turbofish "::<...>": its "::" goes with it
    }
    // Generic arguments ("HashMap<K, V>", "::<u64>") are dropped.
    i = end + 1;
  }
  return out;
}

// Hides the spellings of operators and of "(anonymous namespace)" whose
// brackets are not brackets, restoring them afterwards.
class CppMask {
 public:
  std::string Hide(std::string name) {
    for (size_t k = 0; k < std::size(kSpellings); ++k) {
      const std::string_view from = kSpellings[k];
      const std::string to(1, static_cast<char>(k + 1));
      for (size_t at = 0; (at = name.find(from, at)) != std::string::npos;) {
        // "operator<" must not hide the "<" of "operator<<" (longer spellings come first).
        name.replace(at, from.size(), to);
        at += to.size();
      }
    }
    return name;
  }
  std::string Show(std::string name) const {
    std::string out;
    for (char c : name) {
      size_t k = static_cast<unsigned char>(c);
      if (k >= 1 && k <= std::size(kSpellings)) {
        out += kSpellings[k - 1];
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  static constexpr std::string_view kSpellings[] = {"(anonymous namespace)", "operator delete[]", "operator new[]",
                                                    "operator delete",       "operator new",      "operator<=>",
                                                    "operator->*",           "operator<<=",
                                                    "operator>>=", "operator()", "operator<<", "operator>>", "operator<=",
                                                    "operator>=", "operator->", "operator<", "operator>", "operator[]"};
};

// pprof's simple demangling of a C++ name: no parameter list (the
// top-level "(...)" not followed by "::", and what follows it, such as
// " const"), no template arguments, no leading return type. An enclosing
// function's parameters stay, as pprof keeps them: a lambda is
// "use(std::vector&)::{lambda(int)#1}::operator()". "(anonymous namespace)"
// and operators ("operator()", "operator new") keep their spelling.
std::string SimplifyCpp(std::string_view demangled) {
  CppMask mask;
  std::string name = mask.Hide(std::string(demangled));
  int angles = 0, braces = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '<') ++angles;
    if (c == '>') --angles;
    if (c == '{') ++braces;
    if (c == '}') --braces;
    if (c != '(' || angles > 0 || braces > 0) continue;
    const size_t end = GroupEnd(name, i);
    if (end != std::string::npos && std::string_view(name).substr(end + 1).starts_with("::")) {
      i = end;  // an enclosing function's parameters
      continue;
    }
    name.resize(i);
    break;
  }
  name = RemoveMatching(name, '<', '>');
  // A return type is separated from the qualified name by a space outside brackets.
  int depth = 0;
  size_t space = std::string::npos;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '(' || name[i] == '{' || name[i] == '[') ++depth;
    if (name[i] == ')' || name[i] == '}' || name[i] == ']') --depth;
    if (name[i] == ' ' && depth == 0) space = i;
  }
  if (space != std::string::npos) name = name.substr(space + 1);
  return mask.Show(name);
}

// A short name is never empty and never a bare "::x" or "x::".
bool IsWhole(std::string_view name) {
  return !name.empty() && !name.starts_with("::") && !name.ends_with("::") && name.find("::::") == std::string_view::npos;
}

}  // namespace

std::string RemoveMatching(std::string_view name_view, char start, char end) {
  std::string name(name_view);
  int nesting = 0;
  size_t first = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == start) {
      if (++nesting == 1) first = i;
    } else if (name[i] == end) {
      if (--nesting < 0) return std::string(name_view);  // mismatch: leave as is
      if (nesting == 0) {
        name.erase(first, i - first + 1);
        i = first - 1;  // wraps for first == 0; the ++i brings it back
      }
    }
  }
  return name;
}

std::string_view BaseName(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos || path.size() == 1 ? path : path.substr(slash + 1);
}

std::string BinaryFrameName(std::string_view file) {
  std::string_view base = BaseName(file);
  if (base.size() >= 2 && base.front() == '[' && base.back() == ']') return std::string(base);
  return "[" + std::string(base) + "]";
}

std::string SimplifyFunctionName(std::string_view name) {
  if (name.starts_with('.')) name.remove_prefix(1);
  // Cut at the first "(" that does not open "(anonymous namespace)" or "operator()".
  for (size_t i = 0; i < name.size();) {
    size_t paren = name.find('(', i);
    if (paren == std::string_view::npos) break;
    if (name.substr(paren).starts_with("(anonymous namespace)")) {
      i = paren + 21;
    } else if (paren >= 8 && name.substr(paren - 8).starts_with("operator()")) {
      i = paren + 2;
    } else {
      return std::string(name.substr(0, paren));
    }
  }
  return std::string(name);
}

std::string FullName(std::string_view system_name) {
  if (system_name.starts_with("_Z")) {
    int status = 0;
    std::string mangled(system_name);
    std::unique_ptr<char, decltype(&std::free)> demangled(
        abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status), &std::free);
    if (status == 0 && demangled && mangled != demangled.get()) {
      std::string_view text = demangled.get();
      // Legacy Rust names are Itanium-mangled paths with escapes and a hash.
      if (EndsInRustHash(text)) return UnescapeRustLegacy(text.substr(0, text.size() - 19));
      return std::string(text);
    }
  }
  if (EndsInRustHash(system_name) && system_name.find("::") != std::string_view::npos) {
    return UnescapeRustLegacy(system_name.substr(0, system_name.size() - 19));
  }
  return std::string(system_name);
}

std::string DisplayName(std::string_view system_name) {
  const std::string full = FullName(system_name);
  std::string simple;
  if (IsV8Name(full)) return full;
  if (std::string_view jvm = JvmMethod(full); !jvm.empty()) return std::string(jvm);
  if (LooksLikeRust(full)) {
    simple = SimplifyRust(full);
  } else if (system_name.starts_with("_Z") && full != system_name) {
    simple = SimplifyCpp(full);
  } else if (LooksLikeDemangledCpp(full)) {
    simple = SimplifyCpp(full);
  } else {
    return full;
  }
  return IsWhole(simple) ? simple : full;
}

std::string ShortenFunctionName(std::string_view name_view) {
  // The rules pprof applies, first match wins.
  static const Regex kCppAnonymousPrefix = Regex::Fixed(R"(^\(anonymous namespace\)::)");
  static const Regex kGoVersion = Regex::Fixed(R"(^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$)");
  static const Regex kGo = Regex::Fixed(R"(^(?:[\w\-\.]+\/)+(.+))");
  static const Regex kJava = Regex::Fixed(R"(^(?:[a-z]\w*\.)*([A-Z][\w\$]*\.(?:<init>|[a-z][\w\$]*(?:\$\d+)?))(?:(?:\()|$))");
  static const Regex kCpp = Regex::Fixed(R"(^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?))");
  std::string name = kCppAnonymousPrefix.ReplaceFirst(name_view, "");
  name = kGoVersion.ReplaceFirst(name, "\\1\\2");
  std::vector<std::string> groups;
  for (const Regex* re : {&kGo, &kJava, &kCpp}) {
    if (re->Search(name, &groups) && !groups.empty()) {
      std::string out;
      for (const std::string& g : groups) out += g;
      return out;
    }
  }
  return name;
}

}  // namespace proflens
