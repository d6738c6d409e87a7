// CommandContext: what every command reads and writes besides its own
// arguments: the output and error streams, the global input options (URL
// inputs' among them), and the status the command ended with (cli/ maps it
// to the exit code).
#ifndef PROFLENS_APP_COMMAND_CONTEXT_H_
#define PROFLENS_APP_COMMAND_CONTEXT_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/status.h"
#include "formats/io/url_input.h"
#include "formats/read_profile.h"

namespace proflens {

// One profile of the inputs, read: a plain file, or one inside a directory
// or an archive (ForEachLoadedInput, app/load.h).
struct LoadedItem {
  std::string name;  // for messages: the path, "day/node-1/cpu.pb.gz", or "day.tar.gz:node-1/cpu.pb.gz"
  std::string file;  // its path inside its directory or archive, "" for a plain file: the `file` label
  LoadedProfile loaded;
};

// Inputs read once and kept (proflens serve): by the name each was given as,
// each the profiles it holds (one for a file; a directory's or an archive's).
using LoadedInputCache = std::map<std::string, std::vector<LoadedItem>, std::less<>>;

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  Status status;        // set by the command that ran
  ReadOptions read;     // global input options (--max-input-size, --threads)
  std::string reading{};  // the input being read, for an out-of-memory message
  std::string inputs_read{};  // the inputs read so far ("a.pb.gz, b.pb.gz"), for an out-of-memory message after reading
  bool color = false;   // --color: PASS and FAIL in colour (a terminal, unless NO_COLOR)
  FetchOptions fetch{}; // URL inputs: --seconds, --timeout (and read.max_decompressed_size)
  std::string save{};   // --save: where a fetched input's bytes are kept ("" for nowhere)
  int fetched = 0;      // URL inputs fetched so far
  // When set, inputs are taken from here (copies) and nothing else is read:
  // proflens serve's inputs, loaded once and shared read-only by its requests.
  const LoadedInputCache* loaded = nullptr;
};

}  // namespace proflens

#endif  // PROFLENS_APP_COMMAND_CONTEXT_H_
