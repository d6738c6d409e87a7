#include "formats/output/flame_svg.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "analyzer/hash.h"
#include "analyzer/shown_text.h"
#include "analyzer/units.h"
#include "formats/output/xml_escape.h"
#include "formats/output/templates.h"

namespace proflens {

namespace {

// A frame name less stackcollapse-perf.pl's annotation: "_[k]" (kernel),
// "_[w]" (waker), "_[i]" (inlined), "_[j]" (JIT).
std::string_view WithoutAnnotation(std::string_view name) {
  for (std::string_view a : {"_[k]", "_[w]", "_[i]", "_[j]"}) {
    if (name.size() > a.size() && name.ends_with(a)) return name.substr(0, name.size() - a.size());
  }
  return name;
}

constexpr double kFrameHeight = 16;
constexpr double kPad = 10;
constexpr double kTop = 40;     // title and buttons
constexpr double kBottom = 30;  // details and matched share
constexpr double kFontWidth = 7.1;

// `v` as printf's "%.*f" writes it (both round the exact binary value to
// nearest, ties to even), without a format string to parse per number: a
// flame graph of 1e5 frames writes 6e5 of them.
void AppendFixed(std::string& out, double v, int precision) {
  char buf[400];  // any double
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, precision);
  if (ec != std::errc()) end = buf + std::snprintf(buf, sizeof buf, "%.*f", precision, v);
  out.append(buf, end);
}

void AppendInt(std::string& out, int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

std::string Rgb(double r, double g, double b) {
  std::string out = "rgb(";
  AppendInt(out, static_cast<int>(r));
  out += ',';
  AppendInt(out, static_cast<int>(g));
  out += ',';
  AppendInt(out, static_cast<int>(b));
  out += ')';
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string FrameLabel(std::string_view name, double width) {
  int chars = static_cast<int>((width - 6) / kFontWidth);
  if (chars < 3) return "";
  if (static_cast<int>(name.size()) <= chars) return std::string(name);
  // Too long for its box: keep the end, where the function (and the line
  // number of "file.py:42" frames) is. Whole UTF-8 characters only.
  size_t from = name.size() - static_cast<size_t>(chars - 2);
  while (from < name.size() && (static_cast<unsigned char>(name[from]) & 0xC0) == 0x80) ++from;
  return ".." + std::string(name.substr(from));
}

std::string Number(double v) {
  std::string s;
  AppendFixed(s, v, 2);
  if (s.ends_with(".00")) s.resize(s.size() - 3);
  return s;
}

}  // namespace

double FlameMinFraction(const FlameSvgOptions& o) { return o.min_width / (o.width - 2 * kPad); }

Status CheckPalette(std::string_view palette) {
  for (std::string_view p : {"hot", "mem", "io", "java", "js"}) {
    if (p == palette) return Status::Ok();
  }
  return Status::Usage("unknown palette \"" + std::string(palette) + "\" (expected hot, mem, io, java or js)");
}

std::string FrameColor(std::string_view name, std::string_view palette) {
  // Three numbers in [0, 1) from the name, so a function keeps its colour.
  // FNV-1a, mixed: fixed here, so tuning the hash tables never recolours graphs.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
  h = HashMix(h);
  double v1 = static_cast<double>(h & 0xffff) / 65536.0;
  double v2 = static_cast<double>((h >> 16) & 0xffff) / 65536.0;
  double v3 = static_cast<double>((h >> 32) & 0xffff) / 65536.0;
  auto hot = [&] { return Rgb(205 + 50 * v3, 230 * v1, 55 * v2); };
  if (palette == "mem") return Rgb(0, 190 + 50 * v2, 210 * v1);
  if (palette == "io") return Rgb(80 + 60 * v1, 80 + 60 * v1, 190 + 55 * v2);
  if (palette == "java" || palette == "js") {
    if (EndsWith(name, "_[j]")) return Rgb(50 + 60 * v1, 200 + 55 * v1, 50 + 60 * v1);     // JIT: green
    if (EndsWith(name, "_[i]")) return Rgb(80 + 40 * v1, 175 + 55 * v1, 175 + 55 * v1);   // inlined: aqua
    if (EndsWith(name, "_[k]")) return Rgb(230 + 20 * v1, 120 + 40 * v1, 20 + 40 * v1);  // kernel: orange
    if (palette == "java") {
      if (name.find("::") != std::string_view::npos) return Rgb(190 + 60 * v1, 190 + 60 * v1, 40 * v1);  // C++
      if (name.find('/') != std::string_view::npos || name.find('.') != std::string_view::npos) {
        return Rgb(50 + 60 * v1, 200 + 55 * v1, 50 + 60 * v1);  // Java
      }
    } else if (name.find(".js") != std::string_view::npos || name.find(':') != std::string_view::npos) {
      return Rgb(50 + 60 * v1, 200 + 55 * v1, 50 + 60 * v1);  // JavaScript
    }
  }
  return hot();
}

std::string RenderFlameSvg(const FlameTree& tree, const FlameSvgOptions& o) {
  const int64_t total = tree.total();
  const double inner = o.width - 2 * kPad;
  const double scale = total == 0 ? 0 : inner / static_cast<double>(std::llabs(total));
  const double height = kTop + kBottom + (tree.max_depth + 1) * kFrameHeight;

  // Largest change, for the intensity of differential colours.
  int64_t max_delta = 1;
  if (tree.has_base) {
    for (const FlameNode& n : tree.nodes) max_delta = std::max<int64_t>(max_delta, std::llabs(n.value - n.base_value));
  }

  std::string out;
  out.reserve(tree.nodes.size() * 256 + 8192);  // a frame takes ~230 bytes with a short name
  char buf[512];
  if (o.standalone) out += "<?xml version=\"1.0\" standalone=\"no\"?>\n";
  std::snprintf(buf, sizeof buf,
                "<svg class=\"flame\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                "xmlns=\"http://www.w3.org/2000/svg\" data-width=\"%.0f\" data-pad=\"%.0f\" data-total=\"%lld\">\n",
                o.width, height, o.width, height, o.width, kPad, static_cast<long long>(total));
  out += buf;
  if (o.standalone) {
    out += "<style>";
    out += kTemplate_flame_css;
    out += "</style>\n<script type=\"text/ecmascript\"><![CDATA[\n";
    out += kTemplate_flame_js;
    out += "\nwindow.addEventListener(\"load\", () => proflensFlame(document.documentElement));\n]]></script>\n";
  }
  std::snprintf(buf, sizeof buf, "<rect x=\"0\" y=\"0\" width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
                tree.has_base ? "#ffffff" : "#f8f8f8");
  out += buf;
  std::snprintf(buf, sizeof buf, "<text class=\"title\" x=\"%.0f\" y=\"24\">", o.width / 2);
  out += buf + XmlEscape(ShownText(o.title)) + "</text>\n";
  out += "<text class=\"button unzoom off\" x=\"10\" y=\"24\">Reset Zoom</text>\n";
  std::snprintf(buf, sizeof buf, "<text class=\"button search\" x=\"%.0f\" y=\"24\">Search</text>\n", o.width - 110);
  out += buf;
  std::snprintf(buf, sizeof buf,
                "<text class=\"button case on\" x=\"%.0f\" y=\"24\">ic<title>Search ignores case (click to match "
                "case)</title></text>\n",
                o.width - 135);
  out += buf;
  std::snprintf(buf, sizeof buf, "<text class=\"details\" x=\"10\" y=\"%.0f\"> </text>\n", height - 10);
  out += buf;
  std::snprintf(buf, sizeof buf, "<text class=\"matched\" x=\"%.0f\" y=\"%.0f\"> </text>\n", o.width - 160, height - 10);
  out += buf;
  out += "<g class=\"frames\">\n";

  // Lay frames out depth first: x of a child = x of its parent + the values of
  // the siblings before it. An explicit stack: no recursion on deep trees.
  std::vector<std::pair<uint32_t, double>> todo = {{0, kPad}};
  while (!todo.empty()) {
    auto [id, x] = todo.back();
    todo.pop_back();
    const FlameNode& n = tree.nodes[id];
    // Widths are the profile's values (frames only in the base have none).
    double w = static_cast<double>(std::llabs(n.value)) * scale;
    if (w < o.min_width) continue;
    double y = o.icicle ? kTop + n.depth * kFrameHeight : height - kBottom - (n.depth + 1) * kFrameHeight;
    // Bounded as ShownText says: the full name (to kFullNameChars) in the
    // data and the tooltip; the label is cut to the frame's width.
    const std::string name = FullShownText(tree.names[n.name]);
    // Titles and labels show a frame without its "_[k]"-style annotation,
    // which only colours it (as flamegraph.pl does).
    const std::string_view shown = WithoutAnnotation(name);
    std::string color;
    std::string tip = std::string(shown) + " (" + ScaledLabel(n.value, o.unit, "auto") + ", " +
                      Number(total == 0 ? 0 : 100.0 * static_cast<double>(n.value) / static_cast<double>(total)) + "%";
    if (tree.has_base) {
      int64_t delta = n.value - n.base_value;
      double i = std::min(1.0, static_cast<double>(std::llabs(delta)) / static_cast<double>(max_delta));
      int shade = static_cast<int>(210 * i);
      color = delta > 0 ? Rgb(255, 255 - shade, 255 - shade) : delta < 0 ? Rgb(255 - shade, 255 - shade, 255) : Rgb(250, 250, 250);
      tip += std::string(", ") + (delta > 0 ? "+" : "") + ScaledLabel(delta, o.unit, "auto") + " vs base";
    } else {
      color = FrameColor(name, o.palette);
    }
    tip += ")";
    out += "<g class=\"f\" data-depth=\"";
    AppendInt(out, n.depth);
    out += "\" data-name=\"";
    out += XmlEscape(name);
    out += "\"><title>";
    out += XmlEscape(tip);
    out += "</title>";
    out += "<rect x=\"";
    AppendFixed(out, x, 2);
    out += "\" y=\"";
    AppendFixed(out, y, 0);
    out += "\" width=\"";
    AppendFixed(out, w, 2);
    out += "\" height=\"";
    AppendFixed(out, kFrameHeight - 1, 0);
    out += "\" fill=\"";
    out += color;
    out += "\" rx=\"2\" ry=\"2\"/><text x=\"";
    AppendFixed(out, x + 3, 2);
    out += "\" y=\"";
    AppendFixed(out, y + 11.5, 0);
    out += "\">";
    out += XmlEscape(FrameLabel(shown, w));
    out += "</text></g>\n";
    // Children left to right; pushed in reverse so the first is drawn first.
    size_t at = todo.size();
    double cx = x;
    for (uint32_t c = n.first_child; c < n.first_child + n.child_count; ++c) {
      todo.push_back({c, cx});
      cx += static_cast<double>(std::llabs(tree.nodes[c].value)) * scale;
    }
    std::reverse(todo.begin() + static_cast<ptrdiff_t>(at), todo.end());
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace proflens
