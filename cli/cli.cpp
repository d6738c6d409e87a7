// The proflens command line: the CLI11 app with its global options and one
// subcommand per cmd_<name>.cpp, run in-process (main() and the tests call
// RunCli); exceptions that reach here (out of memory, a system error, a
// parse error) become an exit code and one line on stderr.
#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <algorithm>
#include <new>
#include <system_error>

#include "cli/cmd_common.h"

namespace proflens {

namespace {

constexpr const char* kFooter =
    "Inputs are recognized by content, never by name: pprof (profile.proto, and its legacy CPU,\n"
    "heap, contention and goroutine formats), perf script text, folded stacks (FlameGraph, inferno,\n"
    "py-spy), Austin, cProfile/profile output, callgrind, speedscope JSON, Chrome trace JSON, V8\n"
    ".cpuprofile and --prof-process --preprocess JSON, Firefox Profiler JSON (Firefox, samply) and\n"
    "Python tracemalloc snapshots; any of them gzipped or not, UTF-8 or UTF-16 with a byte-order\n"
    "mark; - reads standard input. Reports for people (pprof -top, DOT, proflens's own text) are\n"
    "refused, with what they look like.\n"
    "Exit codes: 0 ok, 1 an assertion failed, 2 usage error, 3 input or I/O error.";

}  // namespace

namespace {

// Single-character edits from a to b.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommandContext context{out, err, Status::Ok(), ReadOptions{}};
  CLI::App app("proflens: answers from performance profiles (pprof, perf script, folded stacks, cProfile, callgrind, speedscope, Chrome trace, V8 .cpuprofile, Firefox Profiler, Austin)", "proflens");
  app.footer(kFooter);
  app.require_subcommand(1);
  app.set_version_flag("--version", "proflens " PROFLENS_VERSION);
  uint64_t max_input_size = context.read.max_decompressed_size;
  app.add_option("--max-input-size", max_input_size,
                 "Largest decompressed input accepted, in bytes (guards against gzip bombs)")
      ->capture_default_str();
  int threads = 0;
  app.add_option("--threads", threads, "Threads that read a perf script or folded input at once (0: one per core); the result is the same for any number")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  bool strict = false;
  app.add_flag("--strict", strict,
               "Refuse an input with lines its reader skipped (folded, callgrind or perf script lines of no sample) "
               "instead of reading the rest with a note: exit 3");
  std::string color = "auto";
  app.add_option("--color", color, "PASS/FAIL in colour: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.parse_complete_callback([&] {
    context.color = color == "always" ||
                    (color == "auto" && &out == &std::cout && ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
    context.read.max_decompressed_size = max_input_size;
    context.read.threads = threads;
    context.read.strict = strict;
    context.read.progress = true;  // drawn only for big inputs, and only on a terminal
  });

  AddTopCommand(app, context);
  AddPeekCommand(app, context);
  AddDotCommand(app, context);
  AddDiffCommand(app, context);
  AddCheckCommand(app, context);
  AddFlameCommand(app, context);
  AddReportCommand(app, context);
  AddTrendCommand(app, context);
  AddInfoCommand(app, context);
  AddConvertCommand(app, context);
  AddMergeCommand(app, context);
  AddRecordCommand(app, context);
  // Every command reads profiles, perf.data among them.
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) AddPerfDataOptions(*command, context.read);

  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const std::bad_alloc&) {
    // On any thread: Task carries a worker's exception to the thread that joins it.
    err << "proflens: out of memory" << (context.reading.empty() ? "" : " while reading " + (context.reading == "-" ? std::string("standard input") : context.reading))
        << " (lower --threads, filter the input, or raise the memory limit)\n";
    return ExitCode(Status::Input(""));
  } catch (const std::system_error& e) {
    err << "proflens: " << e.what() << '\n';
    return ExitCode(Status::Input(""));
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      app.exit(e, out, err);
      return 0;
    }
    // A mistyped command: name the closest one.
    std::string unknown;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i].starts_with("-")) {
        if ((args[i] == "--threads" || args[i] == "--max-input-size") && i + 1 < args.size()) ++i;
        continue;
      }
      unknown = args[i];
      break;
    }
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->get_name() == unknown;
    std::string closest;
    if (!unknown.empty() && !known) {
      size_t best = SIZE_MAX;
      for (const CLI::App* sub : app.get_subcommands({})) {
        const size_t d = EditDistance(unknown, sub->get_name());
        if (d < best) {
          best = d;
          closest = sub->get_name();
        }
      }
      if (best > 2) closest.clear();
    }
    if (!unknown.empty() && !known) {
      err << "proflens: unknown command \"" << unknown << "\"" << (closest.empty() ? "" : "; did you mean \"" + closest + "\"?")
          << " (commands: top, peek, dot, diff, check, flame, report, info, convert, merge)\n";
    } else {
      err << "proflens: " << e.what() << "\n";
    }
    err << "Run 'proflens --help' (or 'proflens COMMAND --help') for usage.\n";
    return ExitCode(Status::Usage(""));
  }
  if (!context.status.ok()) {
    if (!context.status.message().empty()) err << "proflens: " << context.status.message() << '\n';
    return ExitCode(context.status);
  }
  return 0;
}

}  // namespace proflens
