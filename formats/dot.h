// A GraphView as a Graphviz graph, built with cgraph (agopen, agnode, agedge,
// attributes set through the library, so quoting and escaping are
// Graphviz's own) and written as DOT by cgraph. Only this file pair and
// formats/svg include Graphviz headers.
#ifndef PROFLENS_FORMATS_DOT_H_
#define PROFLENS_FORMATS_DOT_H_

#include <memory>
#include <string>

#include "analyzer/graph_view.h"
#include "analyzer/status.h"

struct Agraph_s;

namespace proflens {

class DotDocument {
 public:
  explicit DotDocument(const GraphView& view);
  ~DotDocument();
  DotDocument(const DotDocument&) = delete;
  DotDocument& operator=(const DotDocument&) = delete;

  // The graph in DOT syntax, as cgraph's agwrite prints it.
  Result<std::string> ToDot() const;
  Agraph_s* graph() const { return graph_; }

 private:
  Agraph_s* graph_ = nullptr;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_DOT_H_
