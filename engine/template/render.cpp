// Rendering a template: parameters → queries → Mustache → markup → document.
//
// Strict names are checked *statically*, before any rendering, by walking
// kainjow's component tree with a model of the names each section provides
// (query columns come from preparing the SQL, which needs no data).  That
// gives every unknown name its exact file:line:column, in partials too, and
// lets `ocopdoc check` work without a database.  A runtime guard (the
// StrictContext below) catches what the static model cannot know, such as a
// missing key of `cai_dat`.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "data/database.h"
#include "doc/markup.h"
#include "template/mustache_data.h"
#include "template/streamed_rows.h"
#include "template/template.h"
#include "template/template_internal.h"

namespace ocopdoc::tmpl {

namespace {

// ---------------------------------------------------------------------------
// The static model of names.

struct Entity {
  enum class Kind { kScalar, kList, kObject, kOpenObject } kind = Kind::kScalar;
  std::map<std::string, Entity> members;  // for lists: the members of each row
};

std::vector<std::string> column_names(data::Database& database, const TemplateFile& file,
                                      const Query& query) {
  try {
    data::Statement statement = database.prepare(query.sql);
    if (sqlite3_stmt_readonly(statement.handle()) == 0)
      throw data::DatabaseError("câu lệnh có thể ghi vào cơ sở dữ liệu; mẫu chỉ được đọc (SELECT)");
    std::vector<std::string> names;
    for (int i = 0; i < statement.column_count(); ++i) names.push_back(statement.column_name(i));
    if (names.empty()) throw data::DatabaseError("câu lệnh không trả về cột nào (cần SELECT)");
    return names;
  } catch (const data::DatabaseError& error) {
    std::string message = error.what();
    if (message.find("not authorized") != std::string::npos)
      message =
          "câu lệnh không được phép: mẫu chỉ được đọc dữ liệu (SELECT), không được ghi, "
          "ATTACH, đổi PRAGMA hay nạp phần mở rộng";
    throw TemplateError(file.path, query.line, 1, "truy vấn " + query.name + ": " + message);
  }
}

Entity query_entity(data::Database& database, const TemplateFile& file, const Query& query) {
  Entity row;
  row.kind = Entity::Kind::kObject;
  for (const std::string& column : column_names(database, file, query)) {
    if (is_builtin_name(column))
      throw TemplateError(file.path, query.line, 1,
                          "truy vấn " + query.name + ": cột \"" + column +
                              "\" trùng với giá trị có sẵn; hãy đặt tên khác (AS ...)");
    row.members[column] = Entity{};
  }
  if (!query.single_row) {
    row.members["stt"] = Entity{};
    row.members["dau"] = Entity{};
    row.members["cuoi"] = Entity{};
  }
  for (const Query& child : query.children) {
    if (row.members.count(child.name))
      throw TemplateError(
          file.path, child.line, 1,
          "truy vấn con " + child.name + " trùng tên với một cột của " + query.name);
    row.members[child.name] = query_entity(database, file, child);
  }
  if (query.single_row) return row;
  Entity list;
  list.kind = Entity::Kind::kList;
  list.members = std::move(row.members);
  return list;
}

Entity root_entity(data::Database& database, const TemplateFile& file,
                   const std::map<std::string, std::string>* settings) {
  Entity root;
  root.kind = Entity::Kind::kObject;
  for (const char* builtin : {"ngay", "ngay_van_ban", "dia_danh_ngay", "nam"})
    root.members[builtin] = Entity{};
  Entity setting_object;
  setting_object.kind = settings ? Entity::Kind::kObject : Entity::Kind::kOpenObject;
  if (settings)
    for (const auto& [key, value] : *settings) setting_object.members[key] = Entity{};
  root.members["cai_dat"] = setting_object;
  for (const Parameter& p : file.parameters) root.members[p.name] = Entity{};
  for (const auto& [name, value] : file.constants) root.members[name] = Entity{};
  for (const Query& q : file.queries) root.members[q.name] = query_entity(database, file, q);
  return root;
}

class NameChecker {
 public:
  NameChecker(const TemplateFile& file, const Entity& root) : file_(file) {
    scopes_.push_back(&root);
  }

  void check(const SourceText& source) {
    Component root;
    parse_mustache(source, root);
    walk(source, root);
  }

 private:
  // Resolves a (possibly dotted) name against the scopes, innermost first.
  const Entity* resolve(const std::string& name, std::string& problem) const {
    static const Entity kAnything;
    if (name == ".") return &kAnything;
    std::vector<std::string> parts;
    std::stringstream stream(name);
    for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
    if (parts.empty()) {  // {{}}, {{#}}: kainjow takes them as the name ""
      problem = "thẻ không có tên (viết {{ten}}, {{#ten}} ... {{/ten}})";
      return nullptr;
    }
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      auto found = (*scope)->members.find(parts[0]);
      if (found == (*scope)->members.end()) continue;
      const Entity* entity = &found->second;
      for (size_t i = 1; i < parts.size(); ++i) {
        if (entity->kind == Entity::Kind::kOpenObject) return &kAnything;
        auto member = entity->members.find(parts[i]);
        if (entity->kind == Entity::Kind::kScalar || member == entity->members.end()) {
          problem = "\"" + parts[i] + "\" không có trong \"" + parts[i - 1] + "\"";
          return nullptr;
        }
        entity = &member->second;
      }
      return entity;
    }
    problem = "tên \"" + name +
              "\" không có: không phải cột của truy vấn nào đang mở, tham số hay "
              "giá trị có sẵn";
    return nullptr;
  }

  [[noreturn]] void fail(const SourceText& source, size_t offset,
                         const std::string& message) const {
    throw TemplateError(source.path, source.first_line - 1 + line_of(source.text, offset),
                        column_of(source.text, offset), message);
  }

  void walk(const SourceText& source, Component& parent) {
    for (Component& component : parent.children) {
      const auto type = component.tag.type;
      const std::string& name = component.tag.name;
      if (type == TagType::variable || type == TagType::unescaped_variable ||
          type == TagType::section_begin || type == TagType::section_begin_inverted) {
        std::string problem;
        const Entity* entity = resolve(name, problem);
        if (!entity) fail(source, component.position, problem);
        if (type == TagType::section_begin || type == TagType::section_begin_inverted) {
          // A list section's rows (and an object section's members) come into
          // scope inside it; an inverted section renders only when there is
          // nothing, so it brings nothing into scope.
          static const Entity kNothing;
          scopes_.push_back(type == TagType::section_begin ? entity : &kNothing);
          walk(source, component);
          scopes_.pop_back();
        } else if (entity->kind == Entity::Kind::kList || entity->kind == Entity::Kind::kObject) {
          fail(source, component.position,
               "\"" + name +
                   "\" là một danh sách hoặc đối tượng, không in trực tiếp được; dùng "
                   "{{#" +
                   name + "}}...{{/" + name + "}}");
        }
      } else if (type == TagType::partial) {
        if (partial_stack_.size() >= 16 ||
            std::find(partial_stack_.begin(), partial_stack_.end(), name) != partial_stack_.end())
          fail(source, component.position,
               "partial \"" + name + "\" gọi lại chính nó (trực tiếp hoặc gián tiếp)");
        SourceText partial = load_partial(file_, name, source, component.position);
        partial_stack_.push_back(name);
        check(partial);
        partial_stack_.pop_back();
      } else if (type == TagType::set_delimiter) {
        fail(source, component.position,
             "không dùng thẻ đổi dấu phân cách {{=...=}} trong mẫu ocopdoc");
      } else {
        walk(source, component);
      }
    }
  }

  const TemplateFile& file_;
  std::vector<const Entity*> scopes_;
  std::vector<std::string> partial_stack_;
};

// The template line that most likely wrote a markup line: the body line
// whose literal text (before any tag) begins the markup line and is the
// longest such (the first of equals).
int template_line_for_markup(const TemplateFile& file, const std::string& markup_line) {
  std::stringstream lines(file.body);
  int number = file.body_line;
  std::string trimmed = markup_line.substr(0, markup_line.find_last_not_of(" \t\r") + 1);
  // The line whose literal start matches the most: `@bang cot="{{x}}"` and
  // a fully literal `@bang cot="1cm,3*" ...` both start a table's line, and
  // the second is the one that wrote it.
  int best = 0;
  size_t best_size = 1;
  for (std::string line; std::getline(lines, line); ++number) {
    std::string literal = line.substr(0, line.find("{{"));
    while (!literal.empty() && (literal.back() == ' ' || literal.back() == '\r'))
      literal.pop_back();
    if (literal.size() > best_size && trimmed.rfind(literal, 0) == 0) {
      best = number;
      best_size = literal.size();
    }
  }
  return best;
}

std::map<std::string, std::string> read_settings(data::Database& database) {
  std::map<std::string, std::string> settings;
  data::Statement statement = database.prepare("SELECT khoa, gia_tri FROM cai_dat");
  while (statement.step()) settings[statement.column_text(0)] = statement.column_text(1);
  return settings;
}

}  // namespace

void check_template(const TemplateFile& file) {
  // An empty in-memory database with the current schema: preparing the
  // queries there finds unknown tables and columns and any write, with no data.
  data::Database scratch = data::Database::open_for_update(":memory:", true);
  data::migrate(scratch);
  sqlite3_set_authorizer(
      scratch.handle(),
      [](void*, int action, const char*, const char*, const char*, const char*) {
        switch (action) {
          case SQLITE_SELECT:
          case SQLITE_READ:
          case SQLITE_FUNCTION:
          case SQLITE_RECURSIVE:
            return SQLITE_OK;
          default:
            return SQLITE_DENY;
        }
      },
      nullptr);
  for (size_t i = 0; i < file.parameters.size(); ++i) {
    const Parameter& p = file.parameters[i];
    if (!p.default_sql.empty()) {
      try {
        scratch.prepare(p.default_sql);
      } catch (const data::DatabaseError& error) {
        throw TemplateError(file.path, p.line, 1,
                            "mac_dinh_sql của tham số " + p.name + ": " + error.what());
      }
    }
    if (p.computed_sql.empty()) continue;
    try {
      // A tinh_sql names only ngay and the parameters declared before it.
      data::Statement stmt = scratch.prepare(p.computed_sql);
      for (int k = 1; k <= sqlite3_bind_parameter_count(stmt.handle()); ++k) {
        const char* raw = sqlite3_bind_parameter_name(stmt.handle(), k);
        const std::string name = raw ? raw + 1 : "";
        const bool earlier =
            std::any_of(file.parameters.begin(), file.parameters.begin() + static_cast<long>(i),
                        [&](const Parameter& q) { return q.name == name; });
        if (!raw || (name != "ngay" && !earlier))
          throw TemplateError(file.path, p.line, 1, unknown_computed_binding(p, raw));
      }
    } catch (const data::DatabaseError& error) {
      throw TemplateError(file.path, p.line, 1,
                          "tinh_sql của tham số " + p.name + ": " + error.what());
    }
  }
  Entity root = root_entity(scratch, file, nullptr);
  NameChecker checker(file, root);
  checker.check(body_source(file));
  // Where a tung_dong query's rows go is known from the body alone.
  for (const Query& query : file.queries) {
    if (query.streamed) split_streamed_section(file, query);
  }
}

RenderResult render_template(const TemplateFile& file, data::Database& database,
                             const RenderOptions& options) {
  const ResolvedParameters parameters = resolve_parameters(file, database, options);
  const std::map<std::string, std::string> settings = read_settings(database);

  {
    Entity root = root_entity(database, file, &settings);
    NameChecker checker(file, root);
    checker.check(body_source(file));
  }

  auto root = std::make_shared<mustache::data>(mustache::data::type::object);
  std::map<std::string, std::string> bindings = parameters.values;
  bindings["ngay"] = parameters.document_date;
  for (const auto& [name, value] : parameters.values)
    root->set(name, value.empty() ? mustache::data(false) : mustache::data(value));
  const text::Date date = text::parse_iso_date(parameters.document_date);
  root->set("ngay", parameters.document_date);
  root->set("ngay_van_ban", text::format_date_long(date));
  root->set("nam", std::to_string(date.year));
  auto place = settings.find("dia_danh");
  root->set("dia_danh_ngay", place != settings.end() ? text::place_date_line(place->second, date)
                                                     : text::format_date_long(date));
  mustache::data setting_data(mustache::data::type::object);
  for (const auto& [key, value] : settings) setting_data.set(key, value);
  root->set("cai_dat", setting_data);
  for (const auto& [name, value] : file.constants)
    root->set(name, value.empty() ? mustache::data(false) : mustache::data(value));

  // A tung_dong query is not run here: its section is rendered row by row
  // while the document is written (template/streamed_rows.h).
  const Query* streamed = nullptr;
  StreamedSection section;
  QueryRunner runner(file, database);
  for (const Query& query : file.queries) {
    if (query.streamed) {
      // Checked even when rendered whole, so every output format accepts
      // the same templates.
      section = split_streamed_section(file, query);
      if (options.stream_rows) {
        streamed = &query;
        continue;
      }
    }
    (*root)[query.name] = runner.run(query, bindings);
  }

  auto render_body = [&](const std::string& body) {
    mustache::mustache engine(with_standalone_tag_lines_removed(body));
    escape_for_markup(engine);
    StrictContext context(root.get(), file);
    return render_strict(engine, context, file, file.body_line);
  };

  RenderResult result;
  doc::StreamedRows stream;
  if (streamed != nullptr) {
    StreamedQuery query;
    query.section = std::move(section);
    const std::string prefix = render_body(query.section.prefix);
    result.markup = prefix + render_body(query.section.suffix);
    stream.after_line = static_cast<int>(std::count(prefix.begin(), prefix.end(), '\n'));
    query.file = std::make_shared<const TemplateFile>(file);
    query.query = *streamed;
    query.bindings = bindings;
    query.root = root;
    query.markup_line = stream.after_line + 1;
    stream.source = make_row_source(std::move(query), database);
  } else {
    result.markup = render_body(file.body);
  }

  try {
    result.document = doc::parse_markup(result.markup, stream);
  } catch (const doc::MarkupError& error) {
    std::stringstream lines(result.markup);
    std::string line;
    for (int i = 0; i < error.line() && std::getline(lines, line); ++i) {
    }
    const int template_line = template_line_for_markup(file, line);
    std::string message = std::string("lỗi markup: ") + error.what() + " (dòng " +
                          std::to_string(error.line()) + " của văn bản đã dựng: \"" +
                          line.substr(0, 80) + "\")";
    throw TemplateError(file.path, template_line ? template_line : file.body_line, 1, message);
  }
  return result;
}

}  // namespace ocopdoc::tmpl
