// Archives and directories of profiles, as inputs: a directory (walked
// recursively, files in sorted order), a tar (plain or gzipped, `.tgz`) or a
// zip archive, each recognized by its content. Entries are handed to the
// caller one at a time, each read whole into one buffer reused for the next,
// so memory follows the largest entry, not the archive.
#ifndef PROFLENS_FORMATS_IO_ARCHIVE_H_
#define PROFLENS_FORMATS_IO_ARCHIVE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

enum class ArchiveKind { kNone, kTar, kTarGzip, kZip };

// By content: zip's local header ("PK\3\4", or an empty zip's "PK\5\6"),
// tar's "ustar" magic at byte 257 (of the data, or of its gzip inflation).
ArchiveKind DetectArchive(std::string_view bytes);

// "tar", "tar.gz", "zip".
std::string_view ArchiveKindName(ArchiveKind kind);

// Calls `visit` with each regular file's path inside the archive and its
// bytes, in the archive's order; directories, links and other entries are
// passed over. An entry over `max_entry_size` bytes, or a damaged archive,
// is an input error naming the entry; `visit`'s error ends the walk.
using ArchiveVisitor = std::function<Status(const std::string& path, std::string_view bytes)>;
Status ForEachArchiveEntry(std::string_view archive, uint64_t max_entry_size, const ArchiveVisitor& visit);

// The regular files under `dir`, recursively, as paths relative to it,
// sorted (bytewise); hidden files and folders (".git") are left out.
Result<std::vector<std::string>> ListDirectory(const std::string& dir);

// Whether `path` names a directory.
bool IsDirectory(const std::string& path);

// Whether `path` is a directory or an archive (by its first bytes).
bool HoldsProfiles(const std::string& path);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_ARCHIVE_H_
