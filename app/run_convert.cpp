// proflens convert and merge: profiles read (several merged) and written in
// the format the output names: pprof, folded stacks (what
// stackcollapse-perf.pl writes, with its options), speedscope or callgrind.
// Inputs are folded in one at a time, so memory follows the distinct stacks,
// not the number of files; a merged profile merges again (merge is associative).
#include <sstream>

#include "analyzer/set_labels.h"
#include "app/commands.h"
#include "app/listed_frames.h"
#include "app/load.h"
#include "formats/callgrind/callgrind.h"
#include "formats/folded/folded.h"
#include "formats/io/archive.h"
#include "formats/io/gzip.h"
#include "formats/io/output_file.h"
#include "formats/io/text_pieces.h"
#include "formats/json/speedscope.h"
#include "formats/pprof/pprof.h"

namespace proflens {

namespace {

Status WriteProfileAs(const AnyProfile& any, const OutputArgs& args, CommandContext& context) {
  std::string to = args.to;
  if (to.empty()) {
    const std::string& p = args.path;
    std::string base = p.substr(p.rfind('/') + 1);
    if (p.ends_with(".pb.gz") || p.ends_with(".pb") || p.ends_with(".pprof")) {
      to = "pprof";
    } else if (p.ends_with(".folded") || p.ends_with(".collapsed")) {
      to = "folded";
    } else if (p.ends_with(".speedscope.json")) {
      to = "speedscope";
    } else if (base.starts_with("callgrind.out") || p.ends_with(".callgrind")) {
      to = "callgrind";
    } else {
      return Status::Usage("cannot tell the output format from \"" + p +
                           "\": give --to pprof, folded, speedscope or callgrind (or name it .pb.gz, .folded, "
                           ".speedscope.json or callgrind.out.NAME)");
    }
  }
  std::string bytes;
  if (to == "callgrind") {
    std::ostringstream text;
    WriteCallgrind(any, text);
    return WriteOutputFile(args.path, std::move(text).str(), context.out);
  }
  // Every other output is of stacks.
  PROFLENS_ASSIGN_OR_RETURN(const Profile* stacks, any.Stacks(to == "speedscope" ? "speedscope files need" : to + " output needs"));
  const Profile& profile = *stacks;
  PROFLENS_RETURN_IF_ERROR(CheckListedFrames(profile, "a " + to + " file", "writing " + args.path));
  if (to == "pprof") {
    bytes = Gzip(WritePprof(profile));
  } else if (to == "speedscope") {
    std::ostringstream text;
    PROFLENS_RETURN_IF_ERROR(WriteSpeedscope(profile, text));
    bytes = std::move(text).str();
  } else {
    Result<int> index = profile.SampleIndexByName(args.sample_index);
    if (!index.ok()) return index.status();
    FoldedOptions options;
    options.sample_index = *index;
    options.pid = args.pid;
    options.tid = args.tid;
    options.kernel = args.kernel || args.all;
    options.jit = args.jit || args.all;
    options.addrs = args.addrs;
    options.srcline = args.srcline;
    options.threads = ResolveThreads(context.read.threads);
    return WriteOutputStream(args.path, context.out, [&](std::ostream& out) {
      WriteFolded(profile, options, out);
      return Status::Ok();
    });
  }
  return WriteOutputFile(args.path, bytes, context.out);
}

}  // namespace

Status RunConvert(const ConvertArgs& args, CommandContext& context) {
  PROFLENS_ASSIGN_OR_RETURN(const LoadedInputs inputs, LoadProfiles(args.files, context, false, args.output.sample_index, Kinds::kMustName));
  return WriteProfileAs(inputs.profile, args.output, context);
}

Status RunMerge(const MergeArgs& args, CommandContext& context) {
  std::vector<std::string> files = args.files;
  if (!args.files_from.empty()) {
    PROFLENS_ASSIGN_OR_RETURN(const std::vector<std::string> listed, ReadFileList(args.files_from, context));
    files.insert(files.end(), listed.begin(), listed.end());
  }
  // A list may hold one file (a day with one profile); on the command line
  // one is a slip, unless it is a directory or an archive of profiles.
  if (args.files_from.empty() && files.size() == 1 && !HoldsProfiles(files[0])) {
    return Status::Usage("merge needs two profiles or more, a directory or an archive of them (or --files-from)");
  }
  if (args.files_from.empty() && files.empty()) return Status::Usage("merge needs two profiles or more (or --files-from)");
  if (files.empty()) return Status::Usage("merge: " + args.files_from + " lists no files");
  PROFLENS_ASSIGN_OR_RETURN(const std::vector<LabelValue> labels, ParseLabelArgs(args.labels));
  PROFLENS_ASSIGN_OR_RETURN(const LoadedInputs inputs, LoadProfiles(files, context, false, args.output.sample_index, Kinds::kMustName));
  if (labels.empty()) return WriteProfileAs(inputs.profile, args.output, context);
  PROFLENS_ASSIGN_OR_RETURN(const Profile* stacks, inputs.profile.Stacks("--label needs"));
  return WriteProfileAs(AnyProfile(SetLabels(*stacks, labels)), args.output, context);
}

}  // namespace proflens
