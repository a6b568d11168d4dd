// One template to one file, in the format the file's extension names.
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>

#include "batch/batch.h"
#include "batch/output_file.h"
#include "doc/text_writer.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "pdf/pdf_writer.h"
#include "template/template.h"
#include "text/text.h"
#include "xlsx/xlsx_writer.h"

namespace ocopdoc::batch {

namespace {

// The fonts folder: OCOPDOC_FONTS, else ./fonts (the project's fonts/, where a
// user may drop Times New Roman).  Missing is fine: fontconfig and Liberation
// Serif remain.
std::string fonts_dir() {
  const char* configured = std::getenv("OCOPDOC_FONTS");
  return configured && *configured ? configured : "fonts";
}

// One font set per process, shared by the batch's threads: the faces' metrics
// are read when the set is loaded and are only read afterwards.
const layout::FontSet& fonts() {
  static std::once_flag once;
  static std::unique_ptr<layout::FontSet> set;
  std::call_once(once, [] { set = layout::FontSet::load(fonts_dir(), std::cerr); });
  return *set;
}

void write_pdf(const doc::Document& document, const tmpl::PageSettings& page,
               const std::string& path) {
  layout::PageSetup setup;  // ND 30 defaults, then what the template chose
  if (page.margin_top_mm) setup.margin_top_mm = *page.margin_top_mm;
  if (page.margin_bottom_mm) setup.margin_bottom_mm = *page.margin_bottom_mm;
  if (page.margin_left_mm) setup.margin_left_mm = *page.margin_left_mm;
  if (page.margin_right_mm) setup.margin_right_mm = *page.margin_right_mm;
  if (page.body_size) setup.body_size = *page.body_size;
  if (page.line_spacing) setup.line_spacing = *page.line_spacing;
  const std::unique_ptr<layout::PageSink> writer = pdf::make_pdf_writer(path, fonts());
  layout::layout_document(document, fonts(), setup, *writer);
}

// The date given with --set ngay= (render_template has checked it), as
// midnight UTC: a workbook's creation time that means something and stays
// the same from one run to the next.  Nothing when no date is given (the
// document then bears today's date).
std::optional<std::int64_t> given_document_date(const std::map<std::string, std::string>& values) {
  const auto given = values.find("ngay");
  if (given == values.end()) return std::nullopt;
  try {
    const text::Date date = text::parse_iso_date(given->second);
    std::tm midnight{};
    midnight.tm_year = date.year - 1900;
    midnight.tm_mon = date.month - 1;
    midnight.tm_mday = date.day;
    const std::time_t seconds = ::timegm(&midnight);
    if (seconds <= 0) return std::nullopt;
    return static_cast<std::int64_t>(seconds);
  } catch (const text::Error&) {
    return std::nullopt;
  }
}

}  // namespace

std::vector<std::string> supported_formats() {
  return {"pdf", "xlsx", "txt", "markup"};
}

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
    for (const std::string& supported : supported_formats())
      list += (list.empty() ? "." : ", .") + supported;
    throw std::runtime_error("chưa hỗ trợ định dạng \"" + extension + "\" cho tệp \"" +
                             output_path + "\"; dùng " + list);
  }
  const tmpl::TemplateFile file = tmpl::load_template(template_path);
  // One consistent view of the data for the whole document, including the
  // second pass over a streamed table while the file is written.
  const data::ReadSnapshot snapshot(database);
  tmpl::RenderOptions options;
  options.values = values;
  // Markup and text output want the whole text at once: no streamed rows.
  options.stream_rows = extension == "pdf" || extension == "xlsx";
  const tmpl::RenderResult result = tmpl::render_template(file, database, options);
  if (result.document.blocks.empty())
    throw tmpl::TemplateError(template_path, file.body_line, 1,
                              "mẫu không sinh ra nội dung nào (văn bản rỗng); không ghi tệp");
  if (extension == "pdf") {
    write_pdf(result.document, file.page, output_path);
  } else if (extension == "xlsx") {
    xlsx::XlsxOptions xlsx_options;
    xlsx_options.fonts = &fonts();
    xlsx_options.document_date = given_document_date(values);
    xlsx::write_xlsx(result.document, output_path, xlsx_options);
  } else if (extension == "markup") {
    write_file_atomically(output_path, result.markup);
  } else {
    write_file_atomically(output_path, doc::write_text(result.document));
  }
}

}  // namespace ocopdoc::batch
