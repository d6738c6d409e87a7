// Graphviz is loaded on first use: the built files load and draw, and a
// missing file or symbol is an error that names it, not a crash. The binary
// itself does not link Graphviz (its start maps 40 fewer libraries).
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "formats/output/graphviz_library.h"

namespace proflens {
namespace {

TEST_CASE("graphviz: the built libraries load once and lay out a graph", "[graphviz]") {
  Result<const GraphvizLibrary*> gv = Graphviz();
  REQUIRE(gv.ok());
  CHECK(Graphviz().value() == gv.value());  // once for the process
  const GraphvizLibrary& g = **gv;
  Agraph_t* graph = g.agopen(const_cast<char*>("t"), g.directed, nullptr);
  REQUIRE(graph != nullptr);
  Agnode_t* a = g.agnode(graph, const_cast<char*>("a"), 1);
  Agnode_t* b = g.agnode(graph, const_cast<char*>("b"), 1);
  g.agedge(graph, a, b, nullptr, 1);
  CHECK(g.agnnodes(graph) == 2);
  GVC_t* gvc = g.gvContextPlugins(g.plugins, 0);
  REQUIRE(gvc != nullptr);
  REQUIRE(g.gvLayout(gvc, graph, "dot") == 0);
  char* data = nullptr;
  unsigned int length = 0;
  REQUIRE(g.gvRenderData(gvc, graph, "svg", &data, &length) == 0);
  const std::string svg(data, length);
  g.gvFreeRenderData(data);
  g.gvFreeLayout(gvc, graph);
  g.agclose(graph);
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find(">a</text>") != std::string::npos);
}

TEST_CASE("graphviz: a missing library or symbol is an error naming it", "[graphviz]") {
  GraphvizFiles files = BuiltGraphvizFiles();
  files.pango = "/nonexistent/libgvplugin_pango.so.6";
  Result<GraphvizLibrary> missing = LoadGraphviz(files);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("/nonexistent/libgvplugin_pango.so.6") != std::string::npos);
  CHECK(missing.status().message().find("libgvc6") != std::string::npos);
  // A library that is there but is not cgraph (nor loads it): its first
  // symbol is missing.
  files = BuiltGraphvizFiles();
  files.cgraph = "libm.so.6";
  Result<GraphvizLibrary> wrong = LoadGraphviz(files);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().message().find("agopen") != std::string::npos);
}

TEST_CASE("graphviz: the proflens binary does not link Graphviz", "[graphviz]") {
  // Loaded when a graph is drawn; every other command starts without it.
  std::string libraries;
  FILE* ldd = ::popen((std::string("ldd ") + PROFLENS_BINARY).c_str(), "r");
  REQUIRE(ldd != nullptr);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, ldd)) > 0;) libraries.append(buffer, n);
  ::pclose(ldd);
  INFO(libraries);
  CHECK(libraries.find("libc.so") != std::string::npos);
  CHECK(libraries.find("libgvc") == std::string::npos);
  CHECK(libraries.find("libcgraph") == std::string::npos);
}

}  // namespace
}  // namespace proflens
