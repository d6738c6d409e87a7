#include "formats/output/json_output.h"

#include "analyzer/shown_text.h"
#include "formats/output/json_writer.h"

#include <nlohmann/json.hpp>

namespace proflens {

namespace {

double Share(int64_t value, int64_t total) {
  return total == 0 ? 0.0 : static_cast<double>(value) / static_cast<double>(total) * 100.0;
}

}  // namespace

void WriteTopJson(const TopReport& report, std::ostream& out) {
  nlohmann::ordered_json doc;
  doc["sample_type"] = {{"type", report.sample_type.type}, {"unit", report.sample_type.unit}};
  doc["total"] = report.total;
  doc["output_unit"] = report.output_unit;
  doc["labels"] = report.labels;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const TopRow& row : report.rows) {
    nlohmann::ordered_json r;
    r["name"] = FullShownText(row.name);
    r["inline"] = row.inline_label;
    r["flat"] = row.flat;
    r["flat_percent"] = Share(row.flat, report.total);
    r["sum_percent"] = Share(row.sum, report.total);
    r["cum"] = row.cum;
    r["cum_percent"] = Share(row.cum, report.total);
    if (report.has_calls) r["calls"] = row.calls;
    if (report.has_primitive_calls) r["primitive_calls"] = row.primitive_calls;
    rows.push_back(std::move(r));
  }
  doc["rows"] = std::move(rows);
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void AppendCheckResults(const std::vector<RuleResult>& results, JsonWriter& w) {
  // A compared value: in base units (seconds, bytes, percent, a count), its
  // unit, and the text the table shows.
  auto value = [&w](const std::optional<Quantity>& q, const std::string& text) {
    if (!q) {
      w.Null();
      return;
    }
    double v = q->value;
    std::string_view unit;
    switch (q->dimension) {
      case Dimension::kTime: v /= 1e9; unit = "s"; break;  // quantities hold nanoseconds
      case Dimension::kBytes: unit = "B"; break;
      case Dimension::kPercent: unit = "%"; break;
      case Dimension::kCount: unit = ""; break;
      case Dimension::kBool: unit = "bool"; break;
      case Dimension::kCountRate: unit = "/s"; break;  // rates hold per second
      case Dimension::kTimeRate: v /= 1e9; unit = "s/s"; break;
      case Dimension::kBytesRate: unit = "B/s"; break;
    }
    w.BeginObject();
    w.Key("value");
    if (q->dimension == Dimension::kBool) {
      w.Bool(q->boolean);
    } else {
      w.Double(v);
    }
    w.Member("unit", unit);
    w.Member("text", text);
    w.EndObject();
  };
  w.BeginArray();
  for (const RuleResult& r : results) {
    w.BeginObject();
    w.Member("name", FullShownText(r.rule.name));
    w.Member("expression", r.rule.expression);
    w.Key("passed");
    w.Bool(r.passed);
    w.Key("actual");
    value(r.actual_value, r.actual);
    w.Key("limit");
    value(r.limit_value, r.limit);
    w.Key("error");
    if (r.error.empty()) {
      w.Null();
    } else {
      w.String(r.error);
    }
    w.Key("details");
    w.BeginArray();
    for (const std::string& d : r.details) w.String(FullShownText(d));
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteCheckJson(const std::vector<RuleResult>& results, std::ostream& out) {
  std::string json;
  JsonWriter w(&json);
  AppendCheckResults(results, w);
  out << json << '\n';
}

void WritePeekJson(const PeekReport& report, std::ostream& out) {
  nlohmann::ordered_json doc;
  doc["sample_type"] = {{"type", report.sample_type.type}, {"unit", report.sample_type.unit}};
  doc["total"] = report.total;
  doc["output_unit"] = report.output_unit;
  doc["labels"] = report.labels;
  auto links = [](const std::vector<PeekLink>& list) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const PeekLink& l : list) {
      nlohmann::ordered_json j;
      j["name"] = FullShownText(l.name);
      j["weight"] = l.weight;
      j["inline"] = l.inline_call;
      if (l.calls >= 0) j["calls"] = l.calls;
      arr.push_back(std::move(j));
    }
    return arr;
  };
  nlohmann::ordered_json functions = nlohmann::ordered_json::array();
  for (const PeekEntry& e : report.entries) {
    nlohmann::ordered_json j;
    j["name"] = FullShownText(e.name);
    j["flat"] = e.flat;
    j["flat_percent"] = Share(e.flat, report.total);
    j["cum"] = e.cum;
    j["cum_percent"] = Share(e.cum, report.total);
    if (e.calls >= 0) j["calls"] = e.calls;
    j["callers"] = links(e.callers);
    j["callees"] = links(e.callees);
    functions.push_back(std::move(j));
  }
  doc["functions"] = std::move(functions);
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void WriteDiffJson(const DiffReport& report, const std::string& base_name, const std::string& new_name,
                   std::ostream& out) {
  nlohmann::ordered_json doc;
  doc["sample_type"] = {{"type", report.sample_type.type}, {"unit", report.sample_type.unit}};
  auto side = [](const std::string& name, const DiffSide& s) {
    return nlohmann::ordered_json{{"file", name}, {"type", s.type}, {"total", s.total},
                                  {"samples", s.samples}, {"duration_nanos", s.duration_nanos}};
  };
  doc["base"] = side(base_name, report.base);
  doc["new"] = side(new_name, report.current);
  doc["base_scale"] = report.base_scale;
  // Over every function, whatever -n shows.
  doc["functions"] = {{"total", report.functions}, {"new", report.appeared}, {"gone", report.vanished},
                      {"shown", report.rows.size()}};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const DiffRow& r : report.rows) {
    nlohmann::ordered_json j;
    j["name"] = FullShownText(r.name);
    j["base_flat"] = r.base_flat;
    j["base_cum"] = r.base_cum;
    j["new_flat"] = r.new_flat;
    j["new_cum"] = r.new_cum;
    j["delta_flat"] = r.delta_flat;
    j["delta_cum"] = r.delta_cum;
    j["relative"] = r.relative ? nlohmann::ordered_json(*r.relative) : nlohmann::ordered_json(nullptr);
    j["status"] = r.appeared ? "new" : r.vanished ? "gone" : "";
    rows.push_back(std::move(j));
  }
  doc["rows"] = std::move(rows);
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace proflens
