#include "analyzer/symbol_names.h"

#include "analyzer/regex.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace proflens {

namespace {

bool LooksLikeDemangledCpp(std::string_view name) {
  if (name.find(".<") != std::string_view::npos) return false;   // Java "Class.<init>"
  if (name.find("]).") != std::string_view::npos) return false;  // Go "pkg.(*T[...]).M"
  return name.find_first_of("<>[]") != std::string_view::npos || name.find("::") != std::string_view::npos;
}

// Drops the parameter list (the first top-level "(...)" and what follows it,
// such as " const"), template arguments and a leading return type from a
// demangled name, keeping "(anonymous namespace)" and "operator()" intact.
std::string SimplifyDemangled(std::string name) {
  const std::string kAnon = "(anonymous namespace)";
  const std::string kMarker = "\x01";
  for (size_t at; (at = name.find(kAnon)) != std::string::npos;) name.replace(at, kAnon.size(), kMarker);
  for (size_t at; (at = name.find("operator()")) != std::string::npos;) name.replace(at, 10, "operator\x02");
  int depth = 0;
  size_t params = std::string::npos;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '(') {
      if (depth++ == 0 && params == std::string::npos) params = i;
    } else if (name[i] == ')') {
      --depth;
    }
  }
  if (params != std::string::npos) name.resize(params);
  name = RemoveMatching(name, '<', '>');
  // A return type is separated from the qualified name by a space outside brackets.
  size_t space = name.rfind(' ');
  if (space != std::string::npos && name.find("operator") == std::string::npos) name = name.substr(space + 1);
  for (size_t at; (at = name.find(kMarker)) != std::string::npos;) name.replace(at, 1, kAnon);
  for (size_t at; (at = name.find('\x02')) != std::string::npos;) name.replace(at, 1, "()");
  return name;
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

std::string PprofDisplayName(std::string_view system_name) {
  if (system_name.starts_with("_Z")) {
    int status = 0;
    std::string mangled(system_name);
    std::unique_ptr<char, decltype(&std::free)> demangled(
        abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status), &std::free);
    if (status == 0 && demangled && mangled != demangled.get()) {
      return SimplifyDemangled(demangled.get());
    }
  }
  if (!LooksLikeDemangledCpp(system_name)) return std::string(system_name);
  return RemoveMatching(RemoveMatching(system_name, '(', ')'), '<', '>');
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
