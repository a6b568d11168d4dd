// Fuzzes the workbook writer: markup the parser accepts is written as an
// .xlsx (in memory or, for inputs of odd length, in libxlsxwriter's
// constant-memory mode) with the fonts the command finds, and the workbook
// must then open in ocopdoc's own reader with every sheet readable to its
// last row: what ocopdoc writes, ocopdoc (and so a district sending the
// data-entry workbook back) can read.  Sheets, merged header rows, live
// subtotals, outline levels, drop-down lists, protected input rows, charts
// and page breaks all come through the markup.
//
// Findings: a crash or sanitizer report; an exception other than
// MarkupError, xlsx::XlsxError (a document the writer refuses with a
// message) or FontError; a written workbook the reader refuses.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "data/xlsx_reader.h"
#include "fuzz_support.h"
#include "xlsx/xlsx_writer.h"

namespace {

std::string workbook_path() {
  return (std::filesystem::temp_directory_path() /
          ("fuzz_xlsx_writer-" + std::to_string(getpid()) + ".xlsx"))
      .string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::optional<ocopdoc::doc::Document> document = fuzz::parsed_markup(data, size);
  if (!document) return 0;
  static const std::string path = workbook_path();
  std::remove(path.c_str());
  ocopdoc::xlsx::XlsxOptions options;
  options.fonts = &fuzz::command_fonts();
  options.memory = size % 2 ? ocopdoc::xlsx::XlsxOptions::Memory::kConstant
                            : ocopdoc::xlsx::XlsxOptions::Memory::kInMemory;
  try {
    ocopdoc::xlsx::write_xlsx(*document, path, options);
  } catch (const ocopdoc::xlsx::XlsxError&) {
    return 0;
  } catch (const ocopdoc::layout::FontError&) {
    return 0;
  }
  try {
    const ocopdoc::data::XlsxWorkbook workbook(path);
    for (size_t sheet = 0; sheet < workbook.sheets().size(); ++sheet) {
      const auto rows = workbook.read_sheet(sheet);
      ocopdoc::data::XlsxRow row;
      while (rows->next(row)) {
      }
    }
  } catch (const ocopdoc::data::XlsxError& error) {
    std::cerr << "fuzz_xlsx_writer: the written workbook does not read back: " << error.what()
              << '\n';
    std::abort();
  }
  std::remove(path.c_str());
  return 0;
}
