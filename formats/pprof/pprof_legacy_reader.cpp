#include "formats/pprof/pprof_legacy.h"

#include "formats/io/line_scanner.h"
#include "formats/pprof/pprof_legacy_model.h"

namespace proflens {

namespace {

// The first line that is not blank or a comment.
std::string_view FirstLine(std::string_view text) {
  LineScanner scanner(text);
  std::string_view line;
  while (scanner.Next(&line)) {
    if (!legacy::IsBlankOrComment(line)) return Trim(line);
  }
  return {};
}

}  // namespace

bool LooksLikePprofLegacy(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  if (legacy::HasCpuHeader(head)) return true;
  LineScanner scanner(head);
  std::string_view first;
  scanner.Next(&first);
  first = Trim(first);
  for (std::string_view prefix : {"--- contentionz ", "--- mutex:", "--- contention:", "--- heapz 1 ---"}) {
    if (first.starts_with(prefix)) return true;
  }
  if (first.starts_with("heap profile:")) return true;
  const std::string_view line = FirstLine(head);
  if (line.starts_with("--- threadz ") || line.starts_with("--- Thread ")) return true;
  const size_t space = line.find(' ');
  return space != std::string_view::npos && space > 0 && line.substr(space).starts_with(" profile: total ");
}

Result<Profile> ReadPprofLegacy(std::string_view bytes) {
  using Reader = std::optional<Result<legacy::Model>> (*)(std::string_view);
  // In go tool pprof's order: the first reader that knows the header reads the file.
  for (Reader read : {legacy::ReadCpu, legacy::ReadHeap, legacy::ReadCount, legacy::ReadThread,
                      legacy::ReadContention, legacy::ReadJava}) {
    std::optional<Result<legacy::Model>> model = read(bytes);
    if (!model) continue;
    if (!model->ok()) return model->status().WithContext("pprof legacy profile");
    if (model->value().samples.empty() && model->value().sample_types.empty()) break;
    return legacy::BuildProfile(std::move(*model).value());
  }
  return Status::Input("this begins as a pprof legacy profile, but its header is none that go tool pprof reads");
}

}  // namespace proflens
