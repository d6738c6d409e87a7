// Reading what commands take: the bytes of a file, - or URL, the files an
// option names (--rules, --files-from, --bench-output: a file or a URL), and
// the inputs expanded (a directory or an archive into the profiles it holds),
// each profile read once with what its reader skipped told on stderr. Every
// command's inputs come through ForEachInput or ForEachLoadedInput, so a
// directory, an archive and a URL are inputs everywhere.
#ifndef PROFLENS_APP_READ_INPUTS_H_
#define PROFLENS_APP_READ_INPUTS_H_

#include <functional>
#include <string>
#include <vector>

#include "analyzer/status.h"
#include "app/command_context.h"
#include "formats/io/input.h"

namespace proflens {

// The bytes of a file, - (standard input) or URL: a URL is fetched with the
// context's fetch options, and its bytes kept in context.save when set (one
// URL only).
Result<InputBuffer> ReadSource(const std::string& path, CommandContext& context, uint64_t max_size);

// The bytes of a file an option names (`option`: "--rules"), or of an http(s)
// URL: fetched as it is written (no pprof endpoint, no seconds=) with the
// same --timeout and the same errors as a profile's URL, never --save'd.
// Errors name the option.
Result<InputBuffer> ReadOptionFile(const std::string& path, const std::string& option, CommandContext& context);

// Reads one file or URL (with the context's read options, or `read`) and
// reports what its reader skipped, one line per kind on stderr (ReadSource
// reads it). With context.loaded set, the input is a copy of the cached
// one, and a path not in the cache (or one holding several profiles) is an
// error.
Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context);
Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context, const ReadOptions& read);
// The same for a file already read (ReadInput).
Result<LoadedProfile> LoadProfile(const std::string& path, const InputBuffer& input, CommandContext& context,
                                  const ReadOptions& read);

// One profile of the inputs as ForEachInput hands it over, not read yet.
struct InputItem {
  std::string name;  // for messages: the path, "day/node-1/cpu.pb.gz", or "day.tar.gz:node-1/cpu.pb.gz"
  std::string file;  // its path inside its directory or archive, "" for a plain file: the `file` label
  const InputBuffer& input;
};

// Expands the paths: a directory (recursively, files in sorted order) and a
// tar, tar.gz or zip archive (recognized by content) into the profiles they
// hold, each read in turn (an archive's entries one at a time). Files and
// entries that are no profile are passed over with one note per directory or
// archive counting them; one that holds no profile at all is an input error.
Status ForEachInput(const std::vector<std::string>& paths, CommandContext& context,
                    const std::function<Status(const InputItem&)>& visit);

// The same, each profile read (LoadProfile with `read`); a stack profile
// from a directory or an archive carries the label `file`, its path inside.
// With context.loaded set (proflens serve), the cached copies of each path's
// profiles, nothing read again.
Status ForEachLoadedInput(const std::vector<std::string>& paths, CommandContext& context, const ReadOptions& read,
                          const std::function<Status(LoadedItem)>& visit);

// Every path read once and expanded (proflens serve), for
// CommandContext::loaded; each input's timeline kept.
Result<LoadedInputCache> LoadInputCache(const std::vector<std::string>& paths, CommandContext& context);

}  // namespace proflens

#endif  // PROFLENS_APP_READ_INPUTS_H_
