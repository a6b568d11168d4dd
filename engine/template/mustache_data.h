// The pieces of rendering shared by the whole-body render (render.cpp) and
// the row-by-row render of a streamed query (streamed_rows.cpp): partials,
// Mustache parsing with positioned errors, query rows as Mustache data, and
// the strict context.  Private to engine/template.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <string>
#include <utility>

#include "data/database.h"
#include "template/template.h"

namespace ocopdoc::tmpl {

namespace mustache = kainjow::mustache;
using Component = mustache::component<std::string>;
using TagType = mustache::tag_type;

struct SourceText {
  std::string path;  // for messages
  std::string text;
  int first_line = 1;  // file line of text's first line
};

inline SourceText body_source(const TemplateFile& file) {
  return {file.path, file.body, file.body_line};
}

// A partial by its plain relative name, only from the templates folder;
// errors are positioned at `offset` of `from`.
SourceText load_partial(const TemplateFile& file, const std::string& name, const SourceText& from,
                        size_t offset);

// Parses Mustache text into a component tree, or throws with the position.
void parse_mustache(const SourceText& source, Component& root);

// `text` made to render as the Mustache spec says where kainjow 4.1 does not:
// a skipped section, a comment or a partial tag standing on a line of its own
// leaves no line behind, where kainjow leaves an empty one.  See the comment
// in mustache_data.cpp.
std::string with_standalone_tag_lines_removed(const std::string& text);

// The name with_standalone_tag_lines_removed() marks lines with: the strict
// context finds it false everywhere.  Not a name a template can declare.
inline constexpr const char* kLineMark = "ocopdoc:dong-rieng";

// A column of the current row as Mustache data (NULL and '' are "nothing").
mustache::data value_data(data::Statement& statement, int column);

// Runs a template's queries into Mustache data: a list of row objects (or
// one object for mot_dong), each with its columns, stt/dau/cuoi, and its
// child queries run with the row's columns bound.
class QueryRunner {
 public:
  QueryRunner(const TemplateFile& file, data::Database& database)
      : file_(file), database_(database) {}

  // Prepares the query and binds its :names from `bindings` (TemplateError
  // naming a missing one).
  data::Statement prepare(const Query& query, const std::map<std::string, std::string>& bindings);
  void bind(const Query& query, data::Statement& statement,
            const std::map<std::string, std::string>& bindings) const;

  // The current row of `statement` as an object: its columns, and its child
  // queries run with the row's columns bound.
  mustache::data row_data(const Query& query, data::Statement& statement,
                          const std::map<std::string, std::string>& bindings);

  mustache::data run(const Query& query, const std::map<std::string, std::string>& bindings);

  // A database error while reading `query`, positioned at its SQL.
  [[noreturn]] void fail(const Query& query, const data::DatabaseError& error) const;

 private:
  // The query's prepared statement, reset and bound for a new run.
  data::Statement& statement_for(const Query& query,
                                 const std::map<std::string, std::string>& bindings);

  const TemplateFile& file_;
  data::Database& database_;
  std::map<const Query*, data::Statement> statements_;
};

// The runtime guard: a name the static check let through but the data lacks.
struct MissingName {
  std::string name;
};

class StrictContext : public mustache::context<std::string> {
 public:
  StrictContext(const mustache::data* root, const TemplateFile& file)
      : mustache::context<std::string>(root), file_(file) {}

  const mustache::data* get(const std::string& name) const override {
    if (name == kLineMark) return &line_mark_;
    const mustache::data* value = mustache::context<std::string>::get(name);
    if (!value) throw MissingName{name};
    return value;
  }

  const mustache::data* get_partial(const std::string& name) const override {
    auto cached = partials_.find(name);
    if (cached != partials_.end()) return &cached->second;
    SourceText partial = load_partial(file_, name, body_source(file_), 0);
    return &partials_.emplace(name, mustache::data(with_standalone_tag_lines_removed(partial.text)))
                .first->second;
  }

 private:
  const TemplateFile& file_;
  const mustache::data line_mark_{false};
  mutable std::map<std::string, mustache::data> partials_;
};

// Where a name first appears in the body, for a runtime message.
std::pair<int, int> first_use(const TemplateFile& file, const std::string& name);

// Mustache that renders to markup: values are escaped for the markup
// (doc::escape_markup), not for HTML.
void escape_for_markup(mustache::mustache& engine);

// Renders with the strict context: a name the data lacks becomes a
// TemplateError at its first use in the body, a Mustache error one at `line`.
std::string render_strict(mustache::mustache& engine, StrictContext& context,
                          const TemplateFile& file, int line);

}  // namespace ocopdoc::tmpl
