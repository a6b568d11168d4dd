// Job files: which documents a batch builds, and their output names.
#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "batch/batch.h"
#include "template/template.h"
#include "text/text.h"

namespace ocopdoc::batch {

JobFileError::JobFileError(const std::string& file, int line, const std::string& message)
    : std::runtime_error(file + ":" + std::to_string(line) + ":1: " + message) {}

namespace {

int line_of(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

// The name a value contributes to an output file name: a unit code becomes
// the unit's name ("401" → "huyen-nga-son"), anything else its own slug.
std::string name_part(const tmpl::Parameter& parameter, const std::string& value,
                      data::Database& database) {
  if (parameter.type == tmpl::ParameterType::kCode && parameter.table == "don_vi") {
    data::Statement unit = database.prepare("SELECT ten FROM don_vi WHERE ma = ?");
    unit.bind(1, value);
    if (unit.step()) return text::slugify(unit.column_text(0));
  }
  return text::slugify(value);
}

std::string output_name(const tmpl::TemplateFile& file, const std::string& template_name,
                        const std::map<std::string, std::string>& values, const std::string& format,
                        data::Database& database) {
  std::string name = text::slugify(file.output_name.empty() ? template_name : file.output_name);
  for (const tmpl::Parameter& parameter : file.parameters) {
    auto value = values.find(parameter.name);
    if (value != values.end() && !value->second.empty())
      name += "-" + name_part(parameter, value->second, database);
  }
  return name + "." + format;
}

}  // namespace

std::vector<Job> read_jobs(const std::string& job_file, const std::string& templates_dir,
                           data::Database& database) {
  toml::table root;
  try {
    root = toml::parse_file(job_file);
  } catch (const toml::parse_error& error) {
    throw JobFileError(job_file, static_cast<int>(error.source().begin.line),
                       "tệp công việc (TOML) sai: " + std::string(error.description()));
  }
  std::vector<Job> jobs;
  std::map<std::string, int> names;
  for (auto&& [key, value] : root) {
    if (key.str() != "van_ban")
      throw JobFileError(
          job_file, line_of(value),
          "khóa \"" + std::string(key.str()) + "\" không có; mỗi văn bản là một bảng [[van_ban]]");
  }
  const toml::array* entries = root["van_ban"].as_array();
  if (!entries || entries->empty())
    throw JobFileError(job_file, 1, "tệp công việc không có văn bản nào ([[van_ban]])");

  for (const toml::node& node : *entries) {
    const toml::table* entry = node.as_table();
    const int line = line_of(node);
    if (!entry) throw JobFileError(job_file, line, "mỗi [[van_ban]] phải là một bảng");
    std::string template_name;
    std::vector<std::string> formats;
    std::map<std::string, std::string> fixed;
    std::string for_each;
    for (auto&& [key, value] : *entry) {
      const std::string_view k = key.str();
      const int at = line_of(value);
      if (k == "mau") {
        if (!value.is_string())
          throw JobFileError(job_file, at, "mau phải là tên mẫu, ví dụ \"ke-hoach\"");
        template_name = *value.value<std::string>();
      } else if (k == "dinh_dang") {
        const toml::array* list = value.as_array();
        if (!list)
          throw JobFileError(job_file, at, "dinh_dang phải là danh sách, ví dụ [\"pdf\", \"txt\"]");
        for (const toml::node& f : *list) {
          if (!f.is_string()) throw JobFileError(job_file, at, "dinh_dang chỉ gồm chuỗi");
          formats.push_back(*f.value<std::string>());
        }
      } else if (k == "tham_so") {
        const toml::table* parameters = value.as_table();
        if (!parameters)
          throw JobFileError(job_file, at, "tham_so phải là bảng, ví dụ { ky = \"2019-06\" }");
        for (auto&& [name, v] : *parameters) {
          if (auto s = v.value<std::string>(); v.is_string() && s)
            fixed[std::string(name.str())] = *s;
          else if (auto i = v.value<int64_t>(); v.is_integer() && i)
            fixed[std::string(name.str())] = std::to_string(*i);
          else
            throw JobFileError(job_file, line_of(v), "giá trị tham số phải là chuỗi hoặc số");
        }
      } else if (k == "cho_moi") {
        if (!value.is_string()) throw JobFileError(job_file, at, "cho_moi phải là một câu SQL");
        for_each = *value.value<std::string>();
      } else {
        throw JobFileError(
            job_file, at,
            "khóa \"" + std::string(k) + "\" không có; dùng mau, dinh_dang, tham_so, cho_moi");
      }
    }
    if (template_name.empty()) throw JobFileError(job_file, line, "thiếu mau (tên mẫu)");
    if (template_name.find("..") != std::string::npos || template_name.front() == '/')
      throw JobFileError(job_file, line,
                         "tên mẫu \"" + template_name + "\" phải nằm trong thư mục templates");
    if (formats.empty()) formats = {"pdf"};
    for (const std::string& format : formats) {
      bool known = false;
      for (const std::string& supported : supported_formats()) known = known || supported == format;
      if (!known) {
        std::string list;
        for (const std::string& supported : supported_formats())
          list += (list.empty() ? "" : ", ") + supported;
        throw JobFileError(job_file, line,
                           "định dạng \"" + format + "\" chưa hỗ trợ; dùng " + list);
      }
    }
    const std::string template_path =
        (std::filesystem::path(templates_dir) / (template_name + ".mau")).string();
    const tmpl::TemplateFile file = tmpl::load_template(template_path);

    // Each row of cho_moi is one set of parameters; without it, one set.
    std::vector<std::map<std::string, std::string>> parameter_sets;
    if (for_each.empty()) {
      parameter_sets.push_back(fixed);
    } else {
      try {
        data::Statement rows = database.prepare(for_each);
        while (rows.step()) {
          std::map<std::string, std::string> values = fixed;
          for (int c = 0; c < rows.column_count(); ++c)
            values[rows.column_name(c)] = rows.column_is_null(c) ? "" : rows.column_text(c);
          parameter_sets.push_back(std::move(values));
        }
      } catch (const data::DatabaseError& error) {
        throw JobFileError(job_file, line, std::string("cho_moi: ") + error.what());
      }
    }
    for (const auto& values : parameter_sets) {
      for (const std::string& format : formats) {
        Job job;
        job.template_path = template_path;
        job.values = values;
        job.line = line;
        job.output_name = output_name(file, template_name, values, format, database);
        auto [previous, inserted] = names.emplace(job.output_name, line);
        if (!inserted)
          throw JobFileError(job_file, line,
                             "tên tệp \"" + job.output_name + "\" trùng với văn bản ở dòng " +
                                 std::to_string(previous->second));
        jobs.push_back(std::move(job));
      }
    }
  }
  return jobs;
}

}  // namespace ocopdoc::batch
