// CommandContext: what every command reads and writes besides its own
// arguments: the output and error streams, the global input options, and
// the status the command ended with (cli/ maps it to the exit code).
#ifndef PROFLENS_APP_COMMAND_CONTEXT_H_
#define PROFLENS_APP_COMMAND_CONTEXT_H_

#include <ostream>
#include <string>

#include "analyzer/status.h"
#include "formats/read_profile.h"

namespace proflens {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  Status status;        // set by the command that ran
  ReadOptions read;     // global input options (--max-input-size, --threads)
  std::string reading;  // the input being read, for an out-of-memory message
  std::string inputs_read;  // the inputs read so far ("a.pb.gz, b.pb.gz"), for an out-of-memory message after reading
  bool color = false;   // --color: PASS and FAIL in colour (a terminal, unless NO_COLOR)
};

}  // namespace proflens

#endif  // PROFLENS_APP_COMMAND_CONTEXT_H_
