// proflens flame: an interactive flame graph SVG, or with a base a
// differential one (red grew, blue shrank).
#include "analyzer/flame_tree.h"
#include "app/commands.h"
#include "app/comparison.h"
#include "formats/io/output_file.h"
#include "formats/output/flame_svg.h"

namespace proflens {

Status RunFlame(const FlameArgs& args, CommandContext& context) {
  PROFLENS_RETURN_IF_ERROR(CheckPalette(args.palette));
  // Flame graphs name frames as the tables do (short names; --symbols full
  // for every name as written, as flamegraph.pl shows them). Compared with a
  // base, short names also let Python frames whose lines moved meet.
  ViewArgs view = args.view;
  if (view.symbols.empty()) view.symbols = "short";
  PROFLENS_ASSIGN_OR_RETURN(const Comparison in, LoadComparison(FilteredComparison(view), context));
  PROFLENS_ASSIGN_OR_RETURN(const Profile* profile, in.profile.Stacks("flame graphs need"));
  const Profile* base = nullptr;
  if (in.base) {
    PROFLENS_ASSIGN_OR_RETURN(base, in.base->Stacks("flame graphs need"));
  }
  FlameSvgOptions svg;
  svg.title = args.title;
  svg.palette = args.palette;
  svg.width = args.width;
  svg.min_width = args.min_width;
  svg.icicle = args.reverse;
  svg.unit = std::string(profile->str(profile->sample_types[in.sample_index].unit));
  const FlameTreeOptions tree_options{in.sample_index, args.reverse, FlameMinFraction(svg), args.roots.roots()};
  const FlameTree tree =
      BuildFlameTree(*profile, tree_options, base, in.pair.base_index, in.pair.base_to_new_unit * in.base_scale);
  if (tree.cut_depth != 0) {
    // Nested events drawn from the leaf: paths that do not merge, each as deep as its event.
    const std::string note = "frames deeper than " + std::to_string(tree.cut_depth) + " not drawn";
    context.err << "proflens: flame: " << note << " (the stacks share their storage and do not merge from the leaf: more than "
                << kMaxFlameSteps << " frames to walk)\n";
    svg.title += " (" + note + ")";
  }
  return WriteOutputFile(args.output, RenderFlameSvg(tree, svg), context.out);
}

}  // namespace proflens
