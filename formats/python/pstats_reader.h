// cProfile / profile output (`python -m cProfile -o FILE`, Profile.dump_stats,
// pstats.Stats.dump_stats): a marshalled dict
//   (file, line, function) -> (primitive calls, total calls, tottime, cumtime, callers)
// where callers maps each caller's key to (total calls, primitive calls,
// tottime, cumtime) of the calls it made (or, from the old `profile`
// module, to a call count).
//
// It becomes a graph profile with one sample type, time in nanoseconds:
// flat is tottime, cum is cumtime, calls and primitive calls are pstats's
// ncalls, and each caller entry is an edge weighted by its cumtime. Node
// names are pstats's "file:line(function)" ("{built-in ...}" for builtins).
// cProfile measures integer nanoseconds and writes seconds as ns * 1e-9, so
// the conversion back is exact and tables print the very floats pstats does.
#ifndef PROFLENS_FORMATS_PYTHON_PSTATS_READER_H_
#define PROFLENS_FORMATS_PYTHON_PSTATS_READER_H_

#include <optional>
#include <string_view>

#include "analyzer/graph_profile.h"
#include "analyzer/status.h"

namespace proflens {

Result<GraphProfile> ReadPstats(std::string_view bytes);

// ReadPstats's two paths, apart for the tests that hold them equal.
// The profile from a well-formed pstats file's bytes, read without a marshal
// document; none when the file strays from what pstats writes in any way
// (ReadPstats then reads it through the document, which names the problem).
std::optional<GraphProfile> ReadPstatsDirect(std::string_view bytes);

// The profile read through a decoded marshal document: every file, with
// errors that name their byte offset (what ReadPstats falls back to).
Result<GraphProfile> ReadPstatsDocument(std::string_view bytes);

// True when `bytes` starts as a marshalled pstats dict does.
bool LooksLikePstats(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_PSTATS_READER_H_
