#include "formats/read_profile.h"

#include "formats/input.h"
#include "formats/pprof.h"

namespace proflens {

Result<LoadedProfile> ReadProfileFile(const std::string& path, const ReadOptions& options) {
  const std::string name = path == "-" ? "standard input" : path;
  Result<InputBuffer> input = ReadInput(path);
  if (!input.ok()) return input.status();
  LoadedProfile loaded;
  loaded.path = path;
  std::string_view bytes = input->bytes();
  loaded.file_size = bytes.size();
  if (bytes.empty()) return Status::Input("reading " + name + ": the file is empty, expected a profile");

  std::string decompressed;
  if (IsGzip(bytes)) {
    Result<std::string> gunzipped = Gunzip(bytes, options.max_decompressed_size);
    if (!gunzipped.ok()) return gunzipped.status().WithContext("reading " + name);
    decompressed = std::move(gunzipped).value();
    bytes = decompressed;
    loaded.gzipped = true;
    if (bytes.empty()) return Status::Input("reading " + name + ": the gzip data is empty, expected a profile");
  }

  loaded.format = DetectFormat(bytes);
  Result<Profile> profile = Status::Input("");
  switch (loaded.format) {
    case Format::kPprof:
      profile = ReadPprof(bytes);
      break;
    default:
      return Status::Input("reading " + name +
                           ": unrecognized format (expected pprof profile.proto, gzipped or plain)");
  }
  if (!profile.ok()) return profile.status().WithContext("reading " + name);
  loaded.profile = std::move(profile).value();
  return loaded;
}

}  // namespace proflens
