// proflens flame FILE... -o flame.svg: an interactive flame graph.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "cli/comparison.h"
#include "analyzer/flame_tree.h"
#include "formats/flame_svg.h"
#include "formats/output_file.h"

namespace proflens {

void AddFlameCommand(CLI::App& app, CommandContext& context) {
  struct FlameArgs {
    ViewArgs view;
    std::string output = "-";
    FlameSvgOptions svg;
    bool reverse = false;
    RootArgs roots;
  };
  auto args = std::make_shared<FlameArgs>();
  CLI::App* cmd = app.add_subcommand("flame", "Interactive flame graph SVG (like flamegraph.pl); with --base, a differential one");
  cmd->footer("Examples: proflens flame perf.txt -o flame.svg --title 'web server' --colors java\n"
              "          proflens flame new.pb.gz --base old.pb.gz -o diff.svg   (red grew, blue shrank)");
  // Flame graphs show frames as written, as flamegraph.pl does; compared with
  // a base they match functions by their short names, as diff does (so
  // Python frames whose lines moved still meet).
  AddViewOptions(*cmd, args->view, "");
  cmd->add_option("-o,--output", args->output, "Output SVG file (- for standard output)")->capture_default_str();
  cmd->add_option("--title", args->svg.title, "Title at the top")->capture_default_str();
  cmd->add_option("--minwidth", args->svg.min_width, "Leave out frames narrower than this many pixels (of 1200)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("--width", args->svg.width, "Image width in pixels")->check(CLI::Range(100.0, 100000.0))->capture_default_str();
  cmd->add_flag("--reverse", args->reverse, "Merge stacks from the leaf and draw root at the top (icicle, bottom-up)");
  cmd->add_option("--colors", args->svg.palette, "Palette: hot, mem, io, java, js")->capture_default_str();
  AddRootOptions(*cmd, args->roots);
  cmd->callback([args, &context] {
    context.status = [&]() -> Status {
      PROFLENS_RETURN_IF_ERROR(CheckPalette(args->svg.palette));
      ViewArgs view = args->view;
      if (view.symbols.empty()) view.symbols = view.base.empty() ? "full" : "short";
      Result<Comparison> in = LoadComparison(FilteredComparison(view), context);
      if (!in.ok()) return in.status();
      Result<const Profile*> profile = in->profile.Stacks("flame graphs need");
      if (!profile.ok()) return profile.status();
      Result<const Profile*> base = in->base ? in->base->Stacks("flame graphs need") : Result<const Profile*>(nullptr);
      if (!base.ok()) return base.status();
      FlameTreeOptions tree_options{in->sample_index, args->reverse, FlameMinFraction(args->svg), args->roots.roots()};
      FlameTree tree = BuildFlameTree(**profile, tree_options, *base, in->pair.base_index,
                                      in->pair.base_to_new_unit * in->base_scale);
      FlameSvgOptions svg = args->svg;
      svg.unit = std::string((*profile)->str((*profile)->sample_types[in->sample_index].unit));
      svg.icicle = args->reverse;
      return WriteOutputFile(args->output, RenderFlameSvg(tree, svg), context.out);
    }();
  });
}

}  // namespace proflens
