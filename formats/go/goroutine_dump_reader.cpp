#include "formats/go/goroutine_dump_reader.h"

#include <charconv>

#include "analyzer/profile_builder.h"
#include "analyzer/text.h"
#include "formats/io/line_scanner.h"

namespace proflens {

namespace {

constexpr std::string_view kUnavailable = "goroutine running on other thread; stack unavailable";
constexpr std::string_view kElided = "...additional frames elided...";

bool ParseNumber(std::string_view text, uint64_t* value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

// "main.consumer(0x0?)", "main.handle(...)", "main.Map[...](...)": the
// function and its arguments, the last parenthesized group.
struct FrameLine {
  std::string_view function;
  std::string_view args;
};

bool ParseFrameLine(std::string_view line, FrameLine* frame) {
  if (line.empty() || line.back() != ')' || line.front() == '\t' || line.front() == ' ') return false;
  int depth = 0;
  for (size_t i = line.size(); i-- > 0;) {
    if (line[i] == ')') ++depth;
    if (line[i] == '(' && --depth == 0) {
      if (i == 0) return false;
      frame->function = line.substr(0, i);
      frame->args = line.substr(i + 1, line.size() - i - 2);
      return true;
    }
  }
  return false;
}

// "\t/src/app/main.go:39 +0x27" (and " fp=0x.. sp=0x.. pc=0x.." after it
// with GOTRACEBACK=system): the file, the line, and whether it has an offset.
struct FileLine {
  std::string_view file;
  int64_t line = 0;
  bool has_offset = false;
};

bool ParseFileLine(std::string_view text, FileLine* out) {
  if (!text.starts_with('\t')) return false;
  text.remove_prefix(1);
  text = TrimRight(text);
  // The place ends at the first " +0x" or " fp=" (a path may hold blanks).
  size_t end = text.size();
  for (std::string_view mark : {" +0x", " fp="}) {
    const size_t at = text.find(mark);
    if (at != std::string_view::npos && at < end) end = at;
  }
  out->has_offset = text.substr(end).starts_with(" +0x");
  const std::string_view place = text.substr(0, end);
  const size_t colon = place.rfind(':');
  uint64_t line = 0;
  if (colon == std::string_view::npos || colon == 0 || !ParseNumber(place.substr(colon + 1), &line)) return false;
  out->file = place.substr(0, colon);
  out->line = static_cast<int64_t>(line);
  return true;
}

std::string Quoted(std::string_view line) {
  line = TrimRight(line);
  return "\"" + std::string(line.substr(0, 80)) + (line.size() > 80 ? "...\"" : "\"");
}

Status LineError(const LineScanner& scanner, std::string_view expected, std::string_view line) {
  return Status::Input("line " + std::to_string(scanner.line_number()) + ": expected " + std::string(expected) +
                       ", found " + Quoted(line));
}

// "5 minutes": the time the goroutine has been blocked.
bool IsWait(std::string_view item) {
  if (!item.ends_with(" minutes")) return false;
  uint64_t n = 0;
  return ParseNumber(item.substr(0, item.size() - 8), &n);
}

// One goroutine as it is read: its frames (leaf first) and labels.
class DumpBuilder {
 public:
  DumpBuilder() {
    b_.AddSampleType("goroutine", "count");
    Profile& p = b_.profile();
    p.period_type = {b_.InternString("goroutine"), b_.InternString("count")};
    p.period = 1;
    state_ = b_.InternString("state");
    wait_ = b_.InternString("wait");
    detail_ = b_.InternString("detail");
  }

  void Begin(const GoroutineHeader& header) {
    stack_.clear();
    pending_.clear();
    labels_.clear();
    for (size_t i = 0; i < header.items.size(); ++i) {
      const StringId key = i == 0 ? state_ : IsWait(header.items[i]) ? wait_ : detail_;
      labels_.push_back({.key = key, .str = b_.InternString(header.items[i])});
    }
  }

  // A frame, innermost first; an inlined one waits for the frame it was inlined into.
  void AddFrame(std::string_view function, const FileLine& place, bool inlined) {
    if (function.starts_with("created by ")) Flush();  // no frame is inlined into its creator
    const StringId name = b_.InternString(function);
    const FunctionId f = b_.InternFunction({.name = name, .system_name = name, .filename = b_.InternString(place.file)});
    pending_.push_back({f, place.line});
    if (inlined) return;
    stack_.push_back(b_.InternLocation(kNoId, 0, pending_));
    pending_.clear();
  }

  // Ends the goroutine: its sample, unless it has no frames.
  bool End() {
    Flush();
    if (stack_.empty()) return false;
    const int64_t one = 1;
    b_.AddSample(b_.InternStack(stack_), b_.InternLabels(labels_), {&one, 1});
    stack_.clear();
    return true;
  }

  Profile Build() && { return std::move(b_).Build(); }

 private:
  // Inlined frames with nothing below them: a location of their own.
  void Flush() {
    if (pending_.empty()) return;
    stack_.push_back(b_.InternLocation(kNoId, 0, pending_));
    pending_.clear();
  }

  ProfileBuilder b_;
  StringId state_ = 0, wait_ = 0, detail_ = 0;
  std::vector<LocationId> stack_;
  std::vector<Line> pending_;
  std::vector<Label> labels_;
};

}  // namespace

bool ParseGoroutineHeader(std::string_view line, GoroutineHeader* header) {
  line = TrimRight(line);
  if (!line.starts_with("goroutine ") || !line.ends_with("]:")) return false;
  line.remove_prefix(10);
  const size_t open = line.find(" [");
  if (open == std::string_view::npos || !ParseNumber(line.substr(0, open), &header->id)) return false;
  std::string_view items = line.substr(open + 2, line.size() - open - 4);
  header->items.clear();
  while (true) {
    const size_t comma = items.find(", ");
    header->items.push_back(items.substr(0, comma));
    if (header->items.back().empty()) return false;
    if (comma == std::string_view::npos) break;
    items.remove_prefix(comma + 2);
  }
  return true;
}

bool LooksLikeGoroutineDump(std::string_view text) {
  LineScanner scanner(text.substr(0, 64 << 10));
  std::string_view line;
  while (scanner.Next(&line) && Trim(line).empty()) {
  }
  GoroutineHeader header;
  if (!ParseGoroutineHeader(line, &header)) return false;
  std::string_view frame, place;
  if (!scanner.Next(&frame)) return false;
  if (TrimRight(frame) == "\t" + std::string(kUnavailable)) return true;
  FrameLine f;
  FileLine p;
  return ParseFrameLine(TrimRight(frame), &f) && scanner.Next(&place) && ParseFileLine(place, &p);
}

Result<Profile> ReadGoroutineDump(std::string_view text, std::vector<std::string>* notes) {
  LineScanner scanner(text);
  DumpBuilder dump;
  std::string_view line;
  bool open = false;  // inside a goroutine's block
  uint64_t unavailable = 0, elided = 0, goroutines = 0;
  GoroutineHeader header;
  auto end = [&] {
    if (open && !dump.End()) ++unavailable;
    open = false;
  };
  while (scanner.Next(&line)) {
    line = TrimRight(line);
    if (line.empty()) {
      end();
      continue;
    }
    if (ParseGoroutineHeader(line, &header)) {
      end();
      dump.Begin(header);
      open = true;
      ++goroutines;
      continue;
    }
    if (!open) return LineError(scanner, "a goroutine's header \"goroutine N [STATE]:\"", line);
    if (line == "\t" + std::string(kUnavailable)) continue;
    if (line == kElided) {
      ++elided;
      continue;
    }
    // "created by main.main in goroutine 1" (Go 1.21 on names the parent).
    const bool creator = line.starts_with("created by ");
    std::string function;
    bool inlined = false;
    if (creator) {
      std::string_view name = line.substr(11);
      if (const size_t in = name.find(" in goroutine "); in != std::string_view::npos) name = name.substr(0, in);
      function = "created by " + std::string(name);
    } else {
      FrameLine frame;
      if (!ParseFrameLine(line, &frame)) {
        return LineError(scanner, "a frame \"FUNCTION(ARGS)\" or \"created by FUNCTION\"", line);
      }
      function = frame.function;
      inlined = frame.args == "...";
    }
    std::string_view place_line;
    FileLine place;
    if (!scanner.Next(&place_line) || !ParseFileLine(place_line, &place)) {
      return LineError(scanner, "the frame's file line \"\\tFILE:LINE +0xOFFSET\" after " + Quoted(line),
                       place_line);
    }
    dump.AddFrame(function, place, inlined && !place.has_offset);
  }
  end();
  if (goroutines == 0) return Status::Input("no goroutine in the dump");
  if (notes != nullptr && unavailable > 0) {
    notes->push_back(std::to_string(unavailable) + " goroutine" + (unavailable == 1 ? "" : "s") +
                     " without a stack (\"" + std::string(kUnavailable) + "\") left out");
  }
  if (notes != nullptr && elided > 0) {
    notes->push_back(std::to_string(elided) + " goroutine" + (elided == 1 ? "'s" : "s'") +
                     " innermost 100 frames only (the runtime printed \"" + std::string(kElided) + "\")");
  }
  return std::move(dump).Build();
}

}  // namespace proflens
