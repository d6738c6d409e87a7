// proflens serve FILE... [--http HOST:PORT]: the report's views served live,
// refined on the server by query parameters (as go tool pprof -http).
#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.h"
#include "cli/cli.h"
#include "cli/cmd_common.h"

namespace proflens {

void AddServeCommand(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<ServeArgs>();
  args->report.generator = "proflens " PROFLENS_VERSION;
  CLI::App* cmd = app.add_subcommand("serve", "The report's views served live over HTTP, refined on the server (like go tool pprof -http)");
  cmd->footer("Views: / (the report, with a form), /top, /peek?regex=RE, /flame, /graph; each takes the view options\n"
              "as query parameters (focus, ignore, hide, sample_index, granularity, base=INPUT, ...).\n"
              "Examples: proflens serve cpu.pb.gz                      (prints the URL; Ctrl-C stops)\n"
              "          proflens serve old.pb.gz new.pb.gz --http :8080  (then /?base=old.pb.gz)");
  AddReportOptions(*cmd, args->report, "");  // each view's own default names (flame: as written)
  cmd->add_option("--http", args->http, "HOST:PORT to listen on (:PORT is 127.0.0.1; port 0 picks a free one)")
      ->capture_default_str();
  cmd->callback([args, &context] { context.status = RunServe(*args, context); });
}

}  // namespace proflens
