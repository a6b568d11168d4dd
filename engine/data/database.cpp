#include "data/database.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace ocopdoc::data {

namespace {

std::string sqlite_message(sqlite3* db) {
  return db ? sqlite3_errmsg(db) : "out of memory";
}

// Busy timeout for writers: another ocopdoc importing into the same file
// holds the write lock for the length of its transaction.  Waiting a while is
// friendlier than failing at once; after that the message says what happened.
// OCOPDOC_BUSY_TIMEOUT (seconds) changes the wait, e.g. for a slow network
// share, or for tests.
int busy_timeout_ms() {
  static const int timeout = [] {
    const char* seconds = std::getenv("OCOPDOC_BUSY_TIMEOUT");
    if (seconds && *seconds) {
      char* end = nullptr;
      long value = std::strtol(seconds, &end, 10);
      if (*end == '\0' && value >= 0 && value <= 3600) return static_cast<int>(value * 1000);
    }
    return 10'000;
  }();
  return timeout;
}

std::string locked_message() {
  return "cơ sở dữ liệu đang bị một tiến trình khác ghi (đã chờ " +
         std::to_string(busy_timeout_ms() / 1000) + " giây); hãy thử lại sau";
}

// Pragmas a template may read.  Everything else (and every pragma with a value,
// which is a write) is refused by the read-only authorizer.
bool is_readable_pragma(const char* name) {
  static constexpr const char* kAllowed[] = {"table_info", "table_xinfo",      "index_list",
                                             "index_info", "foreign_key_list", "user_version"};
  for (const char* allowed : kAllowed) {
    if (sqlite3_stricmp(name, allowed) == 0) return true;
  }
  return false;
}

// The authorizer of read-only connections.  SQLITE_OPEN_READONLY already stops
// writes to the main file; this also stops what READONLY does not: ATTACH of
// another file (which could be created), temp tables, pragma writes such as
// `PRAGMA journal_mode=...`, and load_extension().  Refusing at prepare time
// gives the template author an error that names the statement.
int read_only_authorizer(void*, int action, const char* arg1, const char* arg2, const char*,
                         const char*) {
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      if (arg2 &&
          (sqlite3_stricmp(arg2, "load_extension") == 0 || sqlite3_stricmp(arg2, "readfile") == 0 ||
           sqlite3_stricmp(arg2, "writefile") == 0))
        return SQLITE_DENY;
      return SQLITE_OK;
    case SQLITE_PRAGMA:
      // arg1 is the pragma name, arg2 its argument (NULL when only read).
      if (arg1 && arg2 == nullptr && is_readable_pragma(arg1)) return SQLITE_OK;
      return SQLITE_DENY;
    default:
      return SQLITE_DENY;
  }
}

sqlite3* open_raw(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = sqlite_message(raw);
    sqlite3_close_v2(raw);
    throw DatabaseError("không mở được cơ sở dữ liệu \"" + path + "\": " + message);
  }
  return raw;
}

// Runs one of ocopdoc's own transaction statements (BEGIN, ROLLBACK of a
// ReadSnapshot) with the read-only authorizer lifted for it alone: templates
// may not run them, so that none can end the snapshot.  SQLite's result code.
int exec_as_ocopdoc(sqlite3* db, const char* sql) {
  const bool read_only = sqlite3_db_readonly(db, "main") == 1;
  sqlite3_set_authorizer(db, nullptr, nullptr);
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (read_only) sqlite3_set_authorizer(db, read_only_authorizer, nullptr);
  return rc;
}

}  // namespace

Database Database::open_for_update(const std::string& path, bool create_if_missing) {
  std::unique_ptr<sqlite3, Closer> db(
      open_raw(path, SQLITE_OPEN_READWRITE | (create_if_missing ? SQLITE_OPEN_CREATE : 0)));
  sqlite3_busy_timeout(db.get(), busy_timeout_ms());
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  register_text_functions(db.get());
  Database result(std::move(db), path);
  result.exec("PRAGMA foreign_keys = ON");
  return result;
}

Database Database::open_read_only(const std::string& path) {
  std::unique_ptr<sqlite3, Closer> db(open_raw(path, SQLITE_OPEN_READONLY));
  sqlite3_busy_timeout(db.get(), busy_timeout_ms());
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  register_text_functions(db.get());
  Database result(std::move(db), path);
  // Read the schema version before the authorizer is installed: it refuses
  // pragmas with side effects, and this is ours, not a template's.
  require_current_schema(result);
  sqlite3_set_authorizer(result.handle(), read_only_authorizer, nullptr);
  return result;
}

void Database::begin_read() {
  if (exec_as_ocopdoc(handle(), "BEGIN") != SQLITE_OK) {
    throw DatabaseError("không bắt đầu được phiên đọc cơ sở dữ liệu: " + sqlite_message(handle()));
  }
}

void Database::end_read() noexcept {
  if (sqlite3_get_autocommit(handle()) != 0) return;  // no transaction open
  exec_as_ocopdoc(handle(), "ROLLBACK");
}

ReadSnapshot::ReadSnapshot(Database& database) : database_(database) {
  database_.begin_read();
}

ReadSnapshot::~ReadSnapshot() {
  database_.end_read();
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite_message(db_.get());
    sqlite3_free(error);
    if ((rc & 0xFF) == SQLITE_BUSY) message = locked_message();
    throw DatabaseError(message);
  }
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  std::unique_ptr<sqlite3_stmt, Statement::Finalizer> stmt(raw);
  if (rc != SQLITE_OK) throw DatabaseError(sqlite_message(db_.get()));
  if (!stmt) throw DatabaseError("câu lệnh SQL rỗng");
  if (tail && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos)
    throw DatabaseError("chỉ được một câu lệnh SQL mỗi lần");
  return Statement(std::move(stmt), db_.get());
}

int Database::schema_version() {
  Statement stmt = prepare("PRAGMA user_version");
  stmt.step();
  return static_cast<int>(stmt.column_int(0));
}

int64_t Database::changes() const {
  return sqlite3_changes64(db_.get());
}

// --- Statement -------------------------------------------------------------

namespace {
void check_bind(int rc, sqlite3* db) {
  if (rc != SQLITE_OK) throw DatabaseError(sqlite_message(db));
}
}  // namespace

Statement& Statement::bind(int index, std::nullopt_t) {
  check_bind(sqlite3_bind_null(stmt_.get(), index), db_);
  return *this;
}
Statement& Statement::bind(int index, int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_.get(), index, value), db_);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(stmt_.get(), index, value), db_);
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  check_bind(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             db_);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if ((rc & 0xFF) == SQLITE_BUSY) throw DatabaseError(locked_message());
  throw DatabaseError(sqlite_message(db_));
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

int Statement::column_count() const {
  return sqlite3_column_count(stmt_.get());
}
std::string Statement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_.get(), column);
  return name ? name : "";
}
bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}
int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}
double Statement::column_double(int column) const {
  return sqlite3_column_double(stmt_.get(), column);
}
std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
  int size = sqlite3_column_bytes(stmt_.get(), column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
              : std::string();
}
int Statement::column_type(int column) const {
  return sqlite3_column_type(stmt_.get(), column);
}

}  // namespace ocopdoc::data
