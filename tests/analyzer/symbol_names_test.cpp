// Function names: pprof's shortening and simplification against pprof
// itself, and the short-name policy (symbol_names.h) by language. The peer
// golden tests/golden/names/pprof_names.tsv holds, for every name of
// tests/golden/names/names.txt (Go, Java, C++ and Rust names, mangled ones
// as g++ 12.2 and rustc 1.95 wrote them), what Go 1.19's pprof and GNU
// c++filt make of it (tests/golden/names/make_names_goldens.sh). The other
// expected names are worked out by hand from the policy.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <vector>

#include "analyzer/symbol_names.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

struct PeerNames {
  std::string name, shortened, simplified, pprof_demangled, cxxfilt;
};

std::vector<PeerNames> ReadPeerNames() {
  std::vector<PeerNames> rows;
  std::istringstream in(testing::ReadFile(testing::SourcePath("tests/golden/names/pprof_names.tsv")));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      cols.push_back(line.substr(start, tab - start));
    }
    cols.push_back(line.substr(start));
    REQUIRE(cols.size() == 5);
    rows.push_back({cols[0], cols[1], cols[2], cols[3], cols[4]});
  }
  REQUIRE(rows.size() > 60);
  return rows;
}

// A name rustc's legacy mangling made: an Itanium-mangled path that ends in
// its hash, "17h" and 16 hex digits, then "E".
bool IsRustLegacy(const PeerNames& n) {
  const std::string& m = n.name;
  return m.starts_with("_ZN") && m.size() > 24 && m.ends_with("E") && m.substr(m.size() - 20, 3) == "17h";
}

const char* kRustShopDrop = "_ZN49_$LT$r..Shop$u20$as$u20$core..ops..drop..Drop$GT$4drop17h5df2b0bf8e013594E";
const char* kRustImplEntry =
    "_ZN9hashbrown11rustc_entry62_$LT$impl$u20$hashbrown..map..HashMap$LT$K$C$V$C$S$C$A$GT$$GT$11rustc_entry"
    "17hf66156927e332f3dE";


TEST_CASE("function names as pprof shows them", "[symbol_names]") {
  CHECK(DisplayName("std::vector<int>::push_back(int const&)") == "std::vector::push_back");
  CHECK(DisplayName("_ZN2ns3fooEi") == "ns::foo");
  CHECK(DisplayName("_ZNSt6vectorIiSaIiEE9push_backERKi") == "std::vector::push_back");
  CHECK(DisplayName("main.(*T).Method") == "main.(*T).Method");
  CHECK(DisplayName("java.lang.Object.<init>") == "java.lang.Object.<init>");
  CHECK(DisplayName("runtime.mallocgc") == "runtime.mallocgc");
  CHECK(SimplifyFunctionName("ns::f(int) const") == "ns::f");
  CHECK(SimplifyFunctionName("(anonymous namespace)::g(int)") == "(anonymous namespace)::g");
  CHECK(SimplifyFunctionName("S::operator()(int)") == "S::operator()");
  CHECK(RemoveMatching("a<b<c>>::d<e>", '<', '>') == "a::d");
  CHECK(RemoveMatching("a>b<c", '<', '>') == "a>b<c");
}

TEST_CASE("call-graph node names equal pprof's ShortenFunctionName", "[symbol_names][golden]") {
  for (const PeerNames& n : ReadPeerNames()) {
    INFO(n.name);
    CHECK(ShortenFunctionName(n.name) == n.shortened);
  }
}

TEST_CASE("names matched by drop_frames equal pprof's simplifyFunc", "[symbol_names][golden]") {
  for (const PeerNames& n : ReadPeerNames()) {
    INFO(n.name);
    CHECK(SimplifyFunctionName(n.name) == n.simplified);
  }
}

TEST_CASE("mangled C++ names: full as c++filt, short as pprof's symbolizer", "[symbol_names][golden]") {
  int checked = 0;
  for (const PeerNames& n : ReadPeerNames()) {
    if (!n.name.starts_with("_Z") || IsRustLegacy(n)) continue;
    INFO(n.name);
    CHECK(FullName(n.name) == n.cxxfilt);
    CHECK(DisplayName(n.name) == n.pprof_demangled);
    ++checked;
  }
  CHECK(checked == 17);
  // Among them, checked by hand too: an enclosing function's parameters stay
  // (only the last list goes), and an operator's name keeps its space.
  CHECK(DisplayName("_ZZ3useRSt6vectorIiSaIiEEENKUliE_clEi") == "use(std::vector&)::{lambda(int)#1}::operator()");
  CHECK(DisplayName("_ZnwmPv") == "operator new");
  CHECK(DisplayName("_ZdaPv") == "operator delete[]");
  CHECK(DisplayName("int ns::f(int (*)(char), long)") == "ns::f");
}

TEST_CASE("legacy Rust names lose their hash and escapes, as pprof's demangler and c++filt give them",
          "[symbol_names][golden]") {
  int checked = 0;
  for (const PeerNames& n : ReadPeerNames()) {
    if (!IsRustLegacy(n)) continue;
    ++checked;
    INFO(n.name);
    CHECK(FullName(n.name) == n.pprof_demangled);
    CHECK(FullName(n.name) == n.cxxfilt);
  }
  CHECK(checked == 5);
  // The short names by the policy: generic arguments dropped.
  CHECK(DisplayName("_ZN1r5count17h65ead18f63b3df09E") == "r::count");
  CHECK(DisplayName("_ZN3std6thread5local17LocalKey$LT$T$GT$4with17hd6210e2604956e2eE") ==
        "std::thread::local::LocalKey::with");
  // A segment that starts with an escape is written "_$" and loses the '_'.
  // Worked out by hand from the policy: a qualified path and an impl block keep their shape.
  CHECK(DisplayName(kRustShopDrop) == "<r::Shop as core::ops::drop::Drop>::drop");
  CHECK(DisplayName(kRustImplEntry) == "hashbrown::rustc_entry::<impl hashbrown::map::HashMap>::rustc_entry");
  // Only at a segment's start: an '_' inside a name stays.
  CHECK(FullName("_ZN1a8b_$u20$c17h0123456789abcdefE") == "a::b_ c");
}


TEST_CASE("the short-name policy on names already demangled, by language", "[symbol_names]") {
  // C++: no parameters, template arguments or return type; operators keep their spelling.
  CHECK(DisplayName("int ns::max<int>(int, int)") == "ns::max");
  CHECK(DisplayName("std::ostream::operator<<(int)") == "std::ostream::operator<<");
  CHECK(DisplayName("ns::S::operator<(ns::S const&) const") == "ns::S::operator<");
  CHECK(DisplayName("(anonymous namespace)::Parser::parse(char const*)") == "(anonymous namespace)::Parser::parse");
  // Rust (perf demangles v0 names): generics dropped, "<T>::f" as "T::f", closures kept.
  CHECK(DisplayName("<hashbrown::map::HashMap<u64, u64, std::hash::random::RandomState>>::rustc_entry") ==
        "hashbrown::map::HashMap::rustc_entry");
  CHECK(DisplayName("<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop") ==
        "<alloc::vec::Vec as core::ops::drop::Drop>::drop");
  CHECK(DisplayName("core::slice::sort::stable::quicksort::quicksort::<u64, core::cmp::PartialOrd::lt>") ==
        "core::slice::sort::stable::quicksort::quicksort");
  CHECK(DisplayName("std::rt::lang_start::{closure#0}") == "std::rt::lang_start::{closure#0}");
  // JVM methods from perf maps: the qualified method.
  CHECK(DisplayName("long Shop.fib(int)") == "Shop.fib");
  CHECK(DisplayName("void java.util.ArrayList.sort(java.util.Comparator)") == "java.util.ArrayList.sort");
  // Go, V8 and Python: as written.
  CHECK(DisplayName("github.com/x/y.Map[...].Get") == "github.com/x/y.Map[...].Get");
  CHECK(DisplayName("LazyCompile:~render /tmp/app.js:2") == "LazyCompile:~render /tmp/app.js:2");
  CHECK(DisplayName("RegExp:[&<>]") == "RegExp:[&<>]");
  CHECK(DisplayName("<module> (app.py)") == "<module> (app.py)");
  // A simplification that would leave nothing gives the name whole.
  CHECK(DisplayName("<unknown>") == "<unknown>");
}

TEST_CASE("base names and frames named after their binary", "[symbol_names]") {
  // As Go's filepath.Base: the last element, trailing slashes ignored.
  CHECK(BaseName("/usr/lib/x86_64-linux-gnu/libc.so.6") == "libc.so.6");
  CHECK(BaseName("build/bin/app/") == "app");
  CHECK(BaseName("app") == "app");
  CHECK(BaseName("/") == "/");
  CHECK(BaseName("///") == "/");
  CHECK(BinaryFrameName("/usr/lib/x86_64-linux-gnu/libc.so.6") == "[libc.so.6]");
  CHECK(BinaryFrameName("[vdso]") == "[vdso]");
  CHECK(BinaryFrameName("[unknown]") == "[unknown]");
}

}  // namespace
}  // namespace proflens
