// proflens record [-F HZ] [--call-graph fp|dwarf] [-o OUT] -- CMD ARGS...:
// runs `perf record` on the command into a temporary perf.data, reads it
// (with a progress line on a terminal, whatever its size) and writes OUT by
// its name: a report (.html), a flame graph (.svg), pprof (.pb.gz, .pb) or
// folded stacks (.folded). A command that fails (perf passes its exit status
// on) still gets OUT written from what was recorded, and exit 3 saying so.
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/commands.h"
#include "formats/io/progress.h"

extern char** environ;

namespace proflens {

namespace {

// The program `name` runs as, looked up on PATH as execvp does (a name with
// a '/' is taken as it is), or "" when there is none that may be run.
std::string FindProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    const size_t colon = dirs.find(':', start);
    const std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    struct stat st{};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return "";
}

int Paranoid() {
  std::ifstream in("/proc/sys/kernel/perf_event_paranoid");
  int level = 2;
  in >> level;
  return level;
}

// What OUT's name asks for.
enum class Output { kReport, kFlame, kProfile };
Result<Output> OutputOf(const std::string& path) {
  if (path.ends_with(".html")) return Output::kReport;
  if (path.ends_with(".svg")) return Output::kFlame;
  if (path.ends_with(".pb.gz") || path.ends_with(".pb") || path.ends_with(".folded")) return Output::kProfile;
  return Status::Usage("record: -o " + path + ": expected a name ending in .html (a report), .svg (a flame graph), "
                       ".pb.gz (pprof) or .folded (folded stacks)");
}

// Runs perf record; its own messages go to the terminal. The exit status of
// perf. Ctrl-C stops the command and perf writes what it has, so proflens
// ignores SIGINT meanwhile (perf gets it with its default action) and goes on
// to read the capture.
Result<int> RunPerfRecord(const std::string& perf, const RecordArgs& args, const std::string& data) {
  std::vector<std::string> argv = {perf, "record", "-q", "-F", std::to_string(args.frequency), "--call-graph",
                                   args.call_graph == "dwarf" ? "dwarf" : "fp", "-o", data, "--"};
  argv.insert(argv.end(), args.command.begin(), args.command.end());
  std::vector<char*> raw;
  for (std::string& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t interrupt;
  sigemptyset(&interrupt);
  sigaddset(&interrupt, SIGINT);
  posix_spawnattr_setsigdefault(&attr, &interrupt);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  struct sigaction ignore{}, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &previous);
  pid_t child = 0;
  const int spawned = posix_spawn(&child, perf.c_str(), nullptr, &attr, raw.data(), environ);
  posix_spawnattr_destroy(&attr);
  int status = 0;
  bool waited = spawned == 0;
  while (waited && waitpid(child, &status, 0) < 0) waited = errno == EINTR;
  ::sigaction(SIGINT, &previous, nullptr);
  if (spawned != 0) return Status::Input("record: could not run " + perf);
  if (!waited) return Status::Input("record: waiting for perf failed");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Reads the capture as any input and writes OUT by its name.
Status WriteRecorded(Output output, const RecordArgs& args, const std::string& data, CommandContext& context) {
  switch (output) {
    case Output::kReport: {
      ReportArgs report;
      report.view.files = {data};
      report.output = args.output;
      report.output_given = true;
      report.title = "proflens record: " + args.command[0];
      report.generator = args.generator;
      return RunReport(report, context);
    }
    case Output::kFlame: {
      FlameArgs flame;
      flame.view.files = {data};
      flame.view.symbols = "";
      flame.output = args.output;
      return RunFlame(flame, context);
    }
    case Output::kProfile: {
      ConvertArgs convert;
      convert.files = {data};
      convert.output.path = args.output;
      return RunConvert(convert, context);
    }
  }
  return Status::Ok();
}

}  // namespace

Status RunRecord(const RecordArgs& args, CommandContext& context) {
  if (args.command.empty()) return Status::Usage("record needs a command to run: proflens record -o report.html -- ./my-program");
  PROFLENS_ASSIGN_OR_RETURN(const Output output, OutputOf(args.output));
  const std::string perf = FindProgram("perf");
  if (perf.empty()) {
    return Status::Input("record: perf is not installed (not found on PATH): install it (Debian: apt-get install "
                         "linux-perf; Ubuntu: apt-get install linux-tools-$(uname -r)) and run again");
  }
  const int paranoid = Paranoid();
  if (paranoid > 2 && ::geteuid() != 0) {
    return Status::Input("record: perf may not record here: /proc/sys/kernel/perf_event_paranoid is " +
                         std::to_string(paranoid) + "; allow it with `sudo sysctl kernel.perf_event_paranoid=1`, or run as root");
  }
  if (FindProgram(args.command[0]).empty()) {
    return Status::Input("record: cannot run `" + args.command[0] + "`: " +
                         (args.command[0].find('/') != std::string::npos ? "no such executable file" : "not found on PATH"));
  }
  // A private temporary file for the capture, removed however this ends.
  std::string data = (std::filesystem::temp_directory_path() / "proflens-record-XXXXXX").string();
  const int fd = ::mkstemp(data.data());
  if (fd < 0) return Status::Input("record: cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{data};
  PROFLENS_ASSIGN_OR_RETURN(const int code, RunPerfRecord(perf, args, data));
  struct stat st{};
  if (::stat(data.c_str(), &st) != 0 || st.st_size == 0) {
    std::string why = "record: perf record wrote nothing (exit status " + std::to_string(code) + ")";
    if (paranoid > 1 && ::geteuid() != 0) {
      why += ": /proc/sys/kernel/perf_event_paranoid is " + std::to_string(paranoid) +
             ", which keeps perf from sampling; allow it with `sudo sysctl kernel.perf_event_paranoid=1`, or run as root";
    }
    return Status::Input(why);
  }
  // The capture, read as any input (a progress line on a terminal) and written by OUT's name.
  ProgressMeter::ShowAbove(0);
  const Status written = WriteRecorded(output, args, data, context);
  if (code == 0 || code == 128 + SIGINT) return written;  // done, or stopped by Ctrl-C
  // perf record exits with the command's status (255 when perf itself failed
  // or the command could not start; 128 + N when a signal ended it).
  const std::string failed = "record: `" + args.command[0] + "` failed: perf record exited with status " +
                             std::to_string(code) +
                             (code == 255 ? " (perf failed, or the command could not start)"
                              : code > 128 ? " (ended by signal " + std::to_string(code - 128) + ")"
                                           : " (the command's exit status)");
  if (!written.ok()) return Status::Input(failed + "; " + written.message());
  return Status::Input(failed + "; " + args.output + " holds what was recorded");
}

}  // namespace proflens
