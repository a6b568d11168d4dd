// The XLSX writer: a document tree in, an Excel workbook out (libxlsxwriter).
//
// What goes where (docs/markup.md, "Spreadsheets"):
// - Each table is a region of a worksheet; `trang-tinh=` names the sheet, and
//   `@ngat-trang` starts a new one.  The ND 30 header, the title, headings and
//   paragraphs around a table become merged rows across the sheet's columns.
// - Subtotal (|+N) and total (|=) cells of the columns named by `cong=` are
//   live SUBTOTAL(9, ...) formulas with their values cached
//   (doc/table_sums.h), and rows get outline levels so a user can fold the
//   groups.  Numbers keep the table's `so=` number formats.
// - Times New Roman throughout; column widths and row heights come from the
//   font's metrics (Liberation Serif, metric-compatible); A4 in the
//   orientation the widest table needs, fit to one page wide, table header
//   rows repeated on every printed page and frozen on screen, page numbers in
//   the footer, ND 30 margins.
// - `@danh-sach` lists go on a hidden sheet and become drop-downs (a list
//   *formula*, so long Vietnamese lists are safe) in the columns that name them
//   with `chon=`; `goi-y=` adds input messages; a table with `dong-nhap=`
//   gets blank unlocked input rows on a protected sheet.
// - `@bieu-do` becomes a native chart above its data.
//
// Output is byte-for-byte reproducible: the creation time comes from the
// input (SOURCE_DATE_EPOCH or the document's date, else a fixed one) and
// nothing else varies.  The file is written under a temporary name beside the
// target and renamed when whole.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "doc/document.h"
#include "layout/fonts.h"

namespace ocopdoc::xlsx {

// A workbook that could not be written (Vietnamese message).
class XlsxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct XlsxOptions {
  // The creation (and modification) time in the document properties, in
  // seconds since 1970-01-01 UTC.  Unset: SOURCE_DATE_EPOCH when the
  // environment has it (as the PDF's dates), else `document_date`, else
  // kFixedCreationTime, so that identical input always gives identical
  // bytes.
  std::optional<std::int64_t> created;

  // The date the document bears (--set ngay=), midnight UTC in seconds
  // since 1970-01-01.  Left unset when the date is only today's, which
  // would make the same input give other bytes tomorrow.
  std::optional<std::int64_t> document_date;

  // The author in the document properties.  Empty: the issuing agency of the
  // document's ND 30 header (@dau-van-ban co-quan).
  std::string author;

  // libxlsxwriter's constant-memory mode writes each row to disk as soon as
  // the next one starts, so memory does not grow with the rows (strings are
  // then stored inline instead of in the shared-string table).
  enum class Memory { kAuto, kConstant, kInMemory };
  Memory memory = Memory::kAuto;
  // kAuto chooses constant memory for a sheet whose tables hold more rows
  // than this (or a streamed table); the other sheets keep their cells, so
  // a chart there caches its data.
  std::size_t constant_memory_above_rows = 20000;

  // The fonts whose widths size the columns and rows (the PDF's font set).
  // Unset: a set loaded from `fonts_dir` (layout::FontSet::load: the
  // folder's TTFs, else fontconfig, else Liberation Serif).
  const layout::FontSet* fonts = nullptr;
  std::string fonts_dir = "fonts";
};

// 2018-01-01 00:00:00 UTC: the creation time when nothing else is given.
inline constexpr std::int64_t kFixedCreationTime = 1514764800;

// Writes `document` to `path` (an .xlsx file).  Throws XlsxError; on error
// `path` is left as it was.
void write_xlsx(const doc::Document& document, const std::string& path, const XlsxOptions& options);

}  // namespace ocopdoc::xlsx
