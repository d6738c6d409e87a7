// proflens merge A B C... -o OUT: sums profiles of the same sample types
// (pprof's merge rules), from any input formats, into one output. Inputs are
// folded in one at a time, so memory follows the distinct stacks, not the
// number of files; --files-from reads the list (beyond ARG_MAX) from a file
// or standard input. A merged profile merges again: merge is associative.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli.h"
#include "cli/cmd_common.h"
#include "formats/input.h"

namespace proflens {

namespace {

// One path a line; blank lines and surrounding blanks are ignored.
Result<std::vector<std::string>> ReadFileList(const std::string& list) {
  Result<InputBuffer> input = ReadInput(list);
  if (!input.ok()) return input.status();
  std::vector<std::string> paths;
  std::string_view text = input->bytes();
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty()) paths.emplace_back(line);
  }
  return paths;
}

}  // namespace

void AddMergeCommand(CLI::App& app, CommandContext& context) {
  struct MergeArgs {
    std::vector<std::string> files;
    std::string files_from;
    OutputArgs output;
  };
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Sum profiles of the same sample types into one (pprof's merge)");
  cmd->footer("Examples: proflens merge host1.pb.gz host2.pb.gz host3.txt -o fleet.pb.gz\n"
              "          find day/ -name '*.pb.gz' | proflens merge --files-from - -o day.pb.gz");
  cmd->add_option("files", args->files, "Profiles to merge, any formats");
  cmd->add_option("--files-from", args->files_from, "Also merge the files listed in this file, one a line (- for standard input)");
  AddOutputOptions(*cmd, args->output);
  cmd->get_option("--output")->required();
  cmd->callback([args, &context] {
    context.status = [&]() -> Status {
      std::vector<std::string> files = args->files;
      if (!args->files_from.empty()) {
        Result<std::vector<std::string>> listed = ReadFileList(args->files_from);
        if (!listed.ok()) return listed.status();
        files.insert(files.end(), listed->begin(), listed->end());
      }
      // A list may hold one file (a day with one profile); on the command line one is a slip.
      if (args->files_from.empty() && files.size() < 2) return Status::Usage("merge needs two profiles or more (or --files-from)");
      if (files.empty()) return Status::Usage("merge: " + args->files_from + " lists no files");
      Result<AnyProfile> profile = LoadProfiles(files, context);
      return profile.ok() ? WriteProfileAs(*profile, args->output, context) : profile.status();
    }();
  });
}

}  // namespace proflens
