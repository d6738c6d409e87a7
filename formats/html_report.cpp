#include "formats/html_report.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "formats/templates.h"

namespace proflens {

namespace {

using Json = nlohmann::json;

Json TypeJson(const ReportSampleType& t) {
  Json j;
  j["name"] = t.name;
  j["unit"] = t.unit;
  j["total"] = t.total;
  j["total_text"] = t.top.FormatValue(t.total);
  // Every function: [name, flat, cum, flat text, cum text].
  Json top = Json::array();
  std::unordered_map<std::string, size_t> index;
  for (const TopRow& r : t.top.rows) {
    index[r.name] = top.size();
    top.push_back(Json::array({r.name, r.flat, r.cum, t.top.FormatValue(r.flat), t.top.FormatValue(r.cum)}));
  }
  j["top"] = std::move(top);
  // Calls between them: [caller row, callee row, weight, weight text].
  Json edges = Json::array();
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
      int64_t w = e.weight[t.graph_index];
      edges.push_back(Json::array({row[e.caller], row[e.callee], w, t.top.FormatValue(w)}));
    }
  }
  j["edges"] = std::move(edges);
  j["flame"] = t.flame_svg;
  j["callgraph"] = t.callgraph_svg;
  if (t.diff) {
    const DiffReport& d = *t.diff;
    Json diff;
    int64_t change = d.current.total - d.base.total;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%+.2f%%", d.base.total == 0 ? 0.0 : 100.0 * static_cast<double>(change) / static_cast<double>(d.base.total));
    diff["summary"] = "Base total " + d.FormatValue(d.base.total) + ", new total " + d.FormatValue(d.current.total) +
                      ", change " + (change > 0 ? "+" : "") + d.FormatValue(change) +
                      (d.base.total == 0 ? std::string(" (the base total is 0)") : " (" + std::string(buf) + ")") +
                      (d.base_scale != 1 ? ", base normalized to the new total" : "");
    Json rows = Json::array();
    for (const DiffRow& r : d.rows) {
      auto text = [&](int64_t v) { return d.FormatValue(v); };
      auto signed_text = [&](int64_t v) { return (v > 0 ? "+" : "") + d.FormatValue(v); };
      rows.push_back(Json::array({r.name, text(r.base_flat), text(r.base_cum), text(r.new_flat), text(r.new_cum), r.delta_flat,
                                  r.delta_cum, signed_text(r.delta_flat), signed_text(r.delta_cum),
                                  r.relative ? Json(*r.relative) : Json(nullptr), r.base_flat, r.base_cum, r.new_flat,
                                  r.new_cum, r.appeared ? "new" : r.vanished ? "gone" : ""}));
    }
    diff["rows"] = std::move(rows);
    diff["flame"] = t.diff_flame_svg;
    j["diff"] = std::move(diff);
  } else {
    j["diff"] = nullptr;
  }
  return j;
}

// Fills the template's {{NAME}} slots in one pass over the template, so
// nothing inside a filled value is ever taken for a slot.
std::string FillTemplate(std::string_view tmpl, const std::vector<std::pair<std::string_view, std::string_view>>& slots) {
  std::string out;
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
    if (!filled) out.append(tmpl.substr(open, close + 2 - open));
    pos = close + 2;
  }
  out.append(tmpl.substr(pos));
  return out;
}

}  // namespace

std::string RenderHtmlReport(const ReportData& data) {
  Json doc;
  doc["title"] = data.title;
  doc["generator"] = data.generator;
  Json facts = Json::array();
  for (const auto& [k, v] : data.facts) facts.push_back(Json::array({k, v}));
  doc["facts"] = std::move(facts);
  Json types = Json::array();
  for (const ReportSampleType& t : data.types) types.push_back(TypeJson(t));
  doc["types"] = std::move(types);
  doc["default_type"] = data.default_type;
  if (data.checks) {
    Json checks = Json::array();
    for (const RuleResult& r : *data.checks) {
      checks.push_back({{"name", r.rule.name}, {"expression", r.rule.expression}, {"passed", r.passed},
                        {"actual", r.actual}, {"limit", r.limit}, {"error", r.error}, {"details", r.details}});
    }
    doc["checks"] = std::move(checks);
  } else {
    doc["checks"] = nullptr;
  }
  // Compact JSON; "</" is escaped so no string can end the <script> element.
  std::string json = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string safe;
  safe.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      safe += "<\\/";
      ++i;
    } else {
      safe += json[i];
    }
  }
  std::string title;
  for (char c : data.title) {
    if (c == '<') title += "&lt;";
    else if (c == '&') title += "&amp;";
    else title += c;
  }
  std::string style = std::string(kTemplate_report_css) + std::string(kTemplate_flame_css);
  std::string script = std::string(kTemplate_flame_js) + std::string(kTemplate_report_js);
  return FillTemplate(kTemplate_report_html, {{"TITLE", title}, {"STYLE", style}, {"SCRIPT", script}, {"DATA", safe}});
}

}  // namespace proflens
