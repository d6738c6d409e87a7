#include "formats/output/html_report.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>

#include "analyzer/shown_text.h"
#include "analyzer/task.h"
#include "formats/output/callgraph_svg.h"
#include "formats/output/dot_writer.h"
#include "formats/output/flame_svg.h"
#include "formats/output/json_output.h"
#include "formats/output/json_writer.h"
#include "formats/output/report_timeline.h"
#include "formats/output/templates.h"
#include "formats/output/trend_svg.h"
#include "formats/output/xml_escape.h"

namespace proflens {

namespace {

// The pictures of one sample type, drawn from its trees and view.
struct TypePictures {
  std::string flame, callgraph, diff_flame, trend;
};

// A flame graph inline in the report, or what stands for it when the input
// has no stacks.
std::string DrawFlame(const ReportFlame& flame, FlameSvgOptions svg) {
  if (!flame.tree) {
    return "<p class=\"no-stacks\">This " + XmlEscape(flame.no_stacks_format) +
           " profile records per-function totals and call arcs, not stacks, so it has no flame graph. "
           "The table, callers and callees and the call graph show what it has.</p>";
  }
  return RenderFlameSvg(*flame.tree, svg);
}

// The data of one sample type. Members are written in name order, as a
// JSON document with sorted keys would hold them.
void WriteType(const ReportSampleType& t, const TypePictures& pictures, JsonWriter& w) {
  w.BeginObject();
  w.Member("callgraph", pictures.callgraph);
  w.Key("diff");
  if (t.diff) {
    const DiffReport& d = *t.diff;
    int64_t change = d.current.total - d.base.total;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%+.2f%%", d.base.total == 0 ? 0.0 : 100.0 * static_cast<double>(change) / static_cast<double>(d.base.total));
    w.BeginObject();
    w.Member("flame", pictures.diff_flame);
    // Every function: [name, base flat text, base cum text, new flat text, new
    // cum text, delta flat, delta cum, their texts, relative change, base flat,
    // base cum, new flat, new cum, status].
    w.Key("rows");
    w.BeginArray();
    auto signed_text = [&](int64_t v) { return (v > 0 ? "+" : "") + d.FormatValue(v); };
    for (const DiffRow& r : d.rows) {
      w.BeginArray();
      w.String(FullShownText(r.name));
      w.String(d.FormatValue(r.base_flat));
      w.String(d.FormatValue(r.base_cum));
      w.String(d.FormatValue(r.new_flat));
      w.String(d.FormatValue(r.new_cum));
      w.Int(r.delta_flat);
      w.Int(r.delta_cum);
      w.String(signed_text(r.delta_flat));
      w.String(signed_text(r.delta_cum));
      if (r.relative) {
        w.Double(*r.relative);
      } else {
        w.Null();
      }
      w.Int(r.base_flat);
      w.Int(r.base_cum);
      w.Int(r.new_flat);
      w.Int(r.new_cum);
      w.String(r.appeared ? "new" : r.vanished ? "gone" : "");
      w.EndArray();
    }
    w.EndArray();
    // The verdict at the top of the report: the totals and the change.
    w.Member("base_total", d.base.total);
    w.Member("base_total_text", d.FormatValue(d.base.total));
    w.Member("change", change);
    w.Key("change_percent");
    if (d.base.total == 0) {
      w.Null();
    } else {
      w.Double(100.0 * static_cast<double>(change) / static_cast<double>(d.base.total));
    }
    w.Member("change_text", (change > 0 ? "+" : "") + d.FormatValue(change));
    w.Member("new_total", d.current.total);
    w.Member("new_total_text", d.FormatValue(d.current.total));
    w.Key("normalized");
    w.Bool(d.base_scale != 1);
    w.Member("summary", "Base total " + d.FormatValue(d.base.total) + ", new total " + d.FormatValue(d.current.total) +
             ", change " + (change > 0 ? "+" : "") + d.FormatValue(change) +
             (d.base.total == 0 ? std::string(" (the base total is 0)") : " (" + std::string(buf) + ")") +
             (d.base_scale != 1 ? ", base normalized to the new total" : ""));
    w.EndObject();
  } else {
    w.Null();
  }
  // Calls between the functions: [caller row, callee row, weight, weight text].
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < t.top.rows.size(); ++i) index[t.top.rows[i].name] = i;
  w.Key("edges");
  w.BeginArray();
  if (t.graph != nullptr) {
    // Each graph node's row, looked up once per node rather than twice per edge.
    std::vector<size_t> row(t.graph->nodes.size(), SIZE_MAX);
    for (size_t n = 0; n < row.size(); ++n) {
      auto it = index.find(t.graph->nodes[n].name);
      if (it != index.end()) row[n] = it->second;
    }
    for (const CallGraphEdge& e : t.graph->edges) {
      if (!e.present(t.graph_index) || e.weight[t.graph_index] == 0) continue;
      if (row[e.caller] == SIZE_MAX || row[e.callee] == SIZE_MAX) continue;
      int64_t weight = e.weight[t.graph_index];
      w.BeginArray();
      w.Int(static_cast<int64_t>(row[e.caller]));
      w.Int(static_cast<int64_t>(row[e.callee]));
      w.Int(weight);
      w.String(t.top.FormatValue(weight));
      w.EndArray();
    }
  }
  w.EndArray();
  w.Member("flame", pictures.flame);
  w.Member("kind", t.kind);
  w.Member("name", t.name);
  // Every function: [name, flat, cum, flat text, cum text].
  w.Key("top");
  w.BeginArray();
  for (const TopRow& r : t.top.rows) {
    w.BeginArray();
    w.String(FullShownText(r.name));
    w.Int(r.flat);
    w.Int(r.cum);
    w.String(t.top.FormatValue(r.flat));
    w.String(t.top.FormatValue(r.cum));
    w.EndArray();
  }
  w.EndArray();
  // The source view: [function, file, found, [[line, flat, cum, flat text, cum text, text or null], ...]].
  w.Key("source");
  w.BeginArray();
  for (const SourceListing& listing : t.source) {
    w.BeginArray();
    w.String(FullShownText(listing.function));
    w.String(FullShownText(listing.file));
    w.Bool(listing.found);
    w.BeginArray();
    for (const SourceLine& l : listing.lines) {
      w.BeginArray();
      w.Int(l.line);
      w.Int(l.flat);
      w.Int(l.cum);
      w.String(l.flat == 0 ? "" : t.top.FormatValue(l.flat));
      w.String(l.cum == 0 ? "" : t.top.FormatValue(l.cum));
      if (l.text) {
        w.String(*l.text);
      } else {
        w.Null();
      }
      w.EndArray();
    }
    w.EndArray();
    w.EndArray();
  }
  w.EndArray();
  w.Member("total", t.total);
  w.Member("total_text", t.top.FormatValue(t.total));
  w.Key("trend");
  if (t.trend) {
    w.BeginObject();
    w.Member("growth", FormatGrowth(*t.trend));
    w.Member("points", static_cast<int64_t>(t.trend->points.size()));
    w.Member("svg", pictures.trend);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Member("unit", t.unit);
  w.EndObject();
}

// [[name, value], ...].
void WritePairs(const std::vector<std::pair<std::string, std::string>>& pairs, JsonWriter& w) {
  w.BeginArray();
  for (const auto& [name, value] : pairs) {
    w.BeginArray();
    w.String(FullShownText(name));
    w.String(FullShownText(value));
    w.EndArray();
  }
  w.EndArray();
}

// proflens serve's form: {"inputs": [...], "notes": [...], "values": [[name, value], ...]}.
void WriteRefine(const ReportRefine& refine, JsonWriter& w) {
  w.BeginObject();
  auto strings = [&w](const std::vector<std::string>& list) {
    w.BeginArray();
    for (const std::string& s : list) w.String(s);
    w.EndArray();
  };
  w.Key("inputs");
  strings(refine.inputs);
  w.Key("notes");
  strings(refine.notes);
  w.Key("values");
  WritePairs(refine.values, w);
  w.EndObject();
}

// Fills the template's {{NAME}} slots in one pass over the template, so
// nothing inside a filled value is ever taken for a slot. The slot named
// `data` is filled by write(out): the report's JSON is written in place, not
// built apart and copied (tens of MB for a deep profile's pictures).
void FillTemplate(std::string_view tmpl, const std::vector<std::pair<std::string_view, std::string_view>>& slots,
                  std::string_view data, const std::function<void(std::string&)>& write, std::string& out) {
  size_t pos = 0;
  while (pos < tmpl.size()) {
    size_t open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = tmpl.find("}}", open);
    if (close == std::string_view::npos) break;
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    out.append(tmpl.substr(pos, open - pos));
    bool filled = false;
    for (const auto& [slot, value] : slots) {
      if (slot == name) {
        out.append(value);
        filled = true;
      }
    }
    if (name == data) {
      write(out);
      filled = true;
    }
    if (!filled) out.append(tmpl.substr(open, close + 2 - open));
    pos = close + 2;
  }
  out.append(tmpl.substr(pos));
}

// About the size of the report's JSON (more rather than less), reserved at
// once so the output is not copied each time it doubles: the pictures grow
// by their escaped '<' and '"', and each row takes at most a few hundred bytes.
size_t EstimateJsonSize(const ReportModel& data, const std::vector<TypePictures>& pictures) {
  size_t size = 1 << 16;
  for (const TypePictures& p : pictures) size += (p.flame.size() + p.callgraph.size() + p.diff_flame.size() + p.trend.size()) / 4 * 5;
  for (const ReportSampleType& t : data.types) {
    size += 160 * t.top.rows.size();
    if (t.diff) size += 320 * t.diff->rows.size();
    if (t.graph != nullptr) size += 64 * t.graph->edges.size();
  }
  if (data.timeline) {
    for (const TimelineLane& lane : data.timeline->lanes) size += 64 * lane.spans.size();
    for (const std::string& name : data.timeline->names) size += 16 + name.size();
  }
  return size;
}

}  // namespace

Result<std::string> RenderHtmlReport(const ReportModel& data, const HtmlReportOptions& options) {
  // The flame graphs are drawn on a thread of their own while the call
  // graphs are laid out on this one, then the differential flame graphs.
  std::vector<TypePictures> pictures(data.types.size());
  auto flame_options = [&](const ReportSampleType& type) {
    FlameSvgOptions svg;
    svg.title = type.name;
    svg.unit = type.unit;
    svg.palette = options.palette;
    svg.min_width = options.min_width;
    svg.standalone = false;
    return svg;
  };
  auto draw_flames = [&] {
    for (size_t t = 0; t < data.types.size(); ++t) {
      const ReportSampleType& type = data.types[t];
      pictures[t].flame = DrawFlame(type.flame, flame_options(type));
      if (type.trend) pictures[t].trend = RenderTrendSvg(*type.trend);
    }
  };
  std::optional<Task> flame_thread;
  if (options.threads > 1) {
    flame_thread.emplace(draw_flames);
  } else {
    draw_flames();
  }
  Status drawn;
  for (size_t t = 0; t < data.types.size() && drawn.ok(); ++t) {
    Result<std::string> svg = RenderSvg(DotDocument(data.types[t].callgraph));
    if (svg.ok()) {
      pictures[t].callgraph = std::move(svg).value();
    } else {
      drawn = svg.status();
    }
  }
  for (size_t t = 0; t < data.types.size() && drawn.ok(); ++t) {
    const ReportSampleType& type = data.types[t];
    if (!type.diff) continue;
    FlameSvgOptions svg = flame_options(type);
    svg.title = type.name + " (differential)";
    pictures[t].diff_flame = DrawFlame(type.diff_flame, svg);
  }
  if (flame_thread) flame_thread->Join();
  PROFLENS_RETURN_IF_ERROR(drawn);

  // Compact JSON, members in name order; "</" is escaped so no string can end
  // the <script> element.
  auto write_json = [&](std::string& json) {
    JsonWriter w(&json, /*escape_script_end=*/true);
    w.BeginObject();
    w.Key("checks");
    if (data.checks) {
      AppendCheckResults(*data.checks, w);
    } else {
      w.Null();
    }
    w.Member("default_type", data.default_type);
    w.Key("facts");
    WritePairs(data.facts, w);
    w.Member("generator", data.generator);
    // Several kinds of profile: each one's section, [{default_type, facts, inputs, name}].
    w.Key("kinds");
    w.BeginArray();
    for (const ReportKind& kind : data.kinds) {
      w.BeginObject();
      w.Member("default_type", kind.default_type);
      w.Key("facts");
      WritePairs(kind.facts, w);
      w.Member("inputs", kind.inputs);
      w.Member("name", kind.name);
      w.EndObject();
    }
    w.EndArray();
    w.Key("refine");
    if (data.refine) {
      WriteRefine(*data.refine, w);
    } else {
      w.Null();
    }
    w.Key("timeline");
    if (data.timeline) {
      WriteTimelineJson(*data.timeline, w);
    } else {
      w.Null();
    }
    w.Member("title", ShownText(data.title));
    w.Key("types");
    w.BeginArray();
    for (size_t t = 0; t < data.types.size(); ++t) WriteType(data.types[t], pictures[t], w);
    w.EndArray();
    w.EndObject();
  };
  const std::string title = XmlEscape(ShownText(data.title));
  std::string style = std::string(kTemplate_report_css) + std::string(kTemplate_flame_css);
  std::string script =
      std::string(kTemplate_flame_js) + std::string(kTemplate_pan_zoom_js) + std::string(kTemplate_report_js);
  std::string html;
  html.reserve(kTemplate_report_html.size() + title.size() + style.size() + script.size() + EstimateJsonSize(data, pictures));
  FillTemplate(kTemplate_report_html, {{"TITLE", title}, {"STYLE", style}, {"SCRIPT", script}}, "DATA", write_json, html);
  return html;
}

}  // namespace proflens
