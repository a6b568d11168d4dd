// Reading a template file: the TOML header between "+++" lines, then the body.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "data/schema.h"
#include "template/template.h"
#include "template/template_internal.h"

namespace ocopdoc::tmpl {

TemplateError::TemplateError(std::string file, int line, int column, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                         message),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

namespace {

bool is_identifier(std::string_view name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// The header is parsed on its own; its line 1 is the file's line 2 (after
// the opening "+++").
constexpr int kHeaderFirstLine = 2;

class HeaderReader {
 public:
  explicit HeaderReader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    const auto& source = node.source();
    throw TemplateError(path_, static_cast<int>(source.begin.line) + kHeaderFirstLine - 1,
                        static_cast<int>(source.begin.column), message);
  }

  std::string string_value(const toml::node& node, std::string_view key) const {
    auto value = node.value<std::string>();
    if (!node.is_string() || !value) fail(node, "\"" + std::string(key) + "\" phải là một chuỗi");
    return *value;
  }

  bool bool_value(const toml::node& node, std::string_view key) const {
    if (!node.is_boolean()) fail(node, "\"" + std::string(key) + "\" phải là true hoặc false");
    return *node.value<bool>();
  }

  void check_name(const toml::node& node, std::string_view name, std::string_view what) const {
    if (!is_identifier(name))
      fail(node, std::string(what) + " \"" + std::string(name) +
                     "\": tên chỉ gồm chữ thường không dấu, chữ số và dấu _ (ví dụ don_vi)");
    if (is_builtin_name(name))
      fail(node, std::string(what) + " \"" + std::string(name) +
                     "\" trùng với một giá trị có sẵn của ocopdoc");
  }

  Parameter parameter(std::string_view name, const toml::node& node) const {
    check_name(node, name, "tham số");
    const toml::table* table = node.as_table();
    if (!table)
      fail(node, "tham số \"" + std::string(name) + "\" phải là một bảng [tham_so." +
                     std::string(name) + "]");
    Parameter p;
    p.name = std::string(name);
    p.line = static_cast<int>(node.source().begin.line) + kHeaderFirstLine - 1;
    bool has_type = false;
    for (auto&& [key, value] : *table) {
      const std::string_view k = key.str();
      if (k == "kieu") {
        const std::string type = string_value(value, k);
        has_type = true;
        if (type == "chuoi")
          p.type = ParameterType::kText;
        else if (type == "so")
          p.type = ParameterType::kInteger;
        else if (type == "ngay")
          p.type = ParameterType::kDate;
        else if (type == "thang")
          p.type = ParameterType::kPeriod;
        else if (type == "ma")
          p.type = ParameterType::kCode;
        else
          fail(value,
               "kiểu tham số \"" + type + "\" không có; dùng chuoi, so, ngay, thang hoặc ma");
      } else if (k == "bat_buoc") {
        p.required = bool_value(value, k);
      } else if (k == "mac_dinh") {
        if (auto i = value.value<int64_t>(); value.is_integer() && i)
          p.default_value = std::to_string(*i);
        else
          p.default_value = string_value(value, k);
      } else if (k == "mac_dinh_sql") {
        p.default_sql = string_value(value, k);
      } else if (k == "tinh_sql") {
        p.computed_sql = string_value(value, k);
        if (p.computed_sql.find_first_not_of(" \t\r\n") == std::string::npos)
          fail(value, "tinh_sql của tham số \"" + p.name + "\" trống: cần một câu SELECT");
      } else if (k == "bang") {
        p.table = string_value(value, k);
        if (!data::find_table(p.table))
          fail(value, "bảng \"" + p.table + "\" không có trong cơ sở dữ liệu");
      } else if (k == "mo_ta") {
        p.description = string_value(value, k);
      } else if (k == "chon") {
        const toml::array* items = value.as_array();
        if (!items || items->empty())
          fail(value,
               "\"chon\" phải là một danh sách chuỗi, ví dụ chon = [\"dong\", \"trieu-dong\"]");
        for (const toml::node& item : *items) p.choices.push_back(string_value(item, k));
      } else {
        fail(value, "khóa \"" + std::string(k) +
                        "\" không dùng được cho tham số; các khóa: kieu, bat_buoc, mac_dinh, "
                        "mac_dinh_sql, tinh_sql, bang, chon, mo_ta");
      }
    }
    if (!has_type) fail(node, "tham số \"" + p.name + "\" thiếu kieu");
    if (p.type == ParameterType::kCode && p.table.empty())
      fail(node, "tham số \"" + p.name + "\" có kiểu ma nên cần bang (ví dụ bang = \"don_vi\")");
    if (p.required && (p.default_value || !p.default_sql.empty()))
      fail(node, "tham số \"" + p.name + "\" bắt buộc thì không có giá trị mặc định");
    if (!p.computed_sql.empty() &&
        (p.required || p.default_value || !p.default_sql.empty() || !p.choices.empty()))
      fail(node, "tham số \"" + p.name +
                     "\" được tính bằng tinh_sql nên không có bat_buoc, mac_dinh, mac_dinh_sql "
                     "hay chon");
    if (!p.choices.empty() && p.type != ParameterType::kText)
      fail(node, "tham số \"" + p.name + "\": chon chỉ dùng cho kiểu chuoi");
    if (!p.choices.empty() && p.default_value &&
        std::find(p.choices.begin(), p.choices.end(), *p.default_value) == p.choices.end())
      fail(node, "tham số \"" + p.name + "\": mac_dinh \"" + *p.default_value +
                     "\" không nằm trong chon");
    return p;
  }

  Query query(std::string_view name, const toml::node& node, int depth) const {
    check_name(node, name, "truy vấn");
    const toml::table* table = node.as_table();
    if (!table) fail(node, "truy vấn \"" + std::string(name) + "\" phải là một bảng");
    if (depth > 4) fail(node, "truy vấn lồng quá 4 cấp");
    Query q;
    q.name = std::string(name);
    q.line = static_cast<int>(node.source().begin.line) + kHeaderFirstLine - 1;
    bool has_sql = false;
    for (auto&& [key, value] : *table) {
      const std::string_view k = key.str();
      if (k == "sql") {
        q.sql = string_value(value, k);
        q.line = static_cast<int>(value.source().begin.line) + kHeaderFirstLine - 1;
        has_sql = true;
      } else if (k == "mot_dong") {
        q.single_row = bool_value(value, k);
      } else if (k == "tung_dong") {
        if (depth > 1) fail(value, "tung_dong chỉ dùng được cho truy vấn cấp ngoài cùng");
        q.streamed = bool_value(value, k);
      } else if (k == "mo_ta") {
        string_value(value, k);
      } else if (value.is_table()) {
        q.children.push_back(query(k, value, depth + 1));
      } else {
        fail(value, "khóa \"" + std::string(k) +
                        "\" không dùng được cho truy vấn; các khóa: sql, mot_dong, tung_dong, "
                        "mo_ta, và các "
                        "truy vấn con [truy_van." +
                        q.name + ".ten]");
      }
    }
    if (!has_sql) fail(node, "truy vấn \"" + q.name + "\" thiếu sql");
    if (q.streamed && q.single_row)
      fail(node, "truy vấn \"" + q.name + "\" không thể vừa mot_dong vừa tung_dong");
    return q;
  }

 private:
  std::string path_;
};

std::string templates_root_for(const std::filesystem::path& template_path) {
  std::filesystem::path dir = std::filesystem::absolute(template_path).parent_path();
  for (std::filesystem::path p = dir; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (p.filename() == "templates") return p.lexically_normal().string();
  }
  return dir.lexically_normal().string();
}

}  // namespace

bool is_builtin_name(std::string_view name) {
  static const std::set<std::string_view> kBuiltins = {
      "ngay", "ngay_van_ban", "dia_danh_ngay", "nam", "cai_dat", "stt", "dau", "cuoi"};
  return kBuiltins.count(name) > 0;
}

TemplateFile load_template(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw TemplateError(path, 1, 1, "không đọc được tệp mẫu (không có hoặc không có quyền đọc)");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (auto bad = first_invalid_utf8(text))
    throw TemplateError(path, line_of(text, *bad), column_of(text, *bad),
                        "tệp mẫu không phải UTF-8 hợp lệ");

  TemplateFile file;
  file.path = path;
  file.templates_root = templates_root_for(path);

  // Split off the header: first line "+++", up to the next line "+++".
  auto line_end = [&](size_t from) {
    size_t end = text.find('\n', from);
    return end == std::string::npos ? text.size() : end;
  };
  auto line_text = [&](size_t from) {
    std::string_view line(text.data() + from, line_end(from) - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  if (text.empty() || line_text(0) != "+++")
    throw TemplateError(path, 1, 1,
                        "tệp mẫu phải bắt đầu bằng dòng \"+++\", rồi phần khai báo (tham số, truy "
                        "vấn), rồi một dòng \"+++\"");
  size_t header_start = line_end(0) + 1;
  size_t position = header_start;
  int line = 2;
  while (position < text.size() && line_text(position) != "+++") {
    position = line_end(position) + 1;
    ++line;
  }
  if (position >= text.size())
    throw TemplateError(path, line, 1, "thiếu dòng \"+++\" đóng phần khai báo");
  const std::string header = text.substr(header_start, position - header_start);
  file.body_line = line + 1;
  const size_t body_start = std::min(text.size(), line_end(position) + 1);
  file.body = text.substr(body_start);

  toml::table root;
  try {
    root = toml::parse(header, path);
  } catch (const toml::parse_error& error) {
    throw TemplateError(path, static_cast<int>(error.source().begin.line) + kHeaderFirstLine - 1,
                        static_cast<int>(error.source().begin.column),
                        "phần khai báo (TOML) sai: " + std::string(error.description()));
  }

  HeaderReader reader(path);
  std::set<std::string> names;
  for (auto&& [key, value] : root) {
    const std::string_view k = key.str();
    if (k == "mo_ta") {
      file.description = reader.string_value(value, k);
    } else if (k == "ten_tep") {
      file.output_name = reader.string_value(value, k);
    } else if (k == "trang") {
      const toml::table* page = value.as_table();
      if (!page) reader.fail(value, "\"trang\" phải là một bảng [trang]");
      // ND 30/2020, Phụ lục I: the ranges a document may choose from.
      struct Range {
        std::string_view key;
        double low, high;
        std::optional<double> PageSettings::*field;
        std::string_view what;
      };
      static constexpr Range kRanges[] = {
          {"le_tren", 20, 25, &PageSettings::margin_top_mm, "lề trên (mm)"},
          {"le_duoi", 20, 25, &PageSettings::margin_bottom_mm, "lề dưới (mm)"},
          {"le_trai", 30, 35, &PageSettings::margin_left_mm, "lề trái (mm)"},
          {"le_phai", 15, 20, &PageSettings::margin_right_mm, "lề phải (mm)"},
          {"co_chu", 13, 14, &PageSettings::body_size, "cỡ chữ phần nội dung (pt)"},
          {"gian_dong", 1.0, 1.5, &PageSettings::line_spacing, "giãn dòng (số dòng)"},
      };
      for (auto&& [page_key, page_value] : *page) {
        const Range* range = nullptr;
        for (const Range& candidate : kRanges) {
          if (candidate.key == page_key.str()) range = &candidate;
        }
        if (!range)
          reader.fail(page_value,
                      "khóa \"" + std::string(page_key.str()) +
                          "\" không có trong [trang]; các khóa: le_tren, le_duoi, le_trai, "
                          "le_phai, co_chu, gian_dong");
        std::optional<double> number = page_value.value<double>();
        if (!number || (!page_value.is_floating_point() && !page_value.is_integer()))
          reader.fail(page_value, std::string(range->what) + " phải là một số");
        if (*number < range->low || *number > range->high)
          reader.fail(page_value, std::string(range->what) + " = " +
                                      std::to_string(*number).substr(0, 5) +
                                      " nằm ngoài khoảng Nghị định 30/2020 cho phép (" +
                                      std::to_string(range->low).substr(0, 4) + " – " +
                                      std::to_string(range->high).substr(0, 4) + ")");
        file.page.*(range->field) = *number;
      }
    } else if (k == "gia_tri") {
      const toml::table* group = value.as_table();
      if (!group) reader.fail(value, "\"gia_tri\" phải là một bảng [gia_tri]");
      for (auto&& [name, node] : *group) {
        reader.check_name(node, name.str(), "giá trị");
        if (!names.insert(std::string(name.str())).second)
          reader.fail(node, "tên \"" + std::string(name.str()) + "\" đã dùng");
        file.constants[std::string(name.str())] = reader.string_value(node, name.str());
      }
    } else if (k == "tham_so" || k == "truy_van") {
      const toml::table* group = value.as_table();
      if (!group) reader.fail(value, "\"" + std::string(k) + "\" phải là một bảng");
      for (auto&& [name, node] : *group) {
        if (!names.insert(std::string(name.str())).second)
          reader.fail(node, "tên \"" + std::string(name.str()) +
                                "\" đã dùng cho một tham số hoặc truy vấn khác");
        if (k == "tham_so")
          file.parameters.push_back(reader.parameter(name.str(), node));
        else
          file.queries.push_back(reader.query(name.str(), node, 1));
      }
    } else {
      reader.fail(
          value,
          "khóa \"" + std::string(k) +
              "\" không có; phần khai báo gồm mo_ta, ten_tep, [trang], [gia_tri], [tham_so.*], "
              "[truy_van.*]");
    }
  }
  // TOML tables iterate in key order; the declaration order is what a reader
  // of the template expects (and what batch output names follow).
  std::stable_sort(file.parameters.begin(), file.parameters.end(),
                   [](const Parameter& a, const Parameter& b) { return a.line < b.line; });
  std::stable_sort(file.queries.begin(), file.queries.end(),
                   [](const Query& a, const Query& b) { return a.line < b.line; });
  // One streamed table per document: the layout reads one source at a time.
  const Query* streamed = nullptr;
  for (const Query& q : file.queries) {
    if (!q.streamed) continue;
    if (streamed != nullptr)
      throw TemplateError(path, q.line, 1,
                          "mỗi mẫu chỉ có một truy vấn tung_dong (đã có " + streamed->name + ")");
    streamed = &q;
  }
  return file;
}

}  // namespace ocopdoc::tmpl
