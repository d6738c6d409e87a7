#include "formats/detect_json.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace proflens {

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The keys of the start of a JSON object: those of the top level in order,
// and every key seen at any depth. A string is a key when a ':' follows it
// inside an object; the text may end anywhere (a head).
struct JsonKeys {
  std::vector<std::string> top;
  std::set<std::string, std::less<>> all;
  bool Has(std::string_view key) const { return all.find(key) != all.end(); }
  bool Top(std::string_view key) const { return std::find(top.begin(), top.end(), key) != top.end(); }
};

JsonKeys ScanKeys(std::string_view text) {
  JsonKeys keys;
  std::vector<char> open;  // '{' or '['
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      if (open.size() >= 256) break;  // deeper than any profile's keys
      open.push_back(c);
      ++i;
    } else if (c == '}' || c == ']') {
      if (!open.empty()) open.pop_back();
      ++i;
    } else if (c == '"') {
      size_t end = i + 1;
      std::string s;
      while (end < text.size() && text[end] != '"') {
        if (text[end] == '\\') ++end;
        if (end < text.size() && s.size() < 64) s += text[end];
        ++end;
      }
      if (end >= text.size()) break;
      size_t next = end + 1;
      while (next < text.size() && IsJsonSpace(text[next])) ++next;
      if (next < text.size() && text[next] == ':' && !open.empty() && open.back() == '{') {
        if (open.size() == 1) keys.top.push_back(s);
        if (keys.all.size() < 4096) keys.all.insert(s);
      }
      i = end + 1;
    } else {
      ++i;
    }
  }
  return keys;
}

// A V8 log's code entries: "type": "SHARED_LIB" (or CPP, JS, CODE).
bool HasV8CodeType(std::string_view head) {
  for (size_t at = head.find("\"type\""); at != std::string_view::npos; at = head.find("\"type\"", at + 6)) {
    size_t v = at + 6;
    while (v < head.size() && (IsJsonSpace(head[v]) || head[v] == ':')) ++v;
    for (std::string_view type : {"\"SHARED_LIB\"", "\"CPP\"", "\"JS\"", "\"CODE\""}) {
      if (head.substr(v).starts_with(type)) return true;
    }
  }
  return false;
}

std::string KeyList(const JsonKeys& keys) {
  std::string out;
  for (size_t i = 0; i < keys.top.size() && i < 6; ++i) out += (i ? ", \"" : "\"") + keys.top[i] + "\"";
  if (keys.top.size() > 6) out += ", ...";
  return out;
}

}  // namespace

Format DetectJsonFormat(std::string_view head, std::string* why) {
  const size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return Format::kUnknown;
  if (head[start] == '[') {
    const size_t next = head.find_first_not_of(" \t\r\n", start + 1);
    if (next == std::string_view::npos || head[next] == '{' || head[next] == ']') return Format::kChromeTrace;
    return Format::kUnknown;
  }
  if (head[start] != '{') return Format::kUnknown;
  if (head.find("speedscope.app/file-format-schema.json") != std::string_view::npos) return Format::kSpeedscope;
  if (head.find("\"traceEvents\"") != std::string_view::npos) return Format::kChromeTrace;
  const JsonKeys keys = ScanKeys(head.substr(start));
  if (keys.Top("nodes") && keys.Has("callFrame")) return Format::kV8CpuProfile;
  if (keys.Top("head") && keys.Has("functionName") && !keys.Has("selfSize")) return Format::kV8CpuProfile;
  if (!keys.top.empty() && keys.top[0] == "code" && HasV8CodeType(head)) return Format::kV8Log;
  const bool gecko_meta = keys.Has("interval") && (keys.Has("preprocessedProfileVersion") || keys.Has("stackwalk") ||
                                                    keys.Has("processType") || keys.Has("startTime"));
  if (keys.Top("meta") && gecko_meta) return Format::kFirefox;
  // Firefox DevTools' old performance panel: {"label", "duration", ..., "profile": {"libs", "meta", "threads"}, "systemHost"}.
  if (keys.Top("profile") && (keys.Top("systemHost") || (keys.Has("meta") && gecko_meta) ||
                              (keys.Top("duration") && (keys.Has("libs") || keys.Has("threads"))))) {
    return Format::kFirefox;
  }
  // The same recording whose "profile" comes after more than a MiB of markers and ticks.
  if (keys.Top("label") && keys.Top("duration") && keys.Top("markers") && keys.Top("ticks") && keys.Top("allocations")) {
    return Format::kFirefox;
  }
  if (why != nullptr) {
    if (keys.Top("head") && keys.Has("selfSize")) {
      *why = "a V8 heap profile (.heapprofile), which proflens does not read";
    } else if (keys.Top("rts_arguments") || keys.Top("cost_centres")) {
      *why = "a GHC JSON profile (+RTS -pj), which proflens does not read";
    } else if (keys.Top("raw_timestamp_deltas") || (keys.Top("mode") && keys.Top("frames"))) {
      *why = "a stackprof profile (Ruby), which proflens does not read";
    } else if (keys.Top("recording") && keys.Has("sampleStackTraces")) {
      *why = "a Safari timeline recording, which proflens does not read";
    } else if (!keys.top.empty()) {
      *why = "JSON with the keys " + KeyList(keys) + ", which is no profile proflens reads";
    } else {
      *why = "JSON, but no profile proflens reads";
    }
  }
  return Format::kUnknown;
}

}  // namespace proflens
