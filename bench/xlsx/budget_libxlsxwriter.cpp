// The budget workbook of budget_xlsxwriter.py, written by calling
// libxlsxwriter directly: the same cells, formats, formulas with cached
// values, outline, print set-up and chart, from data read into memory first.
//
// Why this exists: ocopdoc's XLSX writer is measured against Python
// XlsxWriter, and most of the writer's time is inside libxlsxwriter (XML
// with fprintf, zlib).  This program is the floor for that comparison: what
// the same workbook costs when nothing but libxlsxwriter does the work.  The
// difference between it and bench_xlsx is ocopdoc's own share (sums, column
// widths and row heights measured with the font, formats, the document
// tree); the ratio between it and XlsxWriter is the most any writer built on
// this libxlsxwriter could reach.
//
//   budget_libxlsxwriter DB OUT.xlsx
//
// Prints the same key=value pairs as budget_xlsxwriter.py.
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "cli/allocator.h"
#include "process_stats.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Year {
  int64_t year = 0;
  double planned = 0;
  double spent = 0;
  bool disbursed = false;  // any disbursement row: else written "-"
};
struct Source {
  std::string name;
  std::vector<Year> years;
};
struct Project {
  std::string code;
  std::string name;
  std::vector<Source> sources;
};

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db));
  }
  return Statement(stmt);
}

std::string text(sqlite3_stmt* stmt, int col) {
  const auto* value = sqlite3_column_text(stmt, col);
  return value ? reinterpret_cast<const char*>(value) : "";
}

// The same query and grouping as budget_xlsxwriter.py's read_budget().
std::vector<Project> read_budget(const char* path, std::map<std::string, std::string>& settings) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("cannot open ") + path);
  }
  std::unique_ptr<sqlite3, DatabaseCloser> db(raw);
  std::vector<Project> projects;
  Statement rows = prepare(db.get(), R"sql(
      SELECT d.ma_du_an, max(d.ten_du_an) OVER (PARTITION BY d.ma_du_an), coalesce(n.ten, d.nguon_von),
             d.nam, sum(CASE d.loai WHEN 'du_toan' THEN d.so_tien ELSE 0 END),
             sum(CASE d.loai WHEN 'giai_ngan' THEN d.so_tien ELSE 0 END), max(d.loai = 'giai_ngan')
      FROM du_toan d LEFT JOIN nguon_von n ON n.ma = d.nguon_von
      GROUP BY d.ma_du_an, d.nguon_von, d.nam
      ORDER BY d.ma_du_an, coalesce(n.thu_tu, 999999), d.nguon_von, d.nam)sql");
  while (sqlite3_step(rows.get()) == SQLITE_ROW) {
    const std::string code = text(rows.get(), 0);
    if (projects.empty() || projects.back().code != code) {
      projects.push_back({code, text(rows.get(), 1), {}});
    }
    std::vector<Source>& sources = projects.back().sources;
    const std::string source = text(rows.get(), 2);
    if (sources.empty() || sources.back().name != source) sources.push_back({source, {}});
    sources.back().years.push_back(
        {sqlite3_column_int64(rows.get(), 3), sqlite3_column_double(rows.get(), 4),
         sqlite3_column_double(rows.get(), 5), sqlite3_column_int(rows.get(), 6) != 0});
  }
  Statement pairs = prepare(db.get(), "SELECT khoa, gia_tri FROM cai_dat");
  while (sqlite3_step(pairs.get()) == SQLITE_ROW) {
    settings[text(pairs.get(), 0)] = text(pairs.get(), 1);
  }
  return projects;
}

const char* const kRoman[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                              "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                              "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};

std::string roman(size_t number) {
  return number < std::size(kRoman) ? kRoman[number] : std::to_string(number + 1);
}

struct FormatSpec {
  double size = 12;
  uint8_t align = LXW_ALIGN_NONE;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool border = false;
  bool wrap = true;
  uint8_t valign = LXW_ALIGN_VERTICAL_CENTER;
  const char* number_format = nullptr;
};

lxw_format* add_format(lxw_workbook* wb, const FormatSpec& spec) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, "Times New Roman");
  format_set_font_size(f, spec.size);
  if (spec.align != LXW_ALIGN_NONE) format_set_align(f, spec.align);
  format_set_align(f, spec.valign);
  if (spec.bold) format_set_bold(f);
  if (spec.italic) format_set_italic(f);
  if (spec.underline) format_set_underline(f, LXW_UNDERLINE_SINGLE);
  if (spec.border) format_set_border(f, LXW_BORDER_THIN);
  if (spec.wrap) format_set_text_wrap(f);
  if (spec.number_format) format_set_num_format(f, spec.number_format);
  return f;
}

std::string subtotal(char col, size_t first, size_t last) {
  return "=SUBTOTAL(9," + std::string(1, col) + std::to_string(first) + ":" + std::string(1, col) +
         std::to_string(last) + ")";
}

void write_budget(const std::vector<Project>& projects,
                  std::map<std::string, std::string>& settings, const char* out) {
  size_t lines = 0;
  for (const Project& p : projects) {
    for (const Source& s : p.sources) lines += s.years.size();
  }
  lxw_workbook_options options = {};
  options.constant_memory = lines > 20000;
  lxw_workbook* wb = workbook_new_opt(out, &options);
  if (wb == nullptr) throw std::runtime_error("cannot create workbook");
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>("BIỂU DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ");
  properties.author = const_cast<char*>(settings["co_quan"].c_str());
  properties.company = const_cast<char*>(settings["co_quan_chu_quan"].c_str());
  workbook_set_properties(wb, &properties);

  lxw_format* header_left = add_format(wb, {.size = 13, .align = LXW_ALIGN_CENTER});
  lxw_format* header_left_bold =
      add_format(wb, {.size = 13, .align = LXW_ALIGN_CENTER, .bold = true});
  lxw_format* motto =
      add_format(wb, {.size = 14, .align = LXW_ALIGN_CENTER, .bold = true, .underline = true});
  lxw_format* place_date = add_format(wb, {.size = 14, .align = LXW_ALIGN_CENTER, .italic = true});
  lxw_format* title = add_format(wb, {.size = 14, .align = LXW_ALIGN_CENTER, .bold = true});
  lxw_format* unit = add_format(wb, {.size = 13, .align = LXW_ALIGN_RIGHT, .italic = true});
  lxw_format* th = add_format(wb, {.align = LXW_ALIGN_CENTER, .bold = true, .border = true});
  lxw_format* bold_text = add_format(wb, {.align = LXW_ALIGN_LEFT, .bold = true, .border = true});
  lxw_format* bold_center =
      add_format(wb, {.align = LXW_ALIGN_CENTER, .bold = true, .border = true});
  lxw_format* bold_money = add_format(
      wb, {.align = LXW_ALIGN_RIGHT, .bold = true, .border = true, .number_format = "#,##0"});
  lxw_format* plain_text = add_format(wb, {.align = LXW_ALIGN_LEFT, .border = true});
  lxw_format* center = add_format(wb, {.align = LXW_ALIGN_CENTER, .border = true});
  lxw_format* money =
      add_format(wb, {.align = LXW_ALIGN_RIGHT, .border = true, .number_format = "#,##0"});
  lxw_format* words =
      add_format(wb, {.size = 13, .italic = true, .valign = LXW_ALIGN_VERTICAL_TOP});
  lxw_format* signer = add_format(wb, {.size = 13, .align = LXW_ALIGN_CENTER, .bold = true});

  lxw_worksheet* ws = workbook_add_worksheet(wb, "Dự toán");
  const double widths[] = {8.14, 73.14, 27.43, 27.43};
  for (lxw_col_t col = 0; col < 4; ++col) worksheet_set_column(ws, col, col, widths[col], nullptr);
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_set_margins(ws, 30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4);
  worksheet_fit_to_pages(ws, 1, 0);
  lxw_header_footer_options footer = {8 / 25.4};
  worksheet_set_footer_opt(ws, "&C&\"Times New Roman,Regular\"&12Trang &P/&N", &footer);
  worksheet_outline_settings(ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
  worksheet_set_default_row(ws, 15.75, LXW_FALSE);

  lxw_row_t row = 0;
  struct HeaderLine {
    std::string left;
    lxw_format* left_format;
    std::string right;
    lxw_format* right_format;
    double height;
  };
  const HeaderLine header_lines[] = {
      {settings["co_quan_chu_quan"], header_left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
       header_left_bold, 17.25},
      {settings["co_quan"], header_left_bold, "Độc lập - Tự do - Hạnh phúc", motto, 18.75},
      {"Số: /BC-VPĐP", header_left, "Thanh Hóa, ngày 31 tháng 12 năm 2019", place_date, 18.75}};
  for (const HeaderLine& line : header_lines) {
    worksheet_set_row(ws, row, line.height, nullptr);
    worksheet_merge_range(ws, row, 0, row, 1, line.left.c_str(), line.left_format);
    worksheet_merge_range(ws, row, 2, row, 3, line.right.c_str(), line.right_format);
    ++row;
  }
  ++row;
  for (const std::string& line : {std::string("BIỂU DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ"),
                                  "Thực hiện " + settings["ten_chuong_trinh"],
                                  std::string("(theo dự án thành phần, nguồn vốn và năm)")}) {
    worksheet_set_row(ws, row, 18.75, nullptr);
    worksheet_merge_range(ws, row, 0, row, 3, line.c_str(), title);
    ++row;
  }
  ++row;
  worksheet_set_row(ws, row, 17.25, nullptr);
  worksheet_merge_range(ws, row, 0, row, 3, "Đơn vị tính: đồng", unit);
  row += 2;
  const lxw_row_t header = row;
  const char* const header_rows[2][4] = {
      {"STT", "Dự án thành phần, nguồn vốn, năm", "Dự toán, kế hoạch", "Giải ngân, thực hiện"},
      {"(1)", "(2)", "(3)", "(4)"}};
  for (const auto& values : header_rows) {
    for (lxw_col_t col = 0; col < 4; ++col) worksheet_write_string(ws, row, col, values[col], th);
    ++row;
  }
  worksheet_freeze_panes(ws, row, 0);
  worksheet_repeat_rows(ws, header, header + 1);

  const size_t body = row + 1;
  size_t count = 0;
  double total_planned = 0;
  double total_spent = 0;
  for (const Project& p : projects) {
    count += 1;
    for (const Source& s : p.sources) {
      count += 1 + s.years.size();
      for (const Year& y : s.years) {
        total_planned += y.planned;
        total_spent += y.spent;
      }
    }
  }
  worksheet_write_blank(ws, row, 0, bold_center);
  worksheet_write_string(ws, row, 1, "TỔNG CỘNG", bold_text);
  worksheet_write_formula_num(ws, row, 2, subtotal('C', body + 1, body + count).c_str(), bold_money,
                              total_planned);
  worksheet_write_formula_num(ws, row, 3, subtotal('D', body + 1, body + count).c_str(), bold_money,
                              total_spent);
  ++row;
  lxw_row_col_options level1 = {LXW_FALSE, 1, LXW_FALSE};
  lxw_row_col_options level2 = {LXW_FALSE, 2, LXW_FALSE};
  const std::string year_prefix = "Năm ";
  for (size_t number = 0; number < projects.size(); ++number) {
    const Project& p = projects[number];
    size_t size = 0;
    double planned = 0;
    double spent = 0;
    for (const Source& s : p.sources) {
      size += 1 + s.years.size();
      for (const Year& y : s.years) {
        planned += y.planned;
        spent += y.spent;
      }
    }
    worksheet_write_string(ws, row, 0, roman(number).c_str(), bold_center);
    worksheet_write_string(ws, row, 1, p.name.c_str(), bold_text);
    worksheet_write_formula_num(ws, row, 2, subtotal('C', row + 2, row + 1 + size).c_str(),
                                bold_money, planned);
    worksheet_write_formula_num(ws, row, 3, subtotal('D', row + 2, row + 1 + size).c_str(),
                                bold_money, spent);
    ++row;
    for (size_t index = 0; index < p.sources.size(); ++index) {
      const Source& s = p.sources[index];
      double source_planned = 0;
      double source_spent = 0;
      for (const Year& y : s.years) {
        source_planned += y.planned;
        source_spent += y.spent;
      }
      worksheet_set_row_opt(ws, row, LXW_DEF_ROW_HEIGHT, nullptr, &level1);
      worksheet_write_number(ws, row, 0, static_cast<double>(index + 1), bold_center);
      worksheet_write_string(ws, row, 1, s.name.c_str(), bold_text);
      worksheet_write_formula_num(ws, row, 2,
                                  subtotal('C', row + 2, row + 1 + s.years.size()).c_str(),
                                  bold_money, source_planned);
      worksheet_write_formula_num(ws, row, 3,
                                  subtotal('D', row + 2, row + 1 + s.years.size()).c_str(),
                                  bold_money, source_spent);
      ++row;
      for (const Year& y : s.years) {
        worksheet_set_row_opt(ws, row, LXW_DEF_ROW_HEIGHT, nullptr, &level2);
        worksheet_write_blank(ws, row, 0, center);
        worksheet_write_string(ws, row, 1, (year_prefix + std::to_string(y.year)).c_str(),
                               plain_text);
        worksheet_write_number(ws, row, 2, y.planned, money);
        if (y.disbursed) {
          worksheet_write_number(ws, row, 3, y.spent, money);
        } else {
          worksheet_write_string(ws, row, 3, "-", money);
        }
        ++row;
      }
    }
  }
  ++row;
  worksheet_set_row(ws, row, 34.5, nullptr);
  std::ostringstream in_words;
  in_words << std::fixed << std::setprecision(0) << "Tổng dự toán (bằng chữ): " << total_planned
           << " đồng.\nTổng giải ngân (bằng chữ): " << total_spent << " đồng.";
  worksheet_merge_range(ws, row, 0, row, 3, in_words.str().c_str(), words);
  row += 2;
  for (const std::string& line : {settings["chuc_vu_ky_van_phong"], std::string(), std::string(),
                                  std::string(), settings["nguoi_ky_van_phong"]}) {
    worksheet_set_row(ws, row, 17.25, nullptr);
    worksheet_merge_range(ws, row, 2, row, 3, line.c_str(), signer);
    ++row;
  }

  lxw_worksheet* chart_sheet = workbook_add_worksheet(wb, "Biểu đồ");
  worksheet_set_column(chart_sheet, 0, 0, 40, nullptr);
  worksheet_set_column(chart_sheet, 1, 2, 16, nullptr);
  worksheet_write_string(chart_sheet, 0, 0, "Dự án thành phần", th);
  worksheet_write_string(chart_sheet, 0, 1, "Dự toán", th);
  worksheet_write_string(chart_sheet, 0, 2, "Giải ngân", th);
  for (size_t number = 0; number < projects.size(); ++number) {
    double planned = 0;
    double spent = 0;
    for (const Source& s : projects[number].sources) {
      for (const Year& y : s.years) {
        planned += y.planned;
        spent += y.spent;
      }
    }
    const auto r = static_cast<lxw_row_t>(number + 1);
    const std::string label = roman(number) + ". " + projects[number].name;
    worksheet_write_string(chart_sheet, r, 0, label.c_str(), plain_text);
    worksheet_write_number(chart_sheet, r, 1, std::round(planned / 1e5) / 10, money);
    worksheet_write_number(chart_sheet, r, 2, std::round(spent / 1e5) / 10, money);
  }
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_BAR);
  const auto last = static_cast<lxw_row_t>(projects.size());
  // As engine/xlsx/xlsx_charts.cpp sizes a bar chart of two series, up to
  // a landscape page of the sheet, with figures while a bar is at least a
  // line of them (13 px) thick.
  const double height =
      std::clamp(110 + 22 * 1.6 * static_cast<double>(projects.size()), 320.0, 621.5);
  const bool figures =
      (height - 110) / (2 * std::max<double>(static_cast<double>(projects.size()), 1)) >= 13;
  for (lxw_col_t col = 1; col <= 2; ++col) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_name_range(series, "Biểu đồ", 0, col);
    chart_series_set_categories(series, "Biểu đồ", 1, 0, last, 0);
    chart_series_set_values(series, "Biểu đồ", 1, col, last, col);
    if (figures) chart_series_set_labels(series);
  }
  chart_title_set_name(chart, "Dự toán và giải ngân theo dự án thành phần");
  chart_set_series_gap(chart, 50);
  chart_axis_set_name(chart->x_axis, "triệu đồng");
  chart_axis_set_num_format(chart->x_axis, "#,##0");
  chart_axis_set_min(chart->x_axis, 0);
  chart_axis_set_reverse(chart->y_axis);
  chart_axis_set_crossing_max(chart->y_axis);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options placement = {};
  placement.x_scale = 1.58;
  placement.y_scale = height / 288;
  worksheet_insert_chart_opt(chart_sheet, last + 2, 0, chart, &placement);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write workbook");
}

}  // namespace

int main(int argc, char** argv) {
  // The allocator as ocopdoc sets it up: a floor any writer can reach.
  ocopdoc::cli::tune_allocator();
  if (argc != 3) {
    std::cerr << "usage: budget_libxlsxwriter DB OUT.xlsx\n";
    return 2;
  }
  try {
    auto start = std::chrono::steady_clock::now();
    std::map<std::string, std::string> settings;
    const std::vector<Project> projects = read_budget(argv[1], settings);
    const double read_seconds = bench::seconds_since(start);
    const long peak_before = bench::status_kilobytes("VmHWM");
    const long resident_before = bench::status_kilobytes("VmRSS");
    start = std::chrono::steady_clock::now();
    const double cpu_start = bench::cpu_seconds();
    write_budget(projects, settings, argv[2]);
    const double write_seconds = bench::seconds_since(start);
    const double write_cpu_seconds = bench::cpu_seconds() - cpu_start;
    std::cout << std::fixed << std::setprecision(3) << "read_seconds=" << read_seconds
              << " write_seconds=" << write_seconds << " write_cpu_seconds=" << write_cpu_seconds
              << " resident_before_write_kb=" << resident_before
              << " peak_before_write_kb=" << peak_before
              << " peak_after_write_kb=" << bench::status_kilobytes("VmHWM") << '\n';
  } catch (const std::exception& error) {
    std::cerr << "budget_libxlsxwriter: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
