// Go's debug=1 text profiles name their frames in "#" lines, which pprof's
// legacy parser passes over (it symbolizes from the binary): read here so
// that a goroutine profile's frames have their names.
#include <algorithm>

#include "formats/io/text_encoding.h"
#include "formats/pprof/pprof_legacy_model.h"

namespace proflens::legacy {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A Go string as %q writes it ("a\"b", "\x00", "\u00e9") at the start of
// `text`, taken off it; false when it is not one.
bool GoQuoted(std::string_view* text, std::string* out) {
  std::string_view s = *text;
  if (!s.starts_with('"')) return false;
  out->clear();
  size_t i = 1;
  while (i < s.size() && s[i] != '"') {
    if (s[i] != '\\') {
      *out += s[i++];
      continue;
    }
    if (++i >= s.size()) return false;
    const char c = s[i++];
    static constexpr std::string_view kSimple = "abfnrtv\\\"'";
    static constexpr std::string_view kMeaning = "\a\b\f\n\r\t\v\\\"'";
    if (const size_t k = kSimple.find(c); k != std::string_view::npos) {
      *out += kMeaning[k];
      continue;
    }
    const size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0 || i + digits > s.size()) return false;
    uint32_t value = 0;
    for (size_t d = 0; d < digits; ++d) {
      const int h = HexValue(s[i + d]);
      if (h < 0) return false;
      value = value * 16 + static_cast<uint32_t>(h);
    }
    i += digits;
    if (c == 'x') {
      *out += static_cast<char>(value);
    } else {
      if (value > 0x10FFFF) return false;
      AppendUtf8(value, *out);
    }
  }
  if (i >= s.size()) return false;
  text->remove_prefix(i + 1);
  return true;
}

// "{"role":"consumer", "tenant":"acme"}"
bool ParseLabels(std::string_view text, std::vector<std::pair<std::string, std::string>>* labels) {
  if (!text.starts_with('{') || !text.ends_with('}')) return false;
  text = text.substr(1, text.size() - 2);
  std::string key, value;
  while (!text.empty()) {
    if (!GoQuoted(&text, &key) || !text.starts_with(':')) return false;
    text.remove_prefix(1);
    if (!GoQuoted(&text, &value)) return false;
    labels->emplace_back(key, value);
    if (text.empty()) break;
    if (!text.starts_with(", ")) return false;
    text.remove_prefix(2);
  }
  return true;
}

// The tab-separated fields of a "#" frame line, empty ones (tabwriter's
// padding) left out: "#", "0x674346", "main.handle+0x26", "/src/app/main.go:34".
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  while (!line.empty()) {
    const size_t tab = line.find('\t');
    if (tab != 0) fields.push_back(Trim(line.substr(0, tab)));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return fields;
}

}  // namespace

bool ReadGoComment(std::string_view line, Model& model, Sample& sample, std::vector<uint64_t>& fresh) {
  line = Trim(line);
  if (line.starts_with("# labels: ")) return ParseLabels(Trim(line.substr(10)), &sample.labels);
  const std::vector<std::string_view> fields = Fields(line);
  if (fields.size() < 2 || fields[0] != "#" || !fields[1].starts_with("0x")) return true;  // another comment
  std::vector<uint64_t> pc;
  if ((fields.size() != 2 && fields.size() != 4) || !HexAddresses(fields[1], &pc) || pc.size() != 1) return false;
  if (fields.size() == 2) return true;  // "#\t0x4378b5": a PC the runtime could not name
  GoFrame frame;
  std::string_view function = fields[2];
  if (const size_t offset = function.rfind("+0x"); offset != std::string_view::npos) function = function.substr(0, offset);
  frame.function = function;
  const std::string_view place = fields[3];
  const size_t colon = place.rfind(':');
  if (colon == std::string_view::npos || !ParseInt(place.substr(colon + 1), &frame.line)) return false;
  frame.file = place.substr(0, colon);
  // Each sample lists every frame it names; a PC named by an earlier sample is named already.
  const bool known = model.go_frames.contains(pc[0]);
  if (known && std::find(fresh.begin(), fresh.end(), pc[0]) == fresh.end()) return true;
  if (!known) fresh.push_back(pc[0]);
  model.go_frames[pc[0]].push_back(std::move(frame));
  return true;
}

}  // namespace proflens::legacy
