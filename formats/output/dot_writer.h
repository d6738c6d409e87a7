// A GraphView as a Graphviz graph, built with cgraph (agopen, agnode, agedge,
// attributes set through the library, so quoting and escaping are
// Graphviz's own) and written as DOT by cgraph. Only this file pair,
// callgraph_svg and graphviz_library (which load Graphviz when a
// graph is first drawn) include Graphviz headers.
#ifndef PROFLENS_FORMATS_OUTPUT_DOT_WRITER_H_
#define PROFLENS_FORMATS_OUTPUT_DOT_WRITER_H_

#include <memory>
#include <mutex>
#include <string>

#include "analyzer/graph_view.h"
#include "analyzer/status.h"

struct Agraph_s;

namespace proflens {

struct GraphvizLibrary;

class DotDocument {
 public:
  explicit DotDocument(const GraphView& view);
  ~DotDocument();
  DotDocument(const DotDocument&) = delete;
  DotDocument& operator=(const DotDocument&) = delete;

  // The graph in DOT syntax, as cgraph's agwrite prints it.
  Result<std::string> ToDot() const;
  // The graph, or nullptr when Graphviz could not be loaded (status says why).
  Agraph_s* graph() const { return graph_; }
  const Status& status() const { return status_; }
  // The Graphviz the graph was built with (set whenever graph() is).
  const GraphvizLibrary& graphviz() const { return *gv_; }

 private:
  // Graphviz keeps global state (cgraph's and gvc's) and is not safe on two
  // threads at once (proflens serve draws on many): a document holds the
  // process's Graphviz lock from its making to its end, and so do the
  // renderings of it.
  std::unique_lock<std::recursive_mutex> lock_;
  const GraphvizLibrary* gv_ = nullptr;
  Agraph_s* graph_ = nullptr;
  Status status_;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_DOT_WRITER_H_
