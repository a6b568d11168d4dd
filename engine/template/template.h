// Templates: a TOML header (parameters and named SQL queries) and a Mustache
// body that renders to document markup (docs/markup.md).  README, section
// "Templates", shows a whole example.
//
//   +++
//   mo_ta = "Báo cáo tháng"
//   [tham_so.ky]
//   kieu = "thang"
//   bat_buoc = true
//   [truy_van.nhiem_vu]
//   sql = "SELECT ma, ten FROM nhiem_vu WHERE ma_cha IS NULL ORDER BY thu_tu"
//   +++
//   {{#nhiem_vu}}
//   ### {{ma}}. {{ten}}
//   {{/nhiem_vu}}
//
// Queries run on a read-only connection with the parameters bound by name
// (`:ky`), never pasted into the SQL text.  Every Mustache name must be
// provided by a query column, a parameter or a built-in: an unknown name is an
// error with its file:line:column, found before anything is rendered.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/database.h"
#include "doc/document.h"

namespace ocopdoc::tmpl {

// An error in a template, a partial or a parameter, positioned in a file.
class TemplateError : public std::runtime_error {
 public:
  TemplateError(std::string file, int line, int column, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  std::string file_;
  int line_;
  int column_;
};

enum class ParameterType {
  kText,     // "chuoi": any text
  kInteger,  // "so": a whole number
  kDate,     // "ngay": YYYY-MM-DD
  kPeriod,   // "thang": YYYY-MM
  kCode,     // "ma": a key of table `table` (ma column), e.g. a unit code
};

struct Parameter {
  std::string name;
  ParameterType type = ParameterType::kText;
  bool required = false;
  std::optional<std::string> default_value;  // mac_dinh
  std::string default_sql;                   // mac_dinh_sql: first column of first row
  // tinh_sql: always computed from the parameters declared before it (and
  // ngay), never set: the first day of a report's period from its month and
  // kind, written once instead of in every query.
  std::string computed_sql;
  std::string table;                 // bang (for kCode)
  std::string description;           // mo_ta
  std::vector<std::string> choices;  // chon: the only values allowed (empty: any)
  int line = 0;
};

struct Query {
  std::string name;
  std::string sql;
  bool single_row = false;  // mot_dong: an object instead of a list
  // tung_dong: the rows are read while the document is written, a few at a
  // time, instead of all before rendering (a 30,000-trainee roster, a
  // 100,000-line budget).  Top-level queries only; the section must stand on
  // its own lines, once, outside other sections, among the rows of a table.
  bool streamed = false;
  std::vector<Query> children;  // run once per row, with the row's columns bound
  int line = 0;                 // line of the SQL text in the template file
};

// [trang]: the page set-up a template chooses, inside the ranges ND 30
// allows (checked when the template is read).  Unset values keep the ND 30
// defaults of the layout (margins 20/20/30/15 mm, 14 pt, line spacing 1.15).
struct PageSettings {
  std::optional<double> margin_top_mm, margin_bottom_mm, margin_left_mm, margin_right_mm;
  std::optional<double> body_size;     // co_chu: 13-14 pt
  std::optional<double> line_spacing;  // gian_dong: 1.0-1.5 lines
};

struct TemplateFile {
  std::string path;
  std::string templates_root;  // partials are looked up here, and only here
  std::string description;     // mo_ta
  std::string output_name;     // ten_tep: slug base for batch output names
  std::vector<Parameter> parameters;
  std::vector<Query> queries;
  // [gia_tri]: fixed texts of this template (e.g. so_ky_hieu = "Số:    /KH-UBND"),
  // so shared partials can print what differs between documents.
  std::map<std::string, std::string> constants;
  PageSettings page;
  std::string body;
  int body_line = 1;  // file line of the body's first line
};

// Reads and checks the header (types, names, duplicate keys).  The
// templates root is the nearest enclosing folder named "templates", else the
// template's own folder.
TemplateFile load_template(const std::string& path);

// Checks a template without data: header, SQL (prepared against an empty
// database of the current schema, so unknown tables and columns are found),
// Mustache syntax, partials and every name.  Throws TemplateError.
void check_template(const TemplateFile& file);

struct RenderOptions {
  // --set name=value pairs: parameters, and the built-in "ngay" (the document
  // date, YYYY-MM-DD).
  std::map<std::string, std::string> values;
  // Render a tung_dong query row by row while the document is written (the
  // document then reads the database: keep it open until written).  Off:
  // every row is rendered now, and the markup is whole.
  bool stream_rows = true;
};

// The document date when not given by --set ngay=...: SOURCE_DATE_EPOCH (UTC)
// if set, so output is reproducible, otherwise today's local date.
std::string default_document_date();

struct RenderResult {
  // What the Mustache body produced (without a streamed query's rows).
  std::string markup;
  doc::Document document;
};

// Renders a template against a read-only database.  Throws TemplateError for
// template and parameter errors (markup errors are positioned at the template
// line that wrote the offending text when it can be found).
RenderResult render_template(const TemplateFile& file, data::Database& database,
                             const RenderOptions& options);

}  // namespace ocopdoc::tmpl
