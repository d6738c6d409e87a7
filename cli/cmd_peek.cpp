// proflens peek FILE... REGEX: callers and callees of matching functions (pprof -peek).
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddPeekCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<PeekArgs>();
  CLI::App* cmd = app.add_subcommand("peek", "Callers and callees of functions matching a regex (like pprof -peek)");
  cmd->footer("Example: proflens peek cpu.pb.gz 'json\\.loads'   (the last argument is the regex)");
  AddViewOptions(*cmd, args->view);
  cmd->get_option("files")->expected(2, -1)->description(std::string("Profiles to read (") + kFormatsRead + "; several are merged), then the regex");
  cmd->add_option("--unit", args->unit, "minimum (as pprof), auto, or ns, us, ms, s, B, kB, MB, GB")->capture_default_str();
  cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([args, &context] { context.status = RunPeek(*args, context); });
}

}  // namespace proflens
