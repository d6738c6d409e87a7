// Graphviz, loaded when a graph is first drawn (dlopen), not at start: cgraph,
// gvc and the dot layout, core and pango plugins pull in some 40 libraries
// (pango, cairo, glib, X11, ...), and mapping them cost every command 3 ms of
// its start, most of the run of `top` or `check` on a small profile. Only
// formats/output/dot_writer.cpp and callgraph_svg.cpp call it.
#ifndef PROFLENS_FORMATS_OUTPUT_GRAPHVIZ_LIBRARY_H_
#define PROFLENS_FORMATS_OUTPUT_GRAPHVIZ_LIBRARY_H_

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <mutex>

#include "analyzer/status.h"

namespace proflens {

// The functions of Graphviz's libraries that proflens calls, by their names.
struct GraphvizLibrary {
  // cgraph
  decltype(&::agopen) agopen;
  decltype(&::agclose) agclose;
  decltype(&::agattr) agattr;
  decltype(&::agsubg) agsubg;
  decltype(&::agnode) agnode;
  decltype(&::agedge) agedge;
  decltype(&::agsafeset) agsafeset;
  decltype(&::agwrite) agwrite;
  decltype(&::agnnodes) agnnodes;
  Agdesc_t directed;  // cgraph's Agdirected
  // gvc
  decltype(&::gvContextPlugins) gvContextPlugins;
  decltype(&::gvLayout) gvLayout;
  decltype(&::gvRenderData) gvRenderData;
  decltype(&::gvFreeRenderData) gvFreeRenderData;
  decltype(&::gvFreeLayout) gvFreeLayout;
  // The layout, render and text-layout plugins, handed to gvc directly, so
  // that rendering needs no plugin configuration file on the machine.
  lt_symlist_t plugins[4];
};

// The library files to load.
struct GraphvizFiles {
  const char* cgraph;
  const char* gvc;
  const char* dot_layout;
  const char* core;
  const char* pango;
};
// The files of the Graphviz proflens was built with (found by CMake).
GraphvizFiles BuiltGraphvizFiles();

// Loads `files` (kept loaded for the process): an error naming the file or
// symbol and dlopen's reason when one is missing.
Result<GraphvizLibrary> LoadGraphviz(const GraphvizFiles& files);

// The built Graphviz, loaded on the first call, once for the process.
Result<const GraphvizLibrary*> Graphviz();

// Held by whoever uses Graphviz (a DotDocument, for its life): its libraries
// keep global state and are not safe on two threads at once.
std::recursive_mutex& GraphvizLock();

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_GRAPHVIZ_LIBRARY_H_
