#include "formats/output/trend_svg.h"

#include <algorithm>
#include <cstdio>

#include "analyzer/units.h"
#include "formats/output/trend_output.h"
#include "formats/output/xml_escape.h"

namespace proflens {

namespace {

constexpr double kLeft = 80, kRight = 24, kTop = 34, kBottom = 44;

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string RenderTrendSvg(const TrendReport& report, const TrendSvgOptions& options) {
  const std::vector<TrendPoint>& points = report.points;
  const double plot_w = options.width - kLeft - kRight, plot_h = options.height - kTop - kBottom;
  // The value axis starts at 0 (or the lowest value, below 0), so a small
  // change over a large total looks small.
  int64_t low = 0, high = 0;
  for (const TrendPoint& p : points) {
    low = std::min(low, p.value);
    high = std::max(high, p.value);
  }
  if (high == low) high = low + 1;
  const int64_t t0 = points.empty() ? 0 : points.front().time_nanos;
  const double span = points.empty() ? 1 : std::max<double>(1, static_cast<double>(points.back().time_nanos - t0));
  auto x = [&](double dt) { return kLeft + dt / span * plot_w; };
  auto y = [&](double v) { return kTop + plot_h - (v - static_cast<double>(low)) / static_cast<double>(high - low) * plot_h; };
  const std::string unit = ChooseReportUnit(std::max<int64_t>(1, high / 100), high, report.unit);

  std::string svg = "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Number(options.width) + "\" height=\"" +
                    Number(options.height) + "\" viewBox=\"0 0 " + Number(options.width) + " " + Number(options.height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n";
  svg += "<title>" + XmlEscape(report.sample_type) + " over time: growth " + XmlEscape(FormatGrowth(report)) + " (least squares)</title>\n";
  svg += "<text class=\"trend-growth\" x=\"" + Number(kLeft) + "\" y=\"18\" font-weight=\"bold\">" + XmlEscape(report.sample_type) +
         ": growth " + XmlEscape(FormatGrowth(report)) + " (least squares over " + std::to_string(points.size()) + " profiles)</text>\n";
  // Axes, with the value at the bottom and top and the times at both ends.
  svg += "<path d=\"M" + Number(kLeft) + " " + Number(kTop) + "V" + Number(kTop + plot_h) + "H" + Number(kLeft + plot_w) +
         "\" fill=\"none\" stroke=\"#888\"/>\n";
  auto label = [&](double lx, double ly, const std::string& anchor, const std::string& text) {
    svg += "<text x=\"" + Number(lx) + "\" y=\"" + Number(ly) + "\" text-anchor=\"" + anchor + "\" fill=\"#444\">" + XmlEscape(text) + "</text>\n";
  };
  label(kLeft - 6, y(static_cast<double>(high)) + 4, "end", ScaledLabel(high, report.unit, unit));
  label(kLeft - 6, y(static_cast<double>(low)) + 4, "end", ScaledLabel(low, report.unit, unit));
  if (!points.empty()) {
    label(kLeft, kTop + plot_h + 18, "start", FormatUtcTime(t0).substr(11, 8) + " UTC");
    label(kLeft + plot_w, kTop + plot_h + 18, "end", "+" + FormatDuration(points.back().time_nanos - t0));
    label(kLeft + plot_w / 2, kTop + plot_h + 18, "middle", FormatUtcTime(t0).substr(0, 10) + ", time since the first profile");
  }
  // The values, joined, each a point with its details on hover.
  std::string path;
  for (const TrendPoint& p : points) {
    path += (path.empty() ? "M" : "L") + Number(x(static_cast<double>(p.time_nanos - t0))) + " " + Number(y(static_cast<double>(p.value)));
  }
  svg += "<path class=\"trend-line\" d=\"" + path + "\" fill=\"none\" stroke=\"#1e88e5\" stroke-width=\"2\"/>\n";
  // The least-squares line, across the series' span.
  const double fit_first = report.fit.at_first, fit_last = report.fit.at_first + report.fit.slope_per_ns * span;
  svg += "<line class=\"trend-fit\" x1=\"" + Number(x(0)) + "\" y1=\"" + Number(y(fit_first)) + "\" x2=\"" + Number(x(span)) + "\" y2=\"" +
         Number(y(fit_last)) + "\" stroke=\"#e53935\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n";
  for (const TrendPoint& p : points) {
    svg += "<circle class=\"trend-point\" cx=\"" + Number(x(static_cast<double>(p.time_nanos - t0))) + "\" cy=\"" +
           Number(y(static_cast<double>(p.value))) + "\" r=\"4\" fill=\"#1e88e5\"><title>" + XmlEscape(p.name) + "\n" +
           FormatUtcTime(p.time_nanos) + " UTC" + (p.time_from_file ? " (file time)" : "") + "\n" +
           XmlEscape(ScaledLabel(p.value, report.unit, "auto")) + "</title></circle>\n";
  }
  // The legend, under the time axis.
  const double ly = kTop + plot_h + 38;
  svg += "<path d=\"M" + Number(kLeft) + " " + Number(ly - 4) + "h20\" stroke=\"#1e88e5\" stroke-width=\"2\"/>\n";
  label(kLeft + 26, ly, "start", "each profile");
  svg += "<path d=\"M" + Number(kLeft + 120) + " " + Number(ly - 4) + "h20\" stroke=\"#e53935\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n";
  label(kLeft + 146, ly, "start", "least squares");
  svg += "</svg>\n";
  return svg;
}

}  // namespace proflens
