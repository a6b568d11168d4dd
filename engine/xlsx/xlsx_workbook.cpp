// The workbook: which blocks go on which sheet, sheet names, document
// properties, and the file itself (written beside the target under a
// temporary name, then renamed, so a reader never sees half a workbook).

#include <fcntl.h>
#include <unicode/unistr.h>
#include <unistd.h>
#include <iostream>
#include <mutex>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <variant>

#include "text/c_time_lock.h"
#include "text/text.h"
#include "xlsx/xlsx_internal.h"

namespace ocopdoc::xlsx {

namespace detail {

void check(lxw_error error, std::string_view what) {
  if (error != LXW_NO_ERROR) {
    throw XlsxError("lỗi khi " + std::string(what) + ": " + lxw_strerror(error));
  }
}

}  // namespace detail

namespace {

using detail::check;
using detail::SheetPlan;

// Excel allows 31 characters in a sheet name and none of []:*?/\ .
constexpr size_t kMaxSheetName = 31;

// Owns the lxw_workbook until workbook_close has written and freed it; on an
// error before that, frees it without writing.
class Workbook {
 public:
  Workbook(const std::string& path, bool constant_memory) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    workbook_ = workbook_new_opt(path.c_str(), &options);
    if (workbook_ == nullptr) throw XlsxError("không tạo được bảng tính \"" + path + "\"");
  }
  ~Workbook() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() const { return workbook_; }

  void close() {
    lxw_workbook* workbook = std::exchange(workbook_, nullptr);
    // libxlsxwriter formats the creation time with gmtime() here
    // (text/c_time_lock.h).
    const std::lock_guard<std::mutex> time_lock(text::c_time_lock());
    check(workbook_close(workbook), "ghi tệp bảng tính");
  }

 private:
  lxw_workbook* workbook_ = nullptr;
};

// The temporary file beside the target: removed unless committed.
class TemporaryPath {
 public:
  explicit TemporaryPath(const std::string& target) {
    static std::atomic<unsigned> counter{0};
    path_ = target + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    // Claimed now (O_EXCL), so two writers never share it; libxlsxwriter
    // truncates and fills it.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw XlsxError("không ghi được \"" + target + "\": " + std::strerror(errno));
    }
    ::close(fd);
  }
  ~TemporaryPath() {
    if (!committed_) ::unlink(path_.c_str());
  }
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;

  const std::string& path() const { return path_; }

  void commit_as(const std::string& target) {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const std::string reason = std::strerror(errno);
      if (fd >= 0) ::close(fd);
      throw XlsxError("không ghi được \"" + target + "\": " + reason);
    }
    ::close(fd);
    if (::rename(path_.c_str(), target.c_str()) != 0) {
      throw XlsxError("không ghi được \"" + target + "\": " + std::strerror(errno));
    }
    committed_ = true;
  }

 private:
  std::string path_;
  bool committed_ = false;
};

bool writes_something(const doc::Block& block) {
  return !std::holds_alternative<doc::PageBreak>(block) &&
         !std::holds_alternative<doc::Orientation>(block) &&
         !std::holds_alternative<doc::TableOfContents>(block);
}

// Splits the document into sheets (docs/markup.md, "Spreadsheets"): a page
// break starts a sheet, and so does a table whose `trang-tinh` differs from
// the name its sheet already has.  Such a table takes along the last heading
// after the previous table and what follows it: "6. Kinh phí" and its
// sentence belong with the budget table, not under the table before.
// Orientation carries over to later sheets.
std::vector<SheetPlan> plan_sheets(const doc::Document& document) {
  std::vector<SheetPlan> sheets(1);
  std::optional<bool> landscape;
  const auto has_content = [&] {
    for (const doc::Block* block : sheets.back().blocks) {
      if (writes_something(*block)) return true;
    }
    return false;
  };
  const auto is_table = [](const doc::Block& block) {
    return std::holds_alternative<doc::Table>(block) || std::holds_alternative<doc::Chart>(block);
  };
  const auto has_table = [&] {
    for (const doc::Block* block : sheets.back().blocks) {
      if (is_table(*block)) return true;
    }
    return false;
  };
  const auto new_sheet = [&] {
    sheets.emplace_back();
    sheets.back().landscape = landscape;
  };
  // A new sheet for a table: it starts at the last heading after the
  // previous sheet's last table, if there is one.
  const auto new_sheet_for_table = [&] {
    std::vector<const doc::Block*>& previous = sheets.back().blocks;
    auto start = previous.end();
    for (auto it = previous.end(); it != previous.begin() && !is_table(**std::prev(it)); --it) {
      if (std::holds_alternative<doc::Heading>(**std::prev(it))) {
        start = std::prev(it);
        break;
      }
    }
    std::vector<const doc::Block*> moved(start, previous.end());
    previous.erase(start, previous.end());
    new_sheet();
    sheets.back().blocks = std::move(moved);
  };
  for (const doc::Block& block : document.blocks) {
    if (std::holds_alternative<doc::PageBreak>(block)) {
      if (has_content()) new_sheet();
      continue;
    }
    if (const auto* orientation = std::get_if<doc::Orientation>(&block)) {
      if (has_content()) new_sheet();
      landscape = orientation->landscape;
      sheets.back().landscape = landscape;
      continue;
    }
    const std::string* wanted = nullptr;
    if (const auto* table = std::get_if<doc::Table>(&block)) wanted = &table->sheet;
    if (const auto* chart = std::get_if<doc::Chart>(&block)) wanted = &chart->sheet;
    if (wanted != nullptr && !wanted->empty()) {
      SheetPlan& current = sheets.back();
      if (current.name.empty() && !has_table()) {
        current.name = *wanted;
      } else if (current.name != *wanted) {
        new_sheet_for_table();
        sheets.back().name = *wanted;
      }
    }
    sheets.back().blocks.push_back(&block);
  }
  if (sheets.size() > 1 && !has_content()) sheets.pop_back();
  return sheets;
}

std::string fold_case(const std::string& name) {
  std::string folded;
  icu::UnicodeString::fromUTF8(name).foldCase().toUTF8String(folded);
  return folded;
}

// A name Excel accepts, unique among `taken` (compared without case, as
// Excel does): forbidden characters become '-', long names are cut to 31
// characters, and a repeated name gets " (2)", " (3)"...
std::string sheet_name(std::string wanted, size_t index, std::vector<std::string>& taken) {
  for (char& c : wanted) {
    if (std::strchr("[]:*?/\\", c) != nullptr) c = '-';
  }
  while (!wanted.empty() && (wanted.front() == '\'' || wanted.front() == ' ')) wanted.erase(0, 1);
  while (!wanted.empty() && (wanted.back() == '\'' || wanted.back() == ' ')) wanted.pop_back();
  if (wanted.empty()) wanted = "Trang " + std::to_string(index + 1);
  std::string name = text::first_code_points(wanted, kMaxSheetName);
  for (int copy = 2;; ++copy) {
    const std::string folded = fold_case(name);
    bool clash = false;
    for (const std::string& other : taken) clash = clash || fold_case(other) == folded;
    if (!clash) break;
    const std::string suffix = " (" + std::to_string(copy) + ")";
    name = text::first_code_points(wanted, kMaxSheetName - suffix.size()) + suffix;
  }
  taken.push_back(name);
  return name;
}

std::int64_t creation_time(const XlsxOptions& options) {
  if (options.created) return *options.created;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(epoch, &end, 10);
    if (errno == 0 && end != nullptr && *end == '\0' && value > 0) return value;
  }
  if (options.document_date) return *options.document_date;
  return kFixedCreationTime;
}

size_t count_table_rows(const SheetPlan& plan) {
  size_t rows = 0;
  for (const doc::Block* block : plan.blocks) {
    if (const auto* table = std::get_if<doc::Table>(block)) {
      // A streamed table is large by intent: counting it would cost a pass.
      if (table->row_source) return SIZE_MAX;
      rows +=
          table->rows.size() + table->rows_after.size() + static_cast<size_t>(table->input_rows);
    }
  }
  return rows;
}

// Adds a worksheet in constant-memory mode or not.  libxlsxwriter decides it
// per workbook, but each worksheet takes the workbook's option when it is
// added and keeps it: switching the option between additions gives each
// sheet its own mode.  Only a sheet with a large table needs it; the others
// keep their cells, which libxlsxwriter reads back when it closes the
// workbook to cache a chart's data (categories as text, values as numbers)
// for programs that draw the chart without the sheet (PowerPoint, previews).
lxw_worksheet* add_worksheet(lxw_workbook* workbook, const std::string& name,
                             bool constant_memory) {
  const std::uint8_t workbook_mode = workbook->options.constant_memory;
  workbook->options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  workbook->options.constant_memory = workbook_mode;
  return sheet;
}

// Title, author and organisation from the ND 30 blocks, so that Excel's
// "Properties" and a file manager show what the document is and who made it.
struct Properties {
  std::string title;
  std::string subject;
  std::string author;
  std::string company;
};

Properties document_properties(const doc::Document& document, const XlsxOptions& options) {
  Properties properties;
  for (const doc::Block& block : document.blocks) {
    if (const auto* header = std::get_if<doc::NdHeader>(&block);
        header && properties.author.empty()) {
      properties.author = header->agency;
      properties.company = header->parent_agency.empty() ? header->agency : header->parent_agency;
    } else if (const auto* title = std::get_if<doc::Title>(&block);
               title && properties.title.empty()) {
      properties.title = title->type;
      for (const std::string& line : title->summary) {
        properties.subject += (properties.subject.empty() ? "" : " ") + line;
      }
      if (!properties.subject.empty()) properties.title += " " + properties.subject;
    }
  }
  if (properties.title.empty()) {
    for (const doc::Block& block : document.blocks) {
      if (const auto* table = std::get_if<doc::Table>(&block); table && !table->caption.empty()) {
        properties.title = table->caption;
        break;
      }
      if (const auto* heading = std::get_if<doc::Heading>(&block)) {
        properties.title = doc::plain_text(heading->text);
        break;
      }
    }
  }
  if (const auto& own = document.properties) {
    if (!own->title.empty()) properties.title = own->title;
    if (!own->subject.empty()) properties.subject = own->subject;
    if (!own->author.empty()) properties.author = own->author;
  }
  if (!options.author.empty()) properties.author = options.author;
  return properties;
}

void set_properties(lxw_workbook* workbook, const Properties& properties, std::int64_t created) {
  // Never NULL: workbook_set_properties(wb, NULL) crashes in 1.1.4.
  lxw_doc_properties lxw_properties{};
  const auto field = [](const std::string& value) {
    return value.empty() ? nullptr : const_cast<char*>(value.c_str());
  };
  lxw_properties.title = field(properties.title);
  lxw_properties.subject = field(properties.subject);
  lxw_properties.author = field(properties.author);
  lxw_properties.company = field(properties.company);
  lxw_properties.created = static_cast<time_t>(created);
  check(workbook_set_properties(workbook, &lxw_properties), "đặt thuộc tính tài liệu");
}

}  // namespace

void write_xlsx(const doc::Document& document, const std::string& path,
                const XlsxOptions& options) {
  std::vector<SheetPlan> plans = plan_sheets(document);
  std::vector<std::string> taken;
  if (!document.choice_lists.empty()) taken.emplace_back(detail::ChoiceListSheet::kName);
  for (size_t i = 0; i < plans.size(); ++i) plans[i].name = sheet_name(plans[i].name, i, taken);
  std::vector<bool> constant_sheets;
  for (const SheetPlan& plan : plans) {
    constant_sheets.push_back(options.memory == XlsxOptions::Memory::kConstant ||
                              (options.memory == XlsxOptions::Memory::kAuto &&
                               count_table_rows(plan) > options.constant_memory_above_rows));
  }
  const bool constant_memory =
      std::find(constant_sheets.begin(), constant_sheets.end(), true) != constant_sheets.end();

  TemporaryPath temporary(path);
  {
    Workbook workbook(temporary.path(), constant_memory);
    set_properties(workbook.get(), document_properties(document, options), creation_time(options));
    detail::FormatCache formats(workbook.get());
    std::unique_ptr<layout::FontSet> own_fonts;
    if (options.fonts == nullptr) own_fonts = layout::FontSet::load(options.fonts_dir, std::cerr);
    detail::TextMetrics metrics(options.fonts ? *options.fonts : *own_fonts);
    // Sheets are created in document order; the hidden list sheet comes last.
    std::vector<lxw_worksheet*> sheets;
    for (size_t i = 0; i < plans.size(); ++i) {
      lxw_worksheet* sheet = add_worksheet(workbook.get(), plans[i].name, constant_sheets[i]);
      if (sheet == nullptr) throw XlsxError("không tạo được trang tính \"" + plans[i].name + "\"");
      sheets.push_back(sheet);
    }
    // The lists are short: kept in memory like any small sheet.
    workbook.get()->options.constant_memory = LXW_FALSE;
    detail::ChoiceListSheet lists;
    lists.write(workbook.get(), document.choice_lists, formats);
    workbook.get()->options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    std::map<std::string, std::string> code_ranges;
    detail::SheetContext context;
    context.workbook = workbook.get();
    context.formats = &formats;
    context.metrics = &metrics;
    context.lists = &lists;
    context.document = &document;
    context.code_ranges = &code_ranges;
    for (size_t i = 0; i < plans.size(); ++i) {
      context.constant_memory = constant_sheets[i];
      detail::write_sheet(context, sheets[i], plans[i]);
    }
    workbook.close();
  }
  temporary.commit_as(path);
}

}  // namespace ocopdoc::xlsx
