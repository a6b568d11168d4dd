// A template's row-by-row query (template/streamed_rows.h).

#include "template/streamed_rows.h"

#include <string_view>
#include <utility>
#include <vector>

#include "doc/markup.h"
#include "template/template_internal.h"

namespace ocopdoc::tmpl {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// The line around a tag at [start, end): where the line starts, and where its
// line ending is (npos at the end of the text), when the tag stands alone on
// it (nothing but spaces beside it); nullopt otherwise.
struct TagLine {
  size_t start = 0;
  size_t newline = std::string::npos;
};
std::optional<TagLine> standalone_line(const std::string& text, size_t start, size_t end) {
  TagLine line;
  const size_t previous = start == 0 ? std::string::npos : text.rfind('\n', start - 1);
  line.start = previous == std::string::npos ? 0 : previous + 1;
  for (size_t i = line.start; i < start; ++i) {
    if (!is_space(text[i])) return std::nullopt;
  }
  line.newline = text.find('\n', end);
  const size_t stop = line.newline == std::string::npos ? text.size() : line.newline;
  for (size_t i = end; i < stop; ++i) {
    if (!is_space(text[i])) return std::nullopt;
  }
  return line;
}

// Rows of the section rendered together before they are parsed: enough to
// make parsing cheap, few enough that a chunk stays small.
constexpr size_t kChunkQueryRows = 256;
constexpr size_t kChunkMarkupBytes = 64 * 1024;

class QueryRowPass : public doc::RowSource::Pass {
 public:
  QueryRowPass(const StreamedQuery& query, data::Database& database, const doc::Table& table)
      : query_(query),
        table_(table),
        runner_(*query.file, database),
        statement_(runner_.prepare(query.query, query.bindings)),
        engine_(query.section.inner),
        context_(query.root.get(), *query.file) {
    escape_for_markup(engine_);
    if (!engine_.is_valid()) {
      throw TemplateError(query.file->path, query.section.inner_line, 1,
                          "lỗi Mustache: " + engine_.error_message());
    }
    has_row_ = step();
  }

  bool next_chunk(std::vector<doc::TableRow>& rows) override {
    rows.clear();
    // A row of the query may render no table row (a section that prints
    // only for some rows): go on until a chunk has rows or the query ends.
    while (rows.empty()) {
      if (!has_row_) return false;
      std::string markup;
      const size_t first = count_ + 1;
      for (size_t n = 0; has_row_ && n < kChunkQueryRows && markup.size() < kChunkMarkupBytes;
           ++n) {
        markup += render_current_row();
      }
      try {
        rows = doc::parse_streamed_rows(markup, table_, query_.markup_line);
      } catch (const doc::MarkupError& error) {
        throw TemplateError(query_.file->path, query_.section.inner_line, 1,
                            std::string("lỗi markup trong các dòng của truy vấn ") +
                                query_.query.name + " (các dòng thứ " + std::to_string(first) +
                                " đến " + std::to_string(count_) + "): " + error.what());
      }
    }
    return true;
  }

 private:
  bool step() {
    try {
      return statement_.step();
    } catch (const data::DatabaseError& error) {
      runner_.fail(query_.query, error);
    }
  }

  // Renders the section for the statement's current row and moves on (the
  // next row must be known to say whether this one is the last: cuoi).
  std::string render_current_row() {
    mustache::data row = runner_.row_data(query_.query, statement_, query_.bindings);
    ++count_;
    has_row_ = step();
    row["stt"] = mustache::data(std::to_string(count_));
    row["dau"] = mustache::data(count_ == 1);
    row["cuoi"] = mustache::data(!has_row_);
    // One context for the pass keeps the partials it has read; the row is
    // in scope for this render only (after an error the pass is dropped).
    context_.push(&row);
    std::string rendered =
        render_strict(engine_, context_, *query_.file, query_.section.inner_line);
    context_.pop();
    return rendered;
  }

  const StreamedQuery& query_;
  const doc::Table& table_;
  QueryRunner runner_;
  data::Statement statement_;
  mustache::mustache engine_;
  StrictContext context_;
  bool has_row_ = false;
  size_t count_ = 0;  // rows of the query rendered so far
};

class QueryRowSource : public doc::RowSource {
 public:
  QueryRowSource(StreamedQuery query, data::Database& database)
      : query_(std::move(query)), database_(database) {}

  std::unique_ptr<Pass> open(const doc::Table& table) const override {
    return std::make_unique<QueryRowPass>(query_, database_, table);
  }

 private:
  StreamedQuery query_;
  data::Database& database_;
};

}  // namespace

StreamedSection split_streamed_section(const TemplateFile& file, const Query& query) {
  const SourceText source = body_source(file);
  const std::string& body = file.body;
  Component root;
  parse_mustache(source, root);
  auto fail = [&](size_t offset, const std::string& message) {
    throw TemplateError(file.path, file.body_line - 1 + line_of(body, offset),
                        column_of(body, offset), message);
  };
  const std::string usage = "truy vấn tung_dong \"" + query.name +
                            "\" phải được dùng đúng một lần, dạng {{#" + query.name + "}} ... {{/" +
                            query.name + "}} ở ngoài mọi mục khác, mỗi thẻ đứng riêng một dòng";
  // Uses of the query's name outside its own section (inside it, the same
  // name may be one of the row's columns).
  size_t uses = 0;
  size_t first_use_at = 0;
  const Component* section = nullptr;
  auto is_use = [&](const Component& c) {
    return !c.is_text() && (c.tag.name == query.name || c.tag.name.rfind(query.name + ".", 0) == 0);
  };
  for (Component& top : root.children) {
    if (top.tag.type == TagType::section_begin && top.tag.name == query.name) {
      if (uses++ == 0) first_use_at = top.position;
      section = &top;
      continue;
    }
    if (is_use(top) && uses++ == 0) first_use_at = top.position;
    top.walk_children([&](Component& c) {
      if (is_use(c) && uses++ == 0) first_use_at = c.position;
      return Component::walk_control::walk;
    });
  }
  if (uses == 0) fail(0, usage + " (mẫu chưa dùng nó)");
  if (uses != 1 || section == nullptr) fail(first_use_at, usage);

  const size_t open = section->position;
  const size_t open_end = body.find("}}", open) + 2;
  const size_t close =
      open_end + (section->tag.section_text ? section->tag.section_text->size() : 0);
  const size_t close_end = body.find("}}", close) + 2;
  const std::optional<TagLine> open_line = standalone_line(body, open, open_end);
  const std::optional<TagLine> close_line = standalone_line(body, close, close_end);
  if (!open_line || open_line->newline == std::string::npos) fail(open, usage);
  if (!close_line) fail(close, usage);

  StreamedSection split;
  split.prefix = body.substr(0, open_line->start);
  split.inner = body.substr(open_line->newline + 1, close_line->start - (open_line->newline + 1));
  split.suffix = close_line->newline == std::string::npos ? std::string()
                                                          : body.substr(close_line->newline + 1);
  split.inner_line = file.body_line - 1 + line_of(body, open_line->newline + 1);
  return split;
}

std::shared_ptr<const doc::RowSource> make_row_source(StreamedQuery query,
                                                      data::Database& database) {
  return std::make_shared<QueryRowSource>(std::move(query), database);
}

}  // namespace ocopdoc::tmpl
