#include <string>

#include "data/database.h"
#include "data/schema.h"

namespace ocopdoc::data {

namespace {
constexpr int kCurrentSchemaVersion = 8;
}

int current_schema_version() {
  return kCurrentSchemaVersion;
}

int migrate(Database& db) {
  // BEGIN IMMEDIATE takes the write lock before reading user_version, so two
  // `ocopdoc init` runs on one file cannot both apply the same step.
  db.exec("BEGIN IMMEDIATE");
  try {
    const int from = db.schema_version();
    if (from > kCurrentSchemaVersion) {
      throw DatabaseError("cơ sở dữ liệu \"" + db.path() + "\" có phiên bản lược đồ " +
                          std::to_string(from) + ", mới hơn phiên bản " +
                          std::to_string(kCurrentSchemaVersion) +
                          " mà bản ocopdoc này hiểu; hãy dùng bản ocopdoc mới hơn");
    }
    for (int version = from + 1; version <= kCurrentSchemaVersion; ++version) {
      for (std::string_view statement : migration_steps(version)) db.exec(statement);
      db.exec("PRAGMA user_version = " + std::to_string(version));
    }
    db.exec("COMMIT");
    return from;
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}

void require_current_schema(Database& db) {
  const int version = db.schema_version();
  if (version == kCurrentSchemaVersion) return;
  if (version == 0)
    throw DatabaseError("\"" + db.path() + "\" chưa được khởi tạo: hãy chạy \"ocopdoc init " +
                        db.path() + "\" trước");
  if (version < kCurrentSchemaVersion)
    throw DatabaseError("cơ sở dữ liệu \"" + db.path() + "\" ở phiên bản lược đồ " +
                        std::to_string(version) + ": hãy chạy \"ocopdoc init " + db.path() +
                        "\" để nâng cấp");
  throw DatabaseError("cơ sở dữ liệu \"" + db.path() + "\" có phiên bản lược đồ " +
                      std::to_string(version) + ", mới hơn bản ocopdoc này");
}

}  // namespace ocopdoc::data
