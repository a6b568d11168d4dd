// Shared pieces of rendering (template/mustache_data.h).

#include "template/mustache_data.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "doc/markup.h"
#include "template/template_internal.h"

namespace ocopdoc::tmpl {

// ---------------------------------------------------------------------------
// Partials: only from the templates folder, by a plain relative name.

namespace {

bool is_safe_partial_name(const std::string& name) {
  static const std::regex kName("[a-z0-9_-]+(/[a-z0-9_-]+)*");
  return std::regex_match(name, kName);
}

}  // namespace

SourceText load_partial(const TemplateFile& file, const std::string& name, const SourceText& from,
                        size_t offset) {
  auto fail = [&](const std::string& message) {
    throw TemplateError(from.path, from.first_line - 1 + line_of(from.text, offset),
                        column_of(from.text, offset), message);
  };
  if (!is_safe_partial_name(name))
    fail("tên partial \"" + name +
         "\" không hợp lệ: chỉ dùng tên tương đối trong thư mục templates, gồm chữ thường không "
         "dấu, chữ số, - và _ (ví dụ partials/chu-ky); không dùng \"..\" hay đường dẫn tuyệt đối");
  const std::filesystem::path path = std::filesystem::path(file.templates_root) / (name + ".mau");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("không có partial \"" + name + "\" (tìm tệp " + path.string() + ")");
  std::stringstream buffer;
  buffer << in.rdbuf();
  SourceText partial{path.string(), buffer.str(), 1};
  if (auto bad = first_invalid_utf8(partial.text))
    throw TemplateError(partial.path, line_of(partial.text, *bad), column_of(partial.text, *bad),
                        "tệp không phải UTF-8 hợp lệ");
  return partial;
}

// Parses Mustache text into a component tree, or throws with the position.
void parse_mustache(const SourceText& source, Component& root) {
  mustache::context<std::string> context;
  mustache::context_internal<std::string> internal{context};
  std::string error;
  mustache::parser<std::string> parser{source.text, internal, root, error};
  if (error.empty()) return;
  // kainjow says "Unclosed section \"x\" at 7": translate, and turn the byte
  // offset into a line and column.
  static const std::regex kAt("^(.*) at ([0-9]+)$");
  std::smatch match;
  size_t offset = 0;
  std::string what = error;
  if (std::regex_match(error, match, kAt)) {
    what = match[1];
    offset = std::stoul(match[2]);
  }
  static const std::pair<std::regex, const char*> kTranslations[] = {
      {std::regex("^Unclosed section \"(.*)\"$"), "mục {{#$1}} chưa được đóng bằng {{/$1}}"},
      {std::regex("^Unopened section \"(.*)\"$"), "đóng mục {{/$1}} khi mục chưa mở"},
      {std::regex("^Unclosed tag$"), "thẻ {{ chưa được đóng bằng }}"},
      {std::regex("^Invalid set delimiter tag$"), "thẻ đổi dấu phân cách không hợp lệ"},
  };
  for (const auto& [pattern, vietnamese] : kTranslations) {
    if (std::regex_match(what, pattern)) {
      what = std::regex_replace(what, pattern, vietnamese);
      break;
    }
  }
  throw TemplateError(source.path, source.first_line - 1 + line_of(source.text, offset),
                      column_of(source.text, offset), "lỗi cú pháp Mustache: " + what);
}

// ---------------------------------------------------------------------------
// Standalone tag lines.
//
// The Mustache spec removes the line of a "standalone" tag (a section, a
// comment or a partial tag with nothing but spaces beside it on its line)
// from the output, whether a section is rendered or not, and a standalone
// partial tag's line becomes the partial's lines.  Templates rely on that to
// print a table row only for some data, or to write rows in a partial that
// starts with a comment saying what it is for:
//
//   | Tổng | {{tong}} |
//   {{#co_ghi_chu}}
//   | Ghi chú | {{ghi_chu}} |
//   {{/co_ghi_chu}}
//   {{> partials/dong-ky-ten}}
//
// kainjow 4.1 implements the rule with a per-line flag that a section sets
// when it renders, and a line that ends empty with the flag set is dropped.
// Three cases never set the flag: a skipped section (false, empty text, an
// empty list), whose spaces before the opening tag and after the closing tag
// come out as one empty line; a comment on a line of its own; and a partial,
// whose own last line ending is followed by the one after its tag.  Each
// leaves an empty line, and in our markup an empty line ends a table: the
// rows after it would become a second table (or, in a streamed row, a markup
// error).
//
// The header cannot be patched, so the text is: after such a tag goes an
// empty inverted section on kLineMark, a name the strict context always
// finds false.  It renders nothing and sets the flag, so the line, left empty,
// is dropped; a line with text on it is kept as it was.  It goes after every
// standalone comment, partial tag and closing section tag (the spec judges
// each tag on its own line by itself).  The text after those tags on their
// lines is only spaces, so every tag keeps its line and column.  Templates
// may not change the delimiters (the static check refuses "{{=<% %>=}}"); a
// text that does is left as it is, since its tags could not be found by "{{"
// and "}}".
//
// One difference from the spec remains: a partial whose text ends in a
// marked tag without a final newline leaves the flag set on the line of the
// tag that included it, so a line there that renders to nothing but spaces
// is dropped where the spec would keep it.

std::string with_standalone_tag_lines_removed(const std::string& text) {
  if (text.find("{{") == std::string::npos) return text;
  Component root;
  {
    mustache::context<std::string> context;
    mustache::context_internal<std::string> internal{context};
    std::string error;
    mustache::parser<std::string> parser{text, internal, root, error};
    if (!error.empty()) return text;  // reported, with its position, by the render
  }
  bool changes_delimiters = false;
  std::vector<size_t> marks;  // offsets just after a tag
  auto tag_end = [&](size_t from) {
    const size_t end = text.find("}}", from);
    return end == std::string::npos ? end : end + 2;
  };
  root.walk_children([&](Component& c) {
    if (c.is_text()) return Component::walk_control::walk;
    switch (c.tag.type) {
      case TagType::set_delimiter:
        changes_delimiters = true;
        return Component::walk_control::stop;
      case TagType::partial:
      case TagType::comment: {
        const size_t end = tag_end(c.position);
        if (end != std::string::npos && standalone_line(text, c.position, end))
          marks.push_back(end);
        break;
      }
      case TagType::section_begin:
      case TagType::section_begin_inverted: {
        if (!c.tag.section_text) break;
        const size_t open_end = tag_end(c.position);
        if (open_end == std::string::npos) break;
        const size_t close = open_end + c.tag.section_text->size();
        const size_t close_end = tag_end(close);
        if (close_end != std::string::npos && standalone_line(text, close, close_end))
          marks.push_back(close_end);
        break;
      }
      default:
        break;
    }
    return Component::walk_control::walk;
  });
  if (changes_delimiters || marks.empty()) return text;
  const std::string mark = std::string("{{^") + kLineMark + "}}{{/" + kLineMark + "}}";
  std::sort(marks.begin(), marks.end());
  std::string marked;
  marked.reserve(text.size() + marks.size() * mark.size());
  size_t copied = 0;
  for (size_t offset : marks) {
    marked.append(text, copied, offset - copied);
    marked += mark;
    copied = offset;
  }
  marked.append(text, copied, std::string::npos);
  return marked;
}

// ---------------------------------------------------------------------------
// Data for Mustache.

mustache::data value_data(data::Statement& statement, int column) {
  switch (statement.column_type(column)) {
    case SQLITE_NULL:
      return mustache::data(false);
    case SQLITE_INTEGER:
      return mustache::data(std::to_string(statement.column_int(column)));
    default: {
      std::string text = statement.column_text(column);
      // An empty string is "nothing" for sections, like NULL.
      if (text.empty()) return mustache::data(false);
      return mustache::data(text);
    }
  }
}

void QueryRunner::bind(const Query& query, data::Statement& statement,
                       const std::map<std::string, std::string>& bindings) const {
  const int count = sqlite3_bind_parameter_count(statement.handle());
  for (int i = 1; i <= count; ++i) {
    const char* raw = sqlite3_bind_parameter_name(statement.handle(), i);
    const std::string name = raw ? raw + 1 : "";
    auto found = bindings.find(name);
    if (!raw || found == bindings.end())
      throw TemplateError(file_.path, query.line, 1,
                          "truy vấn " + query.name + ": tham số SQL \"" +
                              std::string(raw ? raw : "?") +
                              "\" không có; dùng :ten với ten là một tham số của mẫu, ngay, hoặc "
                              "một cột của truy vấn cha");
    statement.bind(i, found->second);
  }
}

data::Statement QueryRunner::prepare(const Query& query,
                                     const std::map<std::string, std::string>& bindings) {
  try {
    data::Statement statement = database_.prepare(query.sql);
    bind(query, statement, bindings);
    return statement;
  } catch (const data::DatabaseError& error) {
    fail(query, error);
  }
}

// A child query runs once per row of its parent: it is prepared once and
// reset for each run (preparing it 10,000 times was a sixth of a large
// budget's render time).  Never two runs of one query at once: a run reads
// all its rows before the next begins.
data::Statement& QueryRunner::statement_for(const Query& query,
                                            const std::map<std::string, std::string>& bindings) {
  try {
    auto found = statements_.find(&query);
    if (found == statements_.end()) {
      found = statements_.emplace(&query, database_.prepare(query.sql)).first;
    } else {
      found->second.reset();
    }
    bind(query, found->second, bindings);
    return found->second;
  } catch (const data::DatabaseError& error) {
    fail(query, error);
  }
}

mustache::data QueryRunner::row_data(const Query& query, data::Statement& statement,
                                     const std::map<std::string, std::string>& bindings) {
  mustache::data row(mustache::data::type::object);
  std::map<std::string, std::string> row_bindings = bindings;
  for (int c = 0; c < statement.column_count(); ++c) {
    const std::string column = statement.column_name(c);
    row[column] = value_data(statement, c);
    row_bindings[column] = statement.column_is_null(c) ? "" : statement.column_text(c);
  }
  for (const Query& child : query.children) row[child.name] = run(child, row_bindings);
  return row;
}

mustache::data QueryRunner::run(const Query& query,
                                const std::map<std::string, std::string>& bindings) {
  data::Statement& statement = statement_for(query, bindings);
  mustache::data list(mustache::data::type::list);
  // A deque: kainjow's data has no noexcept move, so a growing vector would
  // copy every row (and its children) at each reallocation.
  std::deque<mustache::data> rows;
  try {
    while (statement.step()) {
      rows.push_back(row_data(query, statement, bindings));
      if (query.single_row) break;
    }
  } catch (const data::DatabaseError& error) {
    fail(query, error);
  }
  if (query.single_row) return rows.empty() ? mustache::data(false) : std::move(rows.front());
  // kainjow's data::set() and push_back() copy what they are given, and a
  // row holds its children's lists: building nested results with them copies
  // every leaf once per level (two thirds of a 100,000-line budget's render
  // time).  operator[] gives the member to move into, and the list a data
  // object owns is an ordinary, non-const vector that only its accessor
  // declares const, so the rows are moved into it.
  auto& items = const_cast<mustache::list&>(list.list_value());
  items.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i]["stt"] = mustache::data(std::to_string(i + 1));
    rows[i]["dau"] = mustache::data(i == 0);
    rows[i]["cuoi"] = mustache::data(i + 1 == rows.size());
    items.push_back(std::move(rows[i]));
  }
  return list;
}

void QueryRunner::fail(const Query& query, const data::DatabaseError& error) const {
  throw TemplateError(file_.path, query.line, 1, "truy vấn " + query.name + ": " + error.what());
}

// Where a name first appears in the body, for a runtime message.
std::pair<int, int> first_use(const TemplateFile& file, const std::string& name) {
  Component root;
  SourceText source = body_source(file);
  parse_mustache(source, root);
  std::pair<int, int> where{file.body_line, 1};
  bool found = false;
  root.walk_children([&](Component& c) {
    if (!found && !c.is_text() && c.tag.name == name) {
      where = {file.body_line - 1 + line_of(file.body, c.position),
               column_of(file.body, c.position)};
      found = true;
      return Component::walk_control::stop;
    }
    return Component::walk_control::walk;
  });
  return where;
}

void escape_for_markup(mustache::mustache& engine) {
  engine.set_custom_escape([](const std::string& value) { return doc::escape_markup(value); });
}

std::string render_strict(mustache::mustache& engine, StrictContext& context,
                          const TemplateFile& file, int line) {
  std::string markup;
  try {
    markup = engine.render(context);
  } catch (const MissingName& missing) {
    auto [name_line, column] = first_use(file, missing.name);
    throw TemplateError(file.path, name_line, column,
                        "tên \"" + missing.name + "\" không có giá trị trong dữ liệu");
  }
  if (!engine.is_valid())
    throw TemplateError(file.path, line, 1, "lỗi Mustache: " + engine.error_message());
  return markup;
}

}  // namespace ocopdoc::tmpl
