// CSV output (RFC 4180 quoting): one header line, then the top table's rows
// with raw integer values and the sample unit.
//   name,inline,flat,flat_percent,sum_percent,cum,cum_percent,unit[,calls]
#ifndef PROFLENS_FORMATS_OUTPUT_CSV_WRITER_H_
#define PROFLENS_FORMATS_OUTPUT_CSV_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/diff.h"
#include "analyzer/top.h"

namespace proflens {

void WriteTopCsv(const TopReport& report, std::ostream& out);

// name,base_flat,base_cum,new_flat,new_cum,delta_flat,delta_cum,relative_percent,status,unit
void WriteDiffCsv(const DiffReport& report, std::ostream& out);

// Quotes a field when it holds a comma, quote, or line break.
std::string CsvField(std::string_view field);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_CSV_WRITER_H_
