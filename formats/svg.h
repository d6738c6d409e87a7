// SVG of a call graph, laid out and rendered in-process by Graphviz's gvc
// (gvLayout with "dot", gvRender to "svg"): no subprocess.
#ifndef PROFLENS_FORMATS_SVG_H_
#define PROFLENS_FORMATS_SVG_H_

#include <string>

#include "analyzer/status.h"
#include "formats/dot.h"

namespace proflens {

// Layouts beyond this many nodes take minutes: such graphs must be trimmed first.
inline constexpr size_t kMaxSvgNodes = 2000;

Result<std::string> RenderSvg(const DotDocument& document);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_SVG_H_
