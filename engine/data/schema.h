// The data contract: which tables a user may import, their columns, how each
// value is checked, and which other tables it refers to.
//
// The SQL schema (schema.cpp, with CHECK constraints and foreign keys) is the
// last line of defence; this description is the first: it lets the importer
// say `san_pham.csv:12:6: cột "ma_don_vi": ...` in Vietnamese instead of
// "FOREIGN KEY constraint failed" for the whole file.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace ocopdoc::data {

enum class ValueKind {
  kText,      // free text, normalised, single line
  kLongText,  // free text that may hold several lines (task content)
  kCode,      // an identifier: no spaces inside
  kInteger,   // whole number within [min, max]
  kReal,      // decimal number (dot or comma) within [min, max]
  kDate,      // YYYY-MM-DD, a real calendar date
  kPeriod,    // YYYY-MM
  kChoice,    // one of `choices`
};

struct ColumnSpec {
  std::string_view name;
  ValueKind kind;
  bool required;
  std::string_view label;  // Vietnamese, for messages: "mã đơn vị"
  int64_t min = 0;
  int64_t max = 0;
  std::span<const std::string_view> choices = {};
  // A reference to another table's key column: "don_vi.ma".
  std::string_view references = {};
  // An empty value is stored as 0 (a NOT NULL column with DEFAULT 0, such
  // as thu_tu), rather than as NULL.
  bool empty_is_zero = false;
  // What an empty cell means, said after a refused value of the column
  // ("giải ngân ghi chung cho cả năm" for du_toan.thang).
  std::string_view empty_means = {};
};

struct TableSpec {
  std::string_view name;   // also the CSV file name: san_pham.csv
  std::string_view label;  // Vietnamese: "sản phẩm"
  std::span<const ColumnSpec> columns;
  // The natural key: re-importing a row with the same key updates it.
  std::span<const std::string_view> key;
};

// Every importable table, in dependency order: a table only refers to tables
// before it (or to itself).  Import runs in this order whatever the order of
// the files on the command line.
std::span<const TableSpec> importable_tables();

const TableSpec* find_table(std::string_view name);

// The SQL statements of schema version `version` (applied to version-1).
std::span<const std::string_view> migration_steps(int version);

// The items a task of the plan prints, in their usual order: the names that
// nhiem_vu.thu_tu_y may list (schema version 2, view nhiem_vu_y).
std::span<const std::string_view> task_items();

// OCOP rating rules (ocop.md): star bands on the 100-point scale, and the
// maximum of each part under the criteria in force on the rating date.
int stars_for_score(int score);
struct CriteriaMaxima {
  std::string_view decision;  // "1048/QĐ-TTg" or "148/QĐ-TTg"
  int part_a, part_b, part_c;
};
// 1048/QĐ-TTg (2019) before 148/QĐ-TTg took effect on 2023-02-24; 148 after.
CriteriaMaxima criteria_for_date(std::string_view iso_date);

}  // namespace ocopdoc::data
