// Flame graph SVG: frames laid out and coloured here, so the picture shows
// without JavaScript; templates/flame.js adds zoom, search and details.
#ifndef PROFLENS_FORMATS_OUTPUT_FLAME_SVG_H_
#define PROFLENS_FORMATS_OUTPUT_FLAME_SVG_H_

#include <string>
#include <string_view>

#include "analyzer/flame_tree.h"
#include "analyzer/status.h"

namespace proflens {

struct FlameSvgOptions {
  std::string title = "Flame Graph";
  std::string unit;              // the sample type's unit, for tooltips
  std::string palette = "hot";   // hot, mem, io, java, js
  double width = 1200;
  double min_width = 0.1;        // pixels: narrower frames (and what they call) are left out
  bool icicle = false;           // root at the top
  bool standalone = true;        // an .svg file: XML header, its own style and script
};

// The share of the total below which a frame is narrower than
// options.min_width: FlameTreeOptions::min_fraction for a tree to draw.
double FlameMinFraction(const FlameSvgOptions& options);

// Checks a --colors value.
Status CheckPalette(std::string_view palette);

// With a base in the tree, frames are coloured by their change: red grew,
// blue shrank, white unchanged, as difffolded.pl + flamegraph.pl draw them.
std::string RenderFlameSvg(const FlameTree& tree, const FlameSvgOptions& options);

// The colour of a frame name in a palette, the same every run.
std::string FrameColor(std::string_view name, std::string_view palette);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_FLAME_SVG_H_
