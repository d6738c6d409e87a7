#include "formats/io/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>

#include "formats/io/gzip.h"
#include "formats/io/input.h"

namespace proflens {

namespace {

bool IsTar(std::string_view head) { return head.size() >= 262 && head.substr(257, 5) == "ustar"; }

struct ArchiveCloser {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

Status ArchiveError(struct archive* a, const std::string& where) {
  const char* why = archive_error_string(a);
  return Status::Input(where + (why != nullptr ? std::string(": ") + why : std::string()));
}

}  // namespace

ArchiveKind DetectArchive(std::string_view bytes) {
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) return ArchiveKind::kZip;
  if (IsTar(bytes)) return ArchiveKind::kTar;
  if (IsGzip(bytes) && IsTar(GunzipHead(bytes, 512))) return ArchiveKind::kTarGzip;
  return ArchiveKind::kNone;
}

std::string_view ArchiveKindName(ArchiveKind kind) {
  switch (kind) {
    case ArchiveKind::kTar: return "tar";
    case ArchiveKind::kTarGzip: return "tar.gz";
    case ArchiveKind::kZip: return "zip";
    case ArchiveKind::kNone: break;
  }
  return "none";
}

Status ForEachArchiveEntry(std::string_view archive, uint64_t max_entry_size, const ArchiveVisitor& visit) {
  std::unique_ptr<struct archive, ArchiveCloser> a(archive_read_new());
  if (!a) return Status::Input("cannot start reading the archive (out of memory?)");
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), archive.data(), archive.size()) != ARCHIVE_OK) {
    return ArchiveError(a.get(), "not a tar or zip archive proflens reads");
  }
  std::string bytes;
  struct archive_entry* entry = nullptr;
  for (;;) {
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) return ArchiveError(a.get(), "a damaged archive");
    const char* name = archive_entry_pathname(entry);
    const std::string path = name != nullptr ? name : "";
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    // The size the header gives bounds the read; a zip streams some
    // entries without one, so the bound is checked as it is read too.
    if (archive_entry_size_is_set(entry) && static_cast<uint64_t>(archive_entry_size(entry)) > max_entry_size) {
      return Status::Input("entry " + path + ": " + std::to_string(archive_entry_size(entry)) +
                           " bytes, more than --max-input-size (" + std::to_string(max_entry_size) + ")");
    }
    bytes.clear();
    char block[1 << 16];
    for (;;) {
      const la_ssize_t n = archive_read_data(a.get(), block, sizeof block);
      if (n == 0) break;
      if (n < 0) return ArchiveError(a.get(), "entry " + path);
      if (bytes.size() + static_cast<uint64_t>(n) > max_entry_size) {
        return Status::Input("entry " + path + ": more than --max-input-size (" + std::to_string(max_entry_size) +
                             " bytes)");
      }
      bytes.append(block, static_cast<size_t>(n));
    }
    PROFLENS_RETURN_IF_ERROR(visit(path, bytes));
  }
  return Status::Ok();
}

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool HoldsProfiles(const std::string& path) {
  if (path == "-") return false;
  if (IsDirectory(path)) return true;
  Result<InputBuffer> input = ReadInput(path);
  return input.ok() && DetectArchive(input->bytes()) != ArchiveKind::kNone;
}

Result<std::vector<std::string>> ListDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path& path = it->path();
    if (path.filename().string().starts_with(".")) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error)) files.push_back(fs::relative(path, dir, error).generic_string());
  }
  if (error) return Status::Input("reading " + dir + ": " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace proflens
