// The document tree: the one model every writer reads.
//
// A template's Mustache body renders to *markup* (docs/markup.md); the
// markup parser (markup.h) turns it into this tree.  The tree knows the
// structure of a Vietnamese administrative document — ND 30 header, title,
// căn cứ, numbered headings, tables, footnotes, signature, Nơi nhận — and
// nothing about PDF, XLSX or text layout.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ocopdoc::doc {

// ---------------------------------------------------------------------------
// Inline text

struct Span {
  std::string text;  // NFC UTF-8, no markup left
  bool bold = false;
  bool italic = false;
  bool underline = false;
  // A forced line break *after* this span's text (markup "\n" escape or a
  // line ending in a backslash).
  bool line_break = false;
  // When set, this span is a footnote reference: 1-based index into
  // Document::footnotes; `text` is the mark as printed ("1", "2", ...).
  int footnote = 0;

  bool operator==(const Span&) const = default;
};

using Inline = std::vector<Span>;

// The plain text of an inline run (for bookmarks, titles, sheet names).
std::string plain_text(const Inline& text);

enum class Align { kLeft, kCenter, kRight, kJustify };

// ---------------------------------------------------------------------------
// ND 30 blocks

// The two-column header: left the agencies and the number, right the Quốc hiệu,
// Tiêu ngữ and place-date.  The Quốc hiệu and Tiêu ngữ are fixed by law and
// supplied by the writers, not by the template.
struct NdHeader {
  std::string parent_agency;  // "UBND TỈNH THANH HÓA" (may be empty)
  std::string agency;         // "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI"
  std::string number;         // "Số: 05/BC-VPĐP"
  std::string summary;        // "V/v ..." for a công văn (usually empty)
  std::string place_date;     // "Thanh Hóa, ngày 05 tháng 02 năm 2019"
  int line = 0;               // markup line, for messages
};

// The document type and its summary (trích yếu), centred in bold.
struct Title {
  std::string type;                  // "KẾ HOẠCH"
  std::vector<std::string> summary;  // one or more lines
  int line = 0;
};

// "Kính gửi: ..." with one or more recipients.
struct Addressees {
  std::vector<Inline> lines;
  int line = 0;
};

// Legal bases (căn cứ), italic, each its own paragraph.
struct LegalBases {
  std::vector<Inline> lines;
  int line = 0;
};

// Signature block: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name.
struct Signature {
  std::vector<std::string> authority;  // authority and title lines, uppercase
  std::string name;
  int line = 0;
};

// "Nơi nhận:" with "- ...;" lines.  Writers place it level with the
// signature when both are adjacent.
struct Recipients {
  std::vector<Inline> lines;
  int line = 0;
};

// ---------------------------------------------------------------------------
// Body blocks

// Heading levels follow the Vietnamese administrative hierarchy:
//   1 "Phần thứ nhất" / part titles   2 "I."   3 "1."   4 "1.1."   5 "a)"
// The number is part of the text, written by the template (the customer's
// numbering is irregular and must be reproduced as given).
struct Heading {
  int level = 1;  // 1..5
  Inline text;
  int line = 0;
};

struct Paragraph {
  Inline text;
  Align align = Align::kJustify;
  bool indent_first_line = true;
  int line = 0;
};

// "- item" (level 1) and "+ item" (level 2).
struct ListItem {
  int level = 1;
  std::string marker;  // "-" or "+"
  Inline text;
  int line = 0;
};

// A block quote (e.g. a quoted legal text).
struct Quote {
  std::vector<Inline> lines;
  int line = 0;
};

struct ColumnWidth {
  enum class Kind { kAuto, kFraction, kMillimetres } kind = Kind::kAuto;
  double value = 0;  // weight for kFraction ("3*"), mm for kMillimetres
  bool operator==(const ColumnWidth&) const = default;
};

struct TableColumn {
  ColumnWidth width;
  Align align = Align::kLeft;
  // Number format hint for spreadsheet writers ("#,##0"); empty = text.
  std::string number_format;
  // Markup `so=` naming an amount unit (nghin-dong, trieu-dong): the parser
  // prints the body numbers divided by 1000^shown_thousands with
  // shown_decimals decimals, while `number` keeps the full value for
  // spreadsheets.  -1: the numbers print as written.
  int shown_thousands = -1;
  int shown_decimals = 0;
  // Markup `cong=`: subtotal and total rows add up this column (spreadsheet
  // writers write live SUBTOTAL formulas; see doc/table_sums.h).
  bool summed = false;
  // Markup `ty-le="6=5/3"`: this column holds the rate 100 × numerator ÷
  // denominator of its row, two other columns (0-based here).  The parser
  // checks what the template wrote against it and spreadsheet writers write
  // a live formula (doc/table_sums.h, "Rates").
  struct RateOf {
    size_t numerator = 0;
    size_t denominator = 0;
    bool operator==(const RateOf&) const = default;
  };
  std::optional<RateOf> rate;
  // Markup `chon=`: the name of a ChoiceList whose items a spreadsheet offers
  // as a drop-down in this column's cells (empty: none).
  std::string choice_list;
  // Markup `goi-y=`: a hint a spreadsheet shows when a cell of this column is
  // selected (empty: none).
  std::string input_message;
};

struct TableCell {
  Inline text;
  int col_span = 1;
  int row_span = 1;
  // True for a position covered by a span from the left or from above:
  // writers skip it.  Every row has exactly columns.size() cells.
  bool covered = false;
  // Set when the cell's text is a number as written ("1.234.567", "12,5"):
  // the value, for spreadsheet writers.
  std::optional<double> number;
};

struct TableRow {
  enum class Kind { kHeader, kBody, kSubtotal, kTotal } kind = Kind::kBody;
  std::vector<TableCell> cells;
  int line = 0;
  // For kSubtotal: the grouping level, 1 (outermost) to 7 — markup "|+2".
  // 0 for every other kind.  doc/table_sums.h derives what each row adds up.
  int level = 0;
};

struct Table;

// Body rows that are produced while a writer reads them instead of being
// held in the tree: a template's row-by-row query (`tung_dong`) renders and
// parses its rows a chunk at a time, so a 100,000-row table costs the memory
// of one chunk.  Each open() starts a fresh pass over the same rows (a writer
// may read them twice: once to measure the columns, once to place them).
class RowSource {
 public:
  class Pass {
   public:
    virtual ~Pass() = default;
    // Replaces `rows` with the next chunk (at least one row); false at the
    // end.  Throws (a TemplateError or MarkupError naming the query and row)
    // when a row cannot be produced.
    virtual bool next_chunk(std::vector<TableRow>& rows) = 0;
  };
  virtual ~RowSource() = default;
  virtual std::unique_ptr<Pass> open(const Table& table) const = 0;
};

struct Table {
  std::vector<TableColumn> columns;
  // Header rows first.  With a row source: only the rows written before the
  // streamed ones; read a table's rows with doc::TableRowCursor
  // (doc/table_rows.h), which walks rows, then the source, then rows_after.
  std::vector<TableRow> rows;
  std::shared_ptr<const RowSource> row_source;
  std::vector<TableRow> rows_after;
  std::string caption;  // shown above the table (may be empty)
  std::string sheet;    // worksheet name for XLSX (may be empty)
  int line = 0;
  // Markup `dong-cong=tren`: each subtotal row stands above the rows it adds
  // up (the group's title row) instead of below them.
  bool subtotals_above = false;
  // Markup `dong-nhap=N`: N blank rows for data entry after the table's rows
  // (spreadsheet writers unlock them and protect the rest; others ignore it).
  int input_rows = 0;
  // Markup `cao-dong=`: the least height of a body row, in millimetres (room
  // to sign on a roster); 0 = as the content needs.
  double min_row_height_mm = 0;
};

struct Chart {
  enum class Kind { kColumn, kBar } kind = Kind::kColumn;
  // Markup `loai=cot-chong` / `thanh-chong`: the series of a category are
  // stacked into one bar instead of standing side by side.
  bool stacked = false;
  std::string title;
  std::string unit;                         // axis unit ("sản phẩm")
  std::string category_heading;             // the label column's heading ("Huyện")
  std::vector<std::string> series;          // series names (header row after the label column)
  std::vector<std::string> categories;      // one per data row
  std::vector<std::vector<double>> values;  // [series][category]
  int line = 0;
  std::string sheet;  // worksheet name for XLSX (markup `trang-tinh=`; may be empty)
};

struct PageBreak {
  int line = 0;
};

// Switches page orientation for the blocks that follow (a new page starts).
struct Orientation {
  bool landscape = false;
  int line = 0;
};

// A table of contents placeholder: writers fill it from the headings.
struct TableOfContents {
  std::string title;  // "MỤC LỤC"
  int max_level = 3;
  int line = 0;
};

// The programme's logo (seed, footnote 1): "OCOP" with O brown, C green, O
// red, P yellow, and "TH" straw yellow, drawn by the writers as vector
// graphics (the text writer shows a placeholder line).  Centred.
struct Logo {
  double width_mm = 70;
  int line = 0;
};

// Blank vertical space, for cover pages.
struct VerticalSpace {
  double height_mm = 10;
  int line = 0;
};

using Block = std::variant<NdHeader, Title, Addressees, LegalBases, Signature, Recipients, Heading,
                           Paragraph, ListItem, Quote, Table, Chart, PageBreak, Orientation,
                           TableOfContents, Logo, VerticalSpace>;

// A named list of values (markup `@danh-sach ten=...`): spreadsheet writers
// put it on a hidden sheet and offer it as a drop-down in the table columns
// whose `chon=` names it.  Not printed by the document writers.
struct ChoiceList {
  std::string name;                // "xa": what `chon=` refers to
  std::string title;               // heading above the list on its sheet (may be empty)
  std::vector<std::string> items;  // plain text, in the order written
  int line = 0;
};

// The file's own properties (markup `@thuoc-tinh`): what a PDF's document
// information and a workbook's properties say, where the document's title
// block does not (a dossier under a cover page has no `@ten-van-ban`).  An
// empty field leaves the one found in the document.  Not printed.
struct DocumentProperties {
  std::string title;    // "Thuyết minh Đề án ..."
  std::string subject;  // "ĐỀ ÁN"
  std::string author;   // the issuing agency
  int line = 0;
};

struct Document {
  std::vector<Block> blocks;
  std::vector<Inline> footnotes;         // numbered from 1, in order of reference
  std::vector<ChoiceList> choice_lists;  // in the order written; names unique
  std::optional<DocumentProperties> properties;
};

}  // namespace ocopdoc::doc
