// Function-name handling shared by readers and filters.
#ifndef PROFLENS_ANALYZER_SYMBOL_NAMES_H_
#define PROFLENS_ANALYZER_SYMBOL_NAMES_H_

#include <string>
#include <string_view>

namespace proflens {

// "ns::f(int) const" -> "ns::f": a C++/Java name without its arguments, the
// part of a name pprof's drop, keep and prune regexes are matched against.
std::string SimplifyFunctionName(std::string_view name);

// The name as the input wrote it, demangled but not shortened: Itanium
// (C++, legacy Rust) names are demangled; a legacy Rust name loses its
// "::h<16 hex>" hash and its "$LT$"-style escapes. Anything else is kept.
std::string FullName(std::string_view system_name);

// The short name every table shows by default (the README's name policy):
//   - C++ (mangled, or demangled text with "::" or template brackets) as pprof
//     simplifies it: no parameters, no template arguments, no return type;
//     operators and "(anonymous namespace)" keep their spelling;
//   - Rust (closures, "::<", "<T as Trait>::f", "<impl T>", legacy escapes):
//     the path without generic arguments, "<T>::f" as "T::f", closures kept;
//   - JVM methods from perf maps ("long Shop.fib(int)"): the qualified
//     method, "Shop.fib";
//   - V8 ("RegExp:[&<>]", "LazyCompile:~f a.js:1"), Go, Python and
//     every other name: as FullName gives it.
// A simplification that would leave an empty name, or a bare "::x" or "x::",
// gives the full name instead.
std::string DisplayName(std::string_view system_name);

// The short name pprof puts in call-graph nodes: Go package paths, Java
// packages and C++ namespaces dropped ("github.com/a/b.(*T).M" -> "b.(*T).M",
// "ns::Class::method" -> "Class::method").
std::string ShortenFunctionName(std::string_view name);

// The last element of a path, as Go's filepath.Base gives it (pprof shows
// files and binaries this way): trailing slashes are ignored.
std::string_view BaseName(std::string_view path);

// How a frame without a function is named after its binary: "[libc.so.6]";
// a name that is bracketed already ("[unknown]", "[vdso]") stays as it is.
std::string BinaryFrameName(std::string_view file);

// Removes every outermost start..end group ("a<b<c>>::d" -> "a::d"); leaves
// the name as it is when the brackets do not balance.
std::string RemoveMatching(std::string_view name, char start, char end);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_SYMBOL_NAMES_H_
