#include "formats/output/csv_writer.h"

#include <cstdio>

#include "analyzer/shown_text.h"

namespace proflens {

namespace {

std::string Share(int64_t value, int64_t total) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", total == 0 ? 0.0 : static_cast<double>(value) / static_cast<double>(total) * 100.0);
  return buf;
}

}  // namespace

std::string CsvField(std::string_view field) {
  // A text cell that a spreadsheet would take for a formula ("=cmd()",
  // "+x", "-x", "@x", a leading tab or CR) gets a leading quote, as OWASP
  // advises; the name is then shown, never run.
  std::string guarded;
  if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
    guarded = "'" + std::string(field);
    field = guarded;
  }
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteTopCsv(const TopReport& report, std::ostream& out) {
  out << "name,inline,flat,flat_percent,sum_percent,cum,cum_percent,unit";
  if (report.has_calls) out << ",calls";
  if (report.has_primitive_calls) out << ",primitive_calls";
  out << "\r\n";
  for (const TopRow& row : report.rows) {
    out << CsvField(FullShownText(row.name)) << ',' << row.inline_label << ',' << row.flat << ','
        << Share(row.flat, report.total) << ',' << Share(row.sum, report.total) << ',' << row.cum << ','
        << Share(row.cum, report.total) << ',' << CsvField(report.sample_type.unit);
    if (report.has_calls) out << ',' << row.calls;
    if (report.has_primitive_calls) out << ',' << row.primitive_calls;
    out << "\r\n";
  }
}

void WriteDiffCsv(const DiffReport& report, std::ostream& out) {
  out << "name,base_flat,base_cum,new_flat,new_cum,delta_flat,delta_cum,relative_percent,status,unit\r\n";
  for (const DiffRow& r : report.rows) {
    out << CsvField(FullShownText(r.name)) << ',' << r.base_flat << ',' << r.base_cum << ',' << r.new_flat << ',' << r.new_cum << ','
        << r.delta_flat << ',' << r.delta_cum << ',';
    if (r.relative) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", *r.relative * 100);
      out << buf;
    }
    out << ',' << (r.appeared ? "new" : r.vanished ? "gone" : "") << ',' << CsvField(report.sample_type.unit) << "\r\n";
  }
}

}  // namespace proflens
