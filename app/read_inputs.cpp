#include "app/read_inputs.h"

#include <algorithm>
#include <cctype>

#include "analyzer/set_labels.h"
#include "formats/io/archive.h"
#include "formats/io/output_file.h"
#include "formats/io/url_input.h"

namespace proflens {

namespace {

// Fetches a URL under `plan`, with the note that says so.
Result<InputBuffer> Fetch(const FetchPlan& plan, CommandContext& context, uint64_t max_size) {
  context.err << "proflens: fetching " << plan.url;
  if (plan.seconds > 0) context.err << " (" << plan.seconds << " s)";
  context.err << '\n';
  return FetchUrl(plan, max_size);
}

// A URL input, fetched as go tool pprof fetches it (--seconds, --timeout),
// its bytes kept in --save's file when asked.
Result<InputBuffer> FetchInput(const std::string& url, CommandContext& context, uint64_t max_size) {
  if (!context.save.empty() && context.fetched > 0) {
    return Status::Usage("--save keeps one fetched input, and " + url + " is a second URL");
  }
  PROFLENS_ASSIGN_OR_RETURN(InputBuffer input, Fetch(PlanFetch(url, context.fetch), context, max_size));
  ++context.fetched;
  if (!context.save.empty()) {
    PROFLENS_RETURN_IF_ERROR(WriteOutputFile(context.save, input.bytes(), context.out).WithContext("--save"));
  }
  return input;
}

// "host:6060" or "host:6060/path".
bool LooksLikeHostPort(std::string_view path) {
  const size_t colon = path.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  const std::string_view host = path.substr(0, colon);
  const std::string_view rest = path.substr(colon + 1);
  const std::string_view port = rest.substr(0, rest.find('/'));
  auto host_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; };
  return std::all_of(host.begin(), host.end(), host_char) && !port.empty() &&
         std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A copy of a cached profile (the cache is shared), whose reader's notes
// were told when it was loaded.
LoadedItem CachedCopy(const LoadedItem& item, const ReadOptions& read) {
  LoadedItem copy = item;
  copy.loaded.notes.clear();
  copy.loaded.skipped.clear();
  if (!read.timeline) copy.loaded.timeline.reset();
  return copy;
}

Result<const std::vector<LoadedItem>*> Cached(const std::string& path, const LoadedInputCache& cache) {
  auto it = cache.find(path);
  if (it == cache.end()) return Status::Input(path + " is not one of the inputs");
  return &it->second;
}

// Files or entries passed over because they hold no profile, for one note.
struct NotProfiles {
  uint64_t count = 0;
  std::string first;

  void Add(const std::string& name) {
    if (count++ == 0) first = name;
  }
  void Note(const std::string& where, std::string_view what, CommandContext& context) const {
    if (count == 0) return;
    context.err << "proflens: reading " << where << ": skipped " << count << ' ' << what << (count == 1 ? "" : "s")
                << " that " << (count == 1 ? "is" : "are") << " no profile (first: " << first << ")\n";
  }
};

Status ExpandDirectory(const std::string& dir, CommandContext& context,
                       const std::function<Status(const InputItem&)>& visit) {
  PROFLENS_ASSIGN_OR_RETURN(const std::vector<std::string> files, ListDirectory(dir));
  const std::string prefix = dir.ends_with('/') ? dir : dir + "/";
  NotProfiles skipped;
  for (const std::string& file : files) {
    const std::string path = prefix + file;
    context.reading = path;
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadInput(path, context.read.max_decompressed_size));
    context.reading.clear();
    if (!LooksLikeProfile(input.bytes())) {
      skipped.Add(file);
      continue;
    }
    PROFLENS_RETURN_IF_ERROR(visit(InputItem{path, file, input}));
  }
  skipped.Note(dir, "file", context);
  if (skipped.count == files.size()) {
    return Status::Input("reading " + dir + ": no profile in the directory (" + std::to_string(files.size()) +
                         " files, none of a format proflens reads)");
  }
  return Status::Ok();
}

Status ExpandArchive(const std::string& path, ArchiveKind kind, const InputBuffer& archive, CommandContext& context,
                     const std::function<Status(const InputItem&)>& visit) {
  NotProfiles skipped;
  uint64_t profiles = 0;
  Status visited;
  const Status read = ForEachArchiveEntry(archive.bytes(), context.read.max_decompressed_size,
                                          [&](const std::string& entry, std::string_view bytes) {
                                            if (!LooksLikeProfile(bytes)) {
                                              skipped.Add(entry);
                                              return Status::Ok();
                                            }
                                            ++profiles;
                                            const InputBuffer input = InputBuffer::FromString(std::string(bytes));
                                            visited = visit(InputItem{path + ":" + entry, entry, input});
                                            return visited;
                                          });
  if (!visited.ok()) return visited;
  if (!read.ok()) return read.WithContext("reading " + path + " (a " + std::string(ArchiveKindName(kind)) + " archive)");
  skipped.Note(path, "entry", context);
  if (profiles == 0) {
    return Status::Input("reading " + path + ": no profile in the " + std::string(ArchiveKindName(kind)) + " archive (" +
                         std::to_string(skipped.count) + " files, none of a format proflens reads)");
  }
  return Status::Ok();
}

}  // namespace

Result<InputBuffer> ReadSource(const std::string& path, CommandContext& context, uint64_t max_size) {
  if (IsUrl(path)) return FetchInput(path, context, max_size);
  Result<InputBuffer> input = ReadInput(path, max_size);
  // go tool pprof takes "localhost:6060/debug/pprof/heap" for a URL; say how
  // proflens takes it.
  if (!input.ok() && LooksLikeHostPort(path)) {
    return Status::Input(input.status().message() + " (a URL? write http://" + path + ")");
  }
  return input;
}

Result<InputBuffer> ReadOptionFile(const std::string& path, const std::string& option, CommandContext& context) {
  Result<InputBuffer> input = IsUrl(path) ? Fetch(PlanFileFetch(path, context.fetch), context, context.read.max_decompressed_size) : ReadInput(path);
  if (!input.ok()) return input.status().WithContext(option);
  return input;
}

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context) {
  return LoadProfile(path, context, context.read);
}

Result<LoadedProfile> LoadProfile(const std::string& path, CommandContext& context, const ReadOptions& read) {
  if (context.loaded != nullptr) {
    PROFLENS_ASSIGN_OR_RETURN(const std::vector<LoadedItem>* items, Cached(path, *context.loaded));
    if (items->size() != 1) {
      return Status::Input(path + " holds " + std::to_string(items->size()) + " profiles, and one is read here");
    }
    return CachedCopy(items->front(), read).loaded;
  }
  context.reading = path;
  Result<InputBuffer> input = ReadSource(path, context, read.max_decompressed_size);
  if (!input.ok()) {
    context.reading.clear();
    return input.status();
  }
  return LoadProfile(path, *input, context, read);
}

Result<LoadedProfile> LoadProfile(const std::string& path, const InputBuffer& input, CommandContext& context,
                                  const ReadOptions& read) {
  context.reading = path;
  Result<LoadedProfile> loaded = ReadProfileInput(input, path, read);
  context.reading.clear();
  if (!loaded.ok()) return loaded;
  context.inputs_read += (context.inputs_read.empty() ? "" : ", ") + (path == "-" ? std::string("standard input") : path);
  const std::string name = path == "-" ? "standard input" : path;
  for (const std::string& note : loaded->notes) context.err << "proflens: reading " << name << ": " << note << '\n';
  for (const SkippedLines& s : loaded->skipped) {
    if (s.count == 0) continue;
    context.err << "proflens: reading " << name << ": skipped " << s.count << ' ' << s.what();
    if (s.first_line != 0 && !s.first_text.empty()) {
      context.err << " (first: line " << s.first_line << ": \"" << s.first_text << "\")";
    } else if (s.first_line != 0) {
      context.err << " (line " << s.first_line << ")";
    }
    context.err << '\n';
  }
  return loaded;
}

Status ForEachInput(const std::vector<std::string>& paths, CommandContext& context,
                    const std::function<Status(const InputItem&)>& visit) {
  for (const std::string& path : paths) {
    if (path != "-" && IsDirectory(path)) {
      PROFLENS_RETURN_IF_ERROR(ExpandDirectory(path, context, visit));
      continue;
    }
    context.reading = path;
    PROFLENS_ASSIGN_OR_RETURN(const InputBuffer input, ReadSource(path, context, context.read.max_decompressed_size));
    context.reading.clear();
    if (const ArchiveKind kind = DetectArchive(input.bytes()); kind != ArchiveKind::kNone) {
      PROFLENS_RETURN_IF_ERROR(ExpandArchive(path, kind, input, context, visit));
      continue;
    }
    PROFLENS_RETURN_IF_ERROR(visit(InputItem{path, "", input}));
  }
  return Status::Ok();
}

Status ForEachLoadedInput(const std::vector<std::string>& paths, CommandContext& context, const ReadOptions& read,
                          const std::function<Status(LoadedItem)>& visit) {
  if (context.loaded != nullptr) {
    // proflens serve: copies of the inputs it loaded once, nothing read again.
    for (const std::string& path : paths) {
      PROFLENS_ASSIGN_OR_RETURN(const std::vector<LoadedItem>* items, Cached(path, *context.loaded));
      for (const LoadedItem& item : *items) PROFLENS_RETURN_IF_ERROR(visit(CachedCopy(item, read)));
    }
    return Status::Ok();
  }
  return ForEachInput(paths, context, [&](const InputItem& item) -> Status {
    PROFLENS_ASSIGN_OR_RETURN(LoadedProfile one, LoadProfile(item.name, item.input, context, read));
    if (!item.file.empty() && one.profile.stacks() != nullptr) {
      const LabelValue label{"file", item.file};
      one.profile = AnyProfile(SetLabels(*one.profile.stacks(), {&label, 1}));
    }
    return visit(LoadedItem{item.name, item.file, std::move(one)});
  });
}

Result<LoadedInputCache> LoadInputCache(const std::vector<std::string>& paths, CommandContext& context) {
  ReadOptions read = context.read;
  read.timeline = true;  // dropped from the copies of commands that do not ask for it
  LoadedInputCache cache;
  for (const std::string& path : paths) {
    if (cache.contains(path)) continue;
    std::vector<LoadedItem> items;
    PROFLENS_RETURN_IF_ERROR(ForEachLoadedInput({path}, context, read, [&](LoadedItem item) {
      items.push_back(std::move(item));
      return Status::Ok();
    }));
    cache.emplace(path, std::move(items));
  }
  return cache;
}

}  // namespace proflens
