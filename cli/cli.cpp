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

#include "analyzer/closest_name.h"
#include "analyzer/shown_text.h"
#include "cli/cmd_common.h"
#include "cli/option_spellings.h"

namespace proflens {

namespace {

// An error message for stderr: input text it quotes (a line of a file, a
// name) must not drive the terminal, so each line goes through TerminalText
// (control bytes as \x1b); the lines the message means stay lines.
std::string MessageForTerminal(std::string_view message) {
  std::string shown;
  size_t start = 0;
  while (true) {
    const size_t end = message.find('\n', start);
    shown += TerminalText(message.substr(start, end == std::string_view::npos ? end : end - start), kFullNameChars);
    if (end == std::string_view::npos) break;
    shown += '\n';
    start = end + 1;
  }
  return shown;
}

constexpr const char* kFooter =
    "Inputs are recognized by content, never by name: pprof (profile.proto, and its legacy CPU,\n"
    "heap, contention and goroutine formats), Go goroutine dumps (debug=2), perf.data, perf script text, folded\n"
    "stacks (FlameGraph, inferno, py-spy), Austin, cProfile/profile output, callgrind, speedscope\n"
    "JSON, Chrome trace JSON, V8 .cpuprofile and --prof-process --preprocess JSON, Firefox Profiler\n"
    "JSON (Firefox, samply) and Python tracemalloc snapshots; any of them gzipped or not, UTF-8 or\n"
    "UTF-16 with a byte-order mark; - reads standard input; directories and tar, tar.gz or zip archives\n"
    "are read entry by entry; http:// and https:// URLs are fetched (--seconds, --timeout, --save).\n"
    "Reports for people (pprof -top, DOT, proflens's own text) are refused, with what they look like.\n"
    "Exit codes: 0 ok, 1 an assertion failed, 2 usage error, 3 input or I/O error.";

}  // namespace

namespace {

// What a command does with its inputs once they are read, for a message
// naming the step that ran out of memory.
std::string StepAfterReading(const std::string& command) {
  if (command == "flame") return "building the flame graph of";
  if (command == "report") return "building the report of";
  if (command == "diff") return "comparing";
  if (command == "convert") return "converting";
  if (command == "merge") return "merging";
  if (command == "info") return "describing";
  return "building the call graph of";  // top, peek, dot, check
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CommandContext context{out, err, Status::Ok(), ReadOptions{}};
  CLI::App app(std::string("proflens: answers from performance profiles (") + kFormatsRead + ")", "proflens");
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
  // URL inputs, as go tool pprof's -seconds and -timeout, and where the fetched bytes are kept.
  app.add_option("--seconds", context.fetch.seconds,
                 "URL inputs: the profile's duration, set as the URL's seconds= (as go tool pprof -seconds)")
      ->check(CLI::PositiveNumber);
  app.add_option("--timeout", context.fetch.timeout,
                 "URL inputs: seconds the fetch may take in all (default: 1.5 x --seconds, else 60; "
                 "connecting: 10 at most)")
      ->check(CLI::PositiveNumber);
  app.add_option("--save", context.save, "URL inputs: keep the fetched bytes in this file (written atomically)");
  // The global options may also follow the command: proflens top URL --seconds 5.
  app.fallthrough();
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
  AddTracesCommand(app, context);
  AddDotCommand(app, context);
  AddDiffCommand(app, context);
  AddCheckCommand(app, context);
  AddFlameCommand(app, context);
  AddReportCommand(app, context);
  AddTrendCommand(app, context);
  AddServeCommand(app, context);
  AddInfoCommand(app, context);
  AddConvertCommand(app, context);
  AddMergeCommand(app, context);
  AddRecordCommand(app, context);
  // Every command reads profiles, perf.data among them.
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) AddPerfDataOptions(*command, context.read);

  const std::vector<std::string> spelled = TranslatePprofSpellings(args);
  std::vector<const char*> argv;
  for (const std::string& a : spelled) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const std::bad_alloc&) {
    // On any thread: Task carries a worker's exception to the thread that joins it.
    const std::string command = app.get_subcommands().empty() ? "" : app.get_subcommands()[0]->get_name();
    std::string where;
    if (!context.reading.empty()) {
      where = " while reading " + (context.reading == "-" ? std::string("standard input") : context.reading);
    } else if (!context.inputs_read.empty()) {
      where = " " + StepAfterReading(command) + " " + context.inputs_read;
    }
    err << "proflens: " << (command.empty() ? "" : command + ": ") << "out of memory" << where
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
        const bool takes_value = args[i] == "--threads" || args[i] == "--max-input-size" || args[i] == "--color" ||
                                 args[i] == "--seconds" || args[i] == "--timeout" || args[i] == "--save";
        if (takes_value && i + 1 < args.size()) ++i;
        continue;
      }
      unknown = args[i];
      break;
    }
    bool known = false;
    std::vector<std::string_view> commands;
    std::string command_list;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known |= sub->get_name() == unknown;
      commands.push_back(sub->get_name());
      command_list += (command_list.empty() ? "" : ", ") + sub->get_name();
    }
    if (!unknown.empty() && !known) {
      const std::string closest = ClosestName(commands, unknown, 2);
      err << "proflens: unknown command \"" << unknown << "\"" << (closest.empty() ? "" : "; did you mean \"" + closest + "\"?")
          << " (commands: " << command_list << ")\n";
    } else if (const std::string unknown_option = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr
                                                       ? UnknownOptionMessage(app, spelled)
                                                       : "";
               !unknown_option.empty()) {
      err << "proflens: " << unknown_option << "\n";
    } else {
      err << "proflens: " << e.what() << "\n";
    }
    err << "Run 'proflens --help' (or 'proflens COMMAND --help') for usage.\n";
    return ExitCode(Status::Usage(""));
  }
  if (!context.status.ok()) {
    if (!context.status.message().empty()) err << "proflens: " << MessageForTerminal(context.status.message()) << '\n';
    return ExitCode(context.status);
  }
  // The URL options did nothing: say so rather than let --save seem to have saved.
  if (context.fetched == 0) {
    for (const char* name : {"--seconds", "--timeout", "--save"}) {
      if (app.count(name) > 0) err << "proflens: note: " << name << " is for URL inputs, and no input was one\n";
    }
  }
  return 0;
}

}  // namespace proflens
