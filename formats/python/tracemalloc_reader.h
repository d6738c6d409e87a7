// Python's tracemalloc snapshots, as Snapshot.dump writes them (a pickle of
// protocol 4 or 5, Python 3.8 to 3.13), read with the restricted decoder of
// pickle.h. Each trace is a sample with two sample types: space (bytes, the
// default) and count (one object); its stack is its traceback, the most
// recent frame the leaf (tracemalloc stores them so). A frame is a function
// named "file:line" in that file: tracemalloc records no function names, so
// top at the default granularity equals Snapshot.statistics("lineno"), and
// --granularity files equals statistics("filename"). A domain other than 0
// is a label; the traceback limit is a comment.
#ifndef PROFLENS_FORMATS_PYTHON_TRACEMALLOC_READER_H_
#define PROFLENS_FORMATS_PYTHON_TRACEMALLOC_READER_H_

#include <string_view>

#include "analyzer/profile.h"
#include "analyzer/status.h"

namespace proflens {

Result<Profile> ReadTracemalloc(std::string_view bytes);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PYTHON_TRACEMALLOC_READER_H_
