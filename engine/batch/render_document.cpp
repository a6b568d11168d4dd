// One template to one file, in the format the file's extension names.
#include <filesystem>

#include "batch/batch.h"
#include "batch/output_file.h"
#include "doc/text_writer.h"
#include "template/template.h"

namespace ocopdoc::batch {

std::vector<std::string> supported_formats() { return {"txt", "markup"}; }

void render_document(data::Database& database, const std::string& template_path,
                     const std::map<std::string, std::string>& values,
                     const std::string& output_path, const std::string& format) {
  std::string extension = format;
  if (extension.empty()) {
    extension = std::filesystem::path(output_path).extension().string();
    if (!extension.empty()) extension.erase(0, 1);
  }
  bool known = false;
  for (const std::string& supported : supported_formats()) known = known || supported == extension;
  if (!known) {
    std::string list;
    for (const std::string& supported : supported_formats()) list += (list.empty() ? "." : ", .") + supported;
    throw std::runtime_error("chưa hỗ trợ định dạng \"" + extension + "\" cho tệp \"" + output_path +
                             "\"; dùng " + list);
  }
  const tmpl::TemplateFile file = tmpl::load_template(template_path);
  tmpl::RenderOptions options;
  options.values = values;
  const tmpl::RenderResult result = tmpl::render_template(file, database, options);
  if (result.document.blocks.empty())
    throw tmpl::TemplateError(template_path, file.body_line, 1,
                              "mẫu không sinh ra nội dung nào (văn bản rỗng); không ghi tệp");
  if (extension == "markup") {
    write_file_atomically(output_path, result.markup);
  } else {
    write_file_atomically(output_path, doc::write_text(result.document));
  }
}

}  // namespace ocopdoc::batch
