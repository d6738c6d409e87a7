// Function-name handling shared by readers and filters.
#ifndef PROFLENS_ANALYZER_SYMBOL_NAMES_H_
#define PROFLENS_ANALYZER_SYMBOL_NAMES_H_

#include <string>
#include <string_view>

namespace proflens {

// "ns::f(int) const" -> "ns::f": a C++/Java name without its arguments, the
// part of a name pprof's drop, keep and prune regexes are matched against.
std::string SimplifyFunctionName(std::string_view name);

// The display name pprof gives a function by default: an Itanium-mangled
// system name ("_ZN2ns1fEi") is demangled; a name that looks like demangled
// C++ loses its parameter and template lists ("std::vector<int>::push_back(int
// const&)" -> "std::vector::push_back"); anything else is kept.
std::string PprofDisplayName(std::string_view system_name);

// The short name pprof puts in call-graph nodes: Go package paths, Java
// packages and C++ namespaces dropped ("github.com/a/b.(*T).M" -> "b.(*T).M",
// "ns::Class::method" -> "Class::method").
std::string ShortenFunctionName(std::string_view name);

// The last element of a path, as Go's filepath.Base gives it (pprof shows
// files and binaries this way): trailing slashes are ignored.
std::string_view BaseName(std::string_view path);

// Removes every outermost start..end group ("a<b<c>>::d" -> "a::d"); leaves
// the name as it is when the brackets do not balance.
std::string RemoveMatching(std::string_view name, char start, char end);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_SYMBOL_NAMES_H_
