// ocopdoc programme database: RAII around SQLite, with the Vietnamese text
// services registered on every connection.
//
// Two ways to open a database:
//   * `Database::open_for_update()` — read-write, foreign keys on, used by
//     `init` (migrations) and `import` (one transaction per import).
//   * `Database::open_read_only()` — SQLITE_OPEN_READONLY *and* an authorizer
//     that refuses every statement that could write, attach another file,
//     change pragmas or load extensions.  Templates run their SQL here, so a
//     template can never alter the programme data, even by mistake.
//
// Every connection gets `COLLATE vi` (ICU's Vietnamese collator) and the SQL
// functions listed in README ("SQL functions for templates"), so templates
// can ask SQL for ready Vietnamese text: `SELECT bang_chu(SUM(so_tien)) ...`.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ocopdoc::data {

// An error from SQLite or from the database layer, with a message for a user.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

// Owns one `sqlite3*` connection.
class Database {
 public:
  // Opens a database for init/import.  Does not migrate.  Only `init` creates
  // a missing file: `import` into a mistyped path must not leave an empty file.
  static Database open_for_update(const std::string& path, bool create_if_missing = false);
  // Opens an existing database read-only, with the write-refusing authorizer.
  static Database open_read_only(const std::string& path);

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;

  // Runs one or more statements that return no rows.
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);

  // PRAGMA user_version: the schema version this file is at (0 = empty file).
  int schema_version();

  int64_t changes() const;
  // BEGIN and ROLLBACK for ReadSnapshot, which the read-only authorizer
  // refuses to templates (a template's COMMIT would end the snapshot).
  void begin_read();
  void end_read() noexcept;
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  Database(std::unique_ptr<sqlite3, Closer> db, std::string path)
      : db_(std::move(db)), path_(std::move(path)) {}

  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
};

// A read transaction for one document: every query of a template (and each
// pass over a streamed table, which runs its query again while the document
// is written) sees the database as it was when the first one ran, even if an
// import commits meanwhile.  Ends (without writing anything) when destroyed.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& database);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& database_;
};

// Owns one prepared statement.  Bind indices are 1-based as in SQLite.
class Statement {
 public:
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;

  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }

  // Advances to the next row; false when done.  Throws DatabaseError on error.
  bool step();
  // Resets for re-execution and clears bindings.
  void reset();

  int column_count() const;
  std::string column_name(int column) const;
  bool column_is_null(int column) const;
  int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  int column_type(int column) const;

  sqlite3_stmt* handle() const { return stmt_.get(); }

 private:
  friend class Database;
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  Statement(std::unique_ptr<sqlite3_stmt, Finalizer> stmt, sqlite3* db)
      : stmt_(std::move(stmt)), db_(db) {}

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  sqlite3* db_;
};

// Registers `COLLATE vi` and the text SQL functions on a connection.  Called
// by both open functions; exposed for tests.
void register_text_functions(sqlite3* db);

// The schema version this build of ocopdoc writes.
int current_schema_version();

// Brings the schema forward to current_schema_version() in one transaction.
// Refuses a file made by a newer ocopdoc.  Returns the version it started from.
int migrate(Database& db);

// Throws DatabaseError (Vietnamese, naming the file and the command to run)
// unless the database is at current_schema_version().
void require_current_schema(Database& db);

}  // namespace ocopdoc::data
