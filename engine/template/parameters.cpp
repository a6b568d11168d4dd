// Parameter values: from --set, else the default, checked against the type.
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "template/template_internal.h"

namespace ocopdoc::tmpl {

namespace {

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string iso_date(const std::tm& t) {
  return std::to_string(t.tm_year + 1900) + "-" + two(t.tm_mon + 1) + "-" + two(t.tm_mday);
}

const char* type_hint(ParameterType type) {
  switch (type) {
    case ParameterType::kText:
      return "một chuỗi";
    case ParameterType::kInteger:
      return "một số nguyên";
    case ParameterType::kDate:
      return "một ngày dạng YYYY-MM-DD";
    case ParameterType::kPeriod:
      return "một tháng dạng YYYY-MM";
    case ParameterType::kCode:
      return "một mã";
  }
  return "";
}

// Checks `value` for `p`; returns the canonical form.
std::string check_value(const TemplateFile& file, const Parameter& p, const std::string& value,
                        data::Database& database) {
  auto fail = [&](const std::string& why) {
    throw TemplateError(
        file.path, p.line, 1,
        "tham số " + p.name + " = \"" + value + "\": " + why + " (cần " + type_hint(p.type) + ")");
  };
  switch (p.type) {
    case ParameterType::kText:
      if (!p.choices.empty() &&
          std::find(p.choices.begin(), p.choices.end(), value) == p.choices.end()) {
        std::string list;
        for (const std::string& choice : p.choices) list += (list.empty() ? "" : ", ") + choice;
        throw TemplateError(
            file.path, p.line, 1,
            "tham số " + p.name + " = \"" + value + "\": chỉ được một trong: " + list);
      }
      return value;
    case ParameterType::kInteger: {
      int64_t n = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (error != std::errc() || end != value.data() + value.size()) fail("không phải số nguyên");
      return std::to_string(n);
    }
    case ParameterType::kDate:
      try {
        text::Date d = text::parse_iso_date(value);
        return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
      } catch (const text::Error& error) {
        fail(error.what());
      }
    case ParameterType::kPeriod:
      try {
        text::Date d = text::parse_year_month(value);
        return std::to_string(d.year) + "-" + two(d.month);
      } catch (const text::Error& error) {
        fail(error.what());
      }
    case ParameterType::kCode: {
      // The table name was checked against the schema when the header was read.
      data::Statement exists = database.prepare("SELECT 1 FROM " + p.table + " WHERE ma = ?");
      exists.bind(1, value);
      if (!exists.step()) fail("không có mã này trong bảng " + p.table);
      return value;
    }
  }
  return value;
}

}  // namespace

std::string default_document_date() {
  std::time_t now = std::time(nullptr);
  std::tm t{};
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    long long seconds = 0;
    auto [end, error] = std::from_chars(epoch, epoch + std::strlen(epoch), seconds);
    if (error == std::errc() && *end == '\0') {
      now = static_cast<std::time_t>(seconds);
      gmtime_r(&now, &t);
      return iso_date(t);
    }
  }
  localtime_r(&now, &t);
  return iso_date(t);
}

std::string unknown_computed_binding(const Parameter& p, const char* raw) {
  return "tinh_sql của tham số " + p.name + ": tham số SQL \"" + std::string(raw ? raw : "?") +
         "\" không có; dùng :ten với ten là ngay hoặc một tham số khai báo trước " + p.name;
}

// A tinh_sql parameter's value: its query run with the parameters declared
// before it (and ngay, the document's date) bound by name.
std::string compute_value(const TemplateFile& file, const Parameter& p,
                          const ResolvedParameters& resolved, data::Database& database) {
  try {
    data::Statement stmt = database.prepare(p.computed_sql);
    const int count = sqlite3_bind_parameter_count(stmt.handle());
    for (int i = 1; i <= count; ++i) {
      const char* raw = sqlite3_bind_parameter_name(stmt.handle(), i);
      const std::string name = raw ? raw + 1 : "";
      if (name == "ngay") {
        stmt.bind(i, resolved.document_date);
        continue;
      }
      auto found = resolved.values.find(name);
      if (!raw || found == resolved.values.end())
        throw TemplateError(file.path, p.line, 1, unknown_computed_binding(p, raw));
      stmt.bind(i, found->second);
    }
    if (!stmt.step() || stmt.column_is_null(0))
      throw TemplateError(file.path, p.line, 1,
                          "tinh_sql của tham số " + p.name + " không trả về giá trị nào");
    return check_value(file, p, stmt.column_text(0), database);
  } catch (const data::DatabaseError& error) {
    throw TemplateError(file.path, p.line, 1,
                        "tinh_sql của tham số " + p.name + ": " + error.what());
  }
}

ResolvedParameters resolve_parameters(const TemplateFile& file, data::Database& database,
                                      const RenderOptions& options) {
  ResolvedParameters resolved;
  for (const auto& given : options.values) {
    // Not a structured binding: clang 14 (the fuzzing build) refuses a
    // lambda capturing one.
    const std::string& name = given.first;
    if (name == "ngay") continue;
    const auto declared = std::find_if(file.parameters.begin(), file.parameters.end(),
                                       [&](const Parameter& p) { return p.name == name; });
    if (declared != file.parameters.end() && !declared->computed_sql.empty()) {
      throw TemplateError(
          file.path, declared->line, 1,
          "tham số " + name +
              " được tính từ các tham số khác (tinh_sql), không đặt được (bằng --set hay "
              "trong tham_so của tệp công việc)");
    }
    if (declared == file.parameters.end()) {
      std::string list;
      for (const Parameter& p : file.parameters) {
        if (p.computed_sql.empty()) list += (list.empty() ? "" : ", ") + p.name;
      }
      throw TemplateError(file.path, 1, 1,
                          "mẫu không có tham số \"" + name + "\"" +
                              (list.empty() ? std::string("; mẫu này không có tham số nào")
                                            : "; các tham số: " + list));
    }
  }

  resolved.document_date = default_document_date();
  if (auto date = options.values.find("ngay"); date != options.values.end()) {
    try {
      text::Date d = text::parse_iso_date(date->second);
      resolved.document_date = std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
    } catch (const text::Error& error) {
      throw TemplateError(file.path, 1, 1,
                          "ngay = \"" + date->second + "\": " + error.what() +
                              " (ngày của văn bản, dạng YYYY-MM-DD)");
    }
  }

  for (const Parameter& p : file.parameters) {
    auto given = options.values.find(p.name);
    if (!p.computed_sql.empty()) {
      resolved.values[p.name] = compute_value(file, p, resolved, database);
    } else if (given != options.values.end()) {
      resolved.values[p.name] = check_value(file, p, given->second, database);
    } else if (p.required) {
      throw TemplateError(file.path, p.line, 1,
                          "thiếu tham số bắt buộc " + p.name + " (thêm --set " + p.name + "=...; " +
                              (p.description.empty() ? type_hint(p.type) : p.description) + ")");
    } else if (p.default_value) {
      resolved.values[p.name] = check_value(file, p, *p.default_value, database);
    } else if (!p.default_sql.empty()) {
      try {
        data::Statement stmt = database.prepare(p.default_sql);
        if (!stmt.step() || stmt.column_is_null(0))
          throw TemplateError(file.path, p.line, 1,
                              "mac_dinh_sql của tham số " + p.name + " không trả về giá trị nào");
        resolved.values[p.name] = check_value(file, p, stmt.column_text(0), database);
      } catch (const data::DatabaseError& error) {
        throw TemplateError(file.path, p.line, 1,
                            "mac_dinh_sql của tham số " + p.name + ": " + error.what());
      }
    } else {
      resolved.values[p.name] = "";
    }
  }
  return resolved;
}

}  // namespace ocopdoc::tmpl
