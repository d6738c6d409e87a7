// proflens flame FILE... -o flame.svg: an interactive flame graph.
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddFlameCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<FlameArgs>();
  CLI::App* cmd = app.add_subcommand("flame", "Interactive flame graph SVG (like flamegraph.pl); with --base, a differential one");
  cmd->footer("Examples: proflens flame perf.txt -o flame.svg --title 'web server' --colors java\n"
              "          proflens flame new.pb.gz --base old.pb.gz -o diff.svg   (red grew, blue shrank)");
  AddViewOptions(*cmd, args->view, "short");  // as the tables name frames; --symbols full: as written
  cmd->add_option("-o,--output", args->output, "Output SVG file (- for standard output)")->capture_default_str();
  cmd->add_option("--title", args->title, "Title at the top")->capture_default_str();
  cmd->add_option("--minwidth", args->min_width, "Leave out frames narrower than this many pixels (of 1200)")
      ->check(AtLeast(0))->capture_default_str();
  cmd->add_option("--width", args->width, "Image width in pixels")->check(CLI::Range(100.0, 100000.0))->capture_default_str();
  cmd->add_flag("--reverse", args->reverse, "Merge stacks from the leaf and draw root at the top (icicle, bottom-up)");
  cmd->add_option("--colors", args->palette, "Palette: hot, mem, io, java, js")->capture_default_str();
  AddRootOptions(*cmd, args->roots);
  cmd->callback([args, &context] { context.status = RunFlame(*args, context); });
}

}  // namespace proflens
