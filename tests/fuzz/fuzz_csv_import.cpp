// Fuzzes the CSV importer end to end: parse, validate, insert or delete,
// check references, roll back.  The first input byte picks the table (its
// low seven bits: the index in importable_tables(), so the seeds in
// corpus/fuzz_csv_import are renumbered when a table is added) and, with its
// high bit set, deletion (`import --xoa`) instead of import; the rest is the
// file.  Any outcome but ImportFailed or success is a finding.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "data/database.h"
#include "data/import.h"
#include "data/schema.h"

namespace {

// The parent rows the inputs refer to; put back after a deletion succeeds,
// so that later inputs still find them.
void add_parent_rows(ocopdoc::data::Database& d) {
  d.exec(
      "INSERT OR IGNORE INTO don_vi VALUES ('38', 'Tỉnh Thanh Hóa', 'Tỉnh', 1, NULL), "
      "('401', 'Huyện Nga Sơn', 'Huyện', 2, '38'), ('15778', 'Xã Nga Tân', 'Xã', 3, '401');"
      "INSERT OR IGNORE INTO nhom_san_pham VALUES ('TP', 'Thực phẩm', 1);"
      "INSERT OR IGNORE INTO nguon_von (ma, ten, loai, thu_tu) VALUES ('NS', 'Ngân sách', "
      "'ngan_sach', 1);"
      "INSERT OR IGNORE INTO chu_the VALUES ('C1', 'HTX', 'HTX', '15778', NULL, NULL);"
      "INSERT OR IGNORE INTO san_pham VALUES ('S1', 'Chiếu', 'TP', NULL, 'C1', '15778', 5, NULL);"
      "INSERT OR IGNORE INTO nhiem_vu (ma, ten, bat_dau, ket_thuc) VALUES ('1', 'X', "
      "'2018-01-01', '2018-12-31');"
      "INSERT OR IGNORE INTO khoa_hoc (ma, ten, tu_ngay, den_ngay) VALUES ('K1', 'X', "
      "'2018-01-01', '2018-01-02');");
}

ocopdoc::data::Database& database() {
  static ocopdoc::data::Database db = [] {
    ocopdoc::data::Database d = ocopdoc::data::Database::open_for_update(":memory:", true);
    ocopdoc::data::migrate(d);
    add_parent_rows(d);
    return d;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto tables = ocopdoc::data::importable_tables();
  const auto& table = tables[(data[0] & 0x7F) % tables.size()];
  const bool deletion = (data[0] & 0x80) != 0;
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ocopdoc-fuzz-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (std::string(table.name) + ".csv")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  try {
    if (deletion) {
      ocopdoc::data::import_files(database(), {}, {path});
      add_parent_rows(database());
    } else {
      ocopdoc::data::import_files(database(), {path});
    }
  } catch (const ocopdoc::data::ImportFailed&) {
  }
  return 0;
}
