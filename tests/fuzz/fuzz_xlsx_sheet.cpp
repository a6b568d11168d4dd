// Fuzzes the workbook reader with a hostile worksheet: the input is the XML
// of the one sheet of an otherwise well-formed workbook (with shared strings
// and date styles, so cell references, string indices and serial dates are
// all reached), read row by row.  XlsxError is the only allowed failure, and
// every row and cell the reader returns must be inside Excel's grid, in order.
#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "data/xlsx_reader.h"

namespace {

const char kRoot[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
const char kWorkbook[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Sản phẩm\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
const char kRelationships[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";
const char kStrings[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>ma</t></si><si><r><t>Nem </t></r><r><t>chua</t></r></si></sst>";
const char kStyles[] =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"21\"/></cellXfs></styleSheet>";

void add(zip_t* archive, const char* name, const void* data, size_t size) {
  zip_source_t* source = zip_source_buffer(archive, data, size, 0);
  if (source == nullptr || zip_file_add(archive, name, source, 0) < 0) std::abort();
}

}  // namespace

// The workbook each input is written to, removed when the fuzzer exits.
struct TemporaryWorkbook {
  std::string path;
  ~TemporaryWorkbook() { std::filesystem::remove(path); }
};

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const TemporaryWorkbook workbook_file{
      (std::filesystem::temp_directory_path() /
       ("ocopdoc-fuzz-" + std::to_string(getpid()) + ".xlsx"))
          .string()};
  const std::string& path = workbook_file.path;
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) std::abort();
  add(archive, "_rels/.rels", kRoot, sizeof kRoot - 1);
  add(archive, "xl/workbook.xml", kWorkbook, sizeof kWorkbook - 1);
  add(archive, "xl/_rels/workbook.xml.rels", kRelationships, sizeof kRelationships - 1);
  add(archive, "xl/sharedStrings.xml", kStrings, sizeof kStrings - 1);
  add(archive, "xl/styles.xml", kStyles, sizeof kStyles - 1);
  add(archive, "xl/worksheets/sheet1.xml", data, size);
  if (zip_close(archive) != 0) std::abort();

  try {
    ocopdoc::data::XlsxWorkbook workbook(path);
    auto rows = workbook.read_sheet(0);
    ocopdoc::data::XlsxRow row;
    size_t previous_row = 0;
    while (rows->next(row)) {
      if (row.number <= previous_row || row.number > 1048576 || row.cells.empty()) std::abort();
      previous_row = row.number;
      size_t previous_column = 0;
      for (const ocopdoc::data::XlsxCell& cell : row.cells) {
        if (cell.column <= previous_column || cell.column > 16384) std::abort();
        previous_column = cell.column;
      }
    }
  } catch (const ocopdoc::data::XlsxError&) {
  }
  return 0;
}
