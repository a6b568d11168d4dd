#include "data/database.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "data/schema.h"

namespace ocopdoc::data {
namespace {

// A fresh database file in the test's temporary folder.
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ocopdoc-db-" + std::to_string(::getpid()) + "-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A database as ocopdoc made it at schema `version`, for the upgrade tests.
  Database database_at_version(int version) {
    Database db = Database::open_for_update(path_, true);
    for (int step = 1; step <= version; ++step) {
      for (std::string_view statement : migration_steps(step)) db.exec(statement);
    }
    db.exec("PRAGMA user_version = " + std::to_string(version));
    return db;
  }

  std::string one(Database& db, const std::string& sql) {
    Statement stmt = db.prepare(sql);
    EXPECT_TRUE(stmt.step()) << sql;
    return stmt.column_text(0);
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(DatabaseTest, ASnapshotSeesOneStateOfTheData) {
  {
    Database db = Database::open_for_update(path_, true);
    migrate(db);
    db.exec("INSERT INTO cai_dat (khoa, gia_tri) VALUES ('a', '1')");
  }
  Database reader = Database::open_read_only(path_);
  Database writer = Database::open_for_update(path_);
  sqlite3_busy_timeout(writer.handle(), 0);
  {
    const ReadSnapshot snapshot(reader);
    EXPECT_EQ(one(reader, "SELECT count(*) FROM cai_dat"), "1");
    // Another process's write either waits for the snapshot to end or
    // (in WAL mode) commits beside it; the snapshot sees the old data.
    try {
      writer.exec("INSERT INTO cai_dat (khoa, gia_tri) VALUES ('b', '2')");
    } catch (const DatabaseError&) {
    }
    EXPECT_EQ(one(reader, "SELECT count(*) FROM cai_dat"), "1");
    // Templates still cannot end it themselves.
    EXPECT_THROW(reader.exec("COMMIT"), DatabaseError);
  }
  writer.exec("INSERT OR REPLACE INTO cai_dat (khoa, gia_tri) VALUES ('b', '2')");
  EXPECT_EQ(one(reader, "SELECT count(*) FROM cai_dat"), "2");
}

TEST_F(DatabaseTest, InitCreatesCurrentSchemaAndIsIdempotent) {
  Database db = Database::open_for_update(path_, true);
  EXPECT_EQ(migrate(db), 0);
  EXPECT_EQ(db.schema_version(), current_schema_version());
  EXPECT_EQ(migrate(db), current_schema_version());
  for (const TableSpec& table : importable_tables()) {
    EXPECT_EQ(one(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" +
                          std::string(table.name) + "'"),
              "1")
        << table.name;
  }
}

// A database written by an ocopdoc of schema version 1 (before nhiem_vu had
// thu_tu_y) is upgraded in place: its tasks stay, the new column is empty and
// the view lists their items in the usual order.
TEST_F(DatabaseTest, Version1DatabaseUpgradesKeepingItsTasks) {
  {
    Database db = Database::open_for_update(path_, true);
    for (std::string_view statement : migration_steps(1)) db.exec(statement);
    db.exec("PRAGMA user_version = 1");
    db.exec(
        "INSERT INTO nhiem_vu (ma, ten, thoi_gian, bat_dau, ket_thuc, don_vi_chu_tri, noi_dung) "
        "VALUES ('2.4', 'Lấy ý kiến', 'tháng 10/2018.', '2018-10-01', '2018-10-31', 'VPĐP', "
        "'Hoàn thiện Đề án')");
  }
  Database db = Database::open_for_update(path_);
  EXPECT_THROW(require_current_schema(db), DatabaseError);
  EXPECT_EQ(migrate(db), 1);
  EXPECT_EQ(db.schema_version(), current_schema_version());
  EXPECT_EQ(one(db, "SELECT ten || '|' || ifnull(thu_tu_y, 'NULL') FROM nhiem_vu"),
            "Lấy ý kiến|NULL");
  EXPECT_EQ(one(db, "SELECT group_concat(y, ',') FROM (SELECT y FROM nhiem_vu_y ORDER BY thu_tu)"),
            "thoi_gian,don_vi_chu_tri,noi_dung");
  db.exec("UPDATE nhiem_vu SET thu_tu_y = 'thoi_gian,noi_dung=Nội dung chính'");
  EXPECT_EQ(one(db,
                "SELECT group_concat(y || ':' || ifnull(nhan, ''), ',') FROM "
                "(SELECT y, nhan FROM nhiem_vu_y ORDER BY thu_tu)"),
            "thoi_gian:,noi_dung:Nội dung chính,don_vi_chu_tri:");
}

TEST_F(DatabaseTest, ImportRefusesAMissingFileInsteadOfCreatingIt) {
  EXPECT_THROW(Database::open_for_update(path_), DatabaseError);
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(DatabaseTest, UninitialisedDatabaseIsRefusedWithTheCommandToRun) {
  { Database db = Database::open_for_update(path_, true); }
  try {
    Database::open_read_only(path_);
    FAIL();
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("ocopdoc init"), std::string::npos);
  }
}

TEST_F(DatabaseTest, NewerSchemaIsRefused) {
  {
    Database db = Database::open_for_update(path_, true);
    db.exec("PRAGMA user_version = 99");
  }
  Database db = Database::open_for_update(path_);
  EXPECT_THROW(migrate(db), DatabaseError);
  EXPECT_EQ(db.schema_version(), 99);
}

TEST_F(DatabaseTest, ChecksRejectImpossibleValues) {
  Database db = Database::open_for_update(path_, true);
  migrate(db);
  db.exec("INSERT INTO don_vi VALUES ('38', 'Tỉnh Thanh Hóa', 'Tỉnh', 1, NULL)");
  db.exec("INSERT INTO don_vi VALUES ('380', 'Thành phố Thanh Hóa', 'Thành phố', 2, '38')");
  EXPECT_THROW(db.exec("INSERT INTO don_vi VALUES ('1', 'X', 'Xã', 3, NULL)"), DatabaseError);
  db.exec("INSERT INTO nhom_san_pham VALUES ('TP', 'Thực phẩm', 1)");
  db.exec("INSERT INTO chu_the VALUES ('C1', 'HTX A', 'HTX', '380', NULL, NULL)");
  EXPECT_THROW(db.exec("INSERT INTO chu_the VALUES ('C2', 'B', 'XYZ', '380', NULL, NULL)"),
               DatabaseError);
  db.exec(
      "INSERT INTO san_pham VALUES ('S1', 'Nem chua', 'TP', NULL, 'C1', '380', 5, '2019-02-01')");
  EXPECT_THROW(db.exec("INSERT INTO san_pham VALUES ('S2', 'X', 'TP', NULL, 'C1', '380', 7, NULL)"),
               DatabaseError);
  EXPECT_THROW(
      db.exec("INSERT INTO san_pham VALUES ('S3', 'X', 'TP', NULL, 'C1', '380', 2, '2019-02-30')"),
      DatabaseError);
  const std::string rating =
      "INSERT INTO danh_gia (ma_san_pham, cap, ngay, bo_tieu_chi, diem_a, diem_b, diem_c, so_sao, "
      "hieu_luc_den) VALUES ('S1', 'tinh', '2019-12-10', '1048/QĐ-TTg', ";
  db.exec(rating + "30, 20, 25, 4, '2022-12-10')");
  EXPECT_EQ(one(db, "SELECT tong_diem FROM danh_gia"), "75");
  // 75 points is four stars, not three; part A above 35 under 1048/QĐ-TTg.
  EXPECT_THROW(db.exec(rating.substr(0, rating.size()) + "30, 20, 25, 3, '2022-12-10')"),
               DatabaseError);
  EXPECT_THROW(db.exec(rating + "36, 20, 20, 4, '2022-12-10')"), DatabaseError);
  EXPECT_THROW(db.exec("INSERT INTO du_toan VALUES ('DA1', 'X', 'NS', 2019, 'du_toan', -1)"),
               DatabaseError);
}

TEST_F(DatabaseTest, ReadOnlyConnectionRefusesEveryWrite) {
  {
    Database db = Database::open_for_update(path_, true);
    migrate(db);
    db.exec("INSERT INTO cai_dat VALUES ('dia_danh', 'Thanh Hóa')");
  }
  Database db = Database::open_read_only(path_);
  EXPECT_EQ(one(db, "SELECT gia_tri FROM cai_dat"), "Thanh Hóa");
  const std::vector<std::string> refused = {
      "DELETE FROM cai_dat",
      "INSERT INTO cai_dat VALUES ('a', 'b')",
      "UPDATE cai_dat SET gia_tri = 'x'",
      "DROP TABLE cai_dat",
      "CREATE TABLE x (a)",
      "CREATE TEMP TABLE x (a)",
      "ATTACH DATABASE 'other.db' AS other",
      "PRAGMA journal_mode = WAL",
      "PRAGMA user_version = 5",
      "PRAGMA writable_schema = ON",
      "SELECT load_extension('libc.so.6')",
  };
  for (const std::string& sql : refused) {
    EXPECT_THROW(db.exec(sql), DatabaseError) << sql;
  }
  EXPECT_EQ(one(db, "SELECT count(*) FROM cai_dat"), "1");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "other.db"));
  // Reading pragmas stay available to template authors.
  EXPECT_EQ(one(db, "PRAGMA user_version"), std::to_string(current_schema_version()));
}

TEST_F(DatabaseTest, TextFunctionsGiveReadyVietnamese) {
  Database db = Database::open_for_update(path_, true);
  EXPECT_EQ(one(db, "SELECT so(1234567)"), "1.234.567");
  EXPECT_EQ(one(db, "SELECT so(1234567.5, 1)"), "1.234.567,5");
  EXPECT_EQ(one(db, "SELECT tien(1234567)"), "1.234.567 đồng");
  EXPECT_EQ(one(db, "SELECT trieu_dong(1234567890)"), "1.234,6 triệu đồng");
  EXPECT_EQ(one(db, "SELECT bang_chu(1005000)"), "Một triệu không trăm linh năm nghìn đồng");
  EXPECT_EQ(one(db, "SELECT chu_so(21)"), "hai mươi mốt");
  EXPECT_EQ(one(db, "SELECT ngay_dai('2018-05-07')"), "ngày 07 tháng 5 năm 2018");
  EXPECT_EQ(one(db, "SELECT ngay_ngan('2018-05-07')"), "07/5/2018");
  EXPECT_EQ(one(db, "SELECT thang('2019-02')"), "tháng 02 năm 2019");
  EXPECT_EQ(one(db, "SELECT slug('Huyện Nga Sơn')"), "huyen-nga-son");
  EXPECT_EQ(one(db, "SELECT so_sao(75)"), "4");
  EXPECT_EQ(one(db,
                "SELECT so_la_ma(1) || ' ' || so_la_ma(4) || ' ' || so_la_ma(14) || ' ' || "
                "so_la_ma(1999)"),
            "I IV XIV MCMXCIX");
  EXPECT_THROW(one(db, "SELECT so_la_ma(0)"), DatabaseError);
  EXPECT_EQ(one(db, "SELECT thuong_dau('Huyện Nga Sơn')"), "huyện Nga Sơn");
  EXPECT_EQ(one(db, "SELECT thuong_dau('Đông Sơn')"), "đông Sơn");
  EXPECT_EQ(one(db, "SELECT hoa_dau('ủy ban')"), "Ủy ban");
  EXPECT_EQ(one(db, "SELECT ten_goi('Nguyễn Văn An')"), "An Văn Nguyễn");
  Statement null_in = db.prepare("SELECT tien(NULL)");
  ASSERT_TRUE(null_in.step());
  EXPECT_TRUE(null_in.column_is_null(0));
  // A bad argument is an SQL error that names the function.
  try {
    db.exec("SELECT ngay_dai('2019-02-30')");
    FAIL();
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("ngay_dai"), std::string::npos) << error.what();
  }
}

TEST_F(DatabaseTest, KhoaTenSortsRostersByGivenNameFirst) {
  Database db = Database::open_for_update(path_, true);
  db.exec("CREATE TEMP TABLE t (s TEXT)");
  db.exec(
      "INSERT INTO t VALUES ('Lê Đình Dũng'), ('Nguyễn Thị Dung'), ('Trần Văn An'), ('Nguyễn Văn "
      "An')");
  Statement stmt =
      db.prepare("SELECT group_concat(s, ', ') FROM (SELECT s FROM t ORDER BY khoa_ten(s))");
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.column_text(0), "Nguyễn Văn An, Trần Văn An, Nguyễn Thị Dung, Lê Đình Dũng");
}

TEST_F(DatabaseTest, CollateViSortsVietnamese) {
  Database db = Database::open_for_update(path_, true);
  db.exec("CREATE TEMP TABLE t (s TEXT)");
  db.exec(
      "INSERT INTO t VALUES ('Đông'), ('Dung'), ('Ân'), ('An'), ('Ăn'), ('Bình'), ('Ơn'), ('Ôn'), "
      "('On')");
  Statement stmt =
      db.prepare("SELECT group_concat(s, ' ') FROM (SELECT s FROM t ORDER BY s COLLATE vi)");
  ASSERT_TRUE(stmt.step());
  EXPECT_EQ(stmt.column_text(0), "An Ăn Ân Bình Dung Đông On Ôn Ơn");
}

// A database of schema version 2 (before lich_su_buoc) is upgraded in place:
// its products keep their steps, and the view buoc_san_pham puts each at its
// step from its registration date, as reports counted before the history.
TEST_F(DatabaseTest, Version2DatabaseUpgradesWithItsProductsAtTheirSteps) {
  {
    Database db = database_at_version(2);
    db.exec("INSERT INTO don_vi VALUES ('38', 'Tỉnh Thanh Hóa', 'Tỉnh', 1, NULL)");
    db.exec("INSERT INTO nhom_san_pham VALUES ('TP', 'Thực phẩm', 1)");
    db.exec("INSERT INTO chu_the VALUES ('CT1', 'HTX A', 'HTX', '38', NULL, NULL)");
    db.exec(
        "INSERT INTO san_pham VALUES ('SP1', 'Nem chua', 'TP', NULL, 'CT1', '38', 4, '2019-03-01'),"
        " ('SP2', 'Chè lam', 'TP', NULL, 'CT1', '38', 2, NULL)");
  }
  Database db = Database::open_for_update(path_);
  EXPECT_EQ(migrate(db), 2);
  EXPECT_EQ(db.schema_version(), current_schema_version());
  EXPECT_EQ(one(db, "SELECT count(*) FROM lich_su_buoc"), "0");
  EXPECT_EQ(
      one(db,
          "SELECT group_concat(ma_san_pham || ':' || buoc || ':' || ifnull(tu_ngay, '-') || ':' "
          "|| ifnull(den_ngay, '-'), ',') FROM (SELECT * FROM buoc_san_pham ORDER BY 1)"),
      "SP1:4:2019-03-01:-,SP2:2:-:-");
  // Once a product has history, the view follows the history alone.
  db.exec(
      "INSERT INTO lich_su_buoc VALUES ('SP1', '2019-03-01', 2), ('SP1', '2019-04-10', 3),"
      " ('SP1', '2019-05-20', 4)");
  EXPECT_EQ(one(db,
                "SELECT group_concat(buoc || ':' || tu_ngay || ':' || ifnull(den_ngay, '-'), ',') "
                "FROM (SELECT * FROM buoc_san_pham WHERE ma_san_pham = 'SP1' ORDER BY tu_ngay)"),
            "2:2019-03-01:2019-04-10,3:2019-04-10:2019-05-20,4:2019-05-20:-");
  EXPECT_THROW(db.exec("INSERT INTO lich_su_buoc VALUES ('SP2', '2019-02-30', 2)"), DatabaseError);
  EXPECT_THROW(db.exec("INSERT INTO lich_su_buoc VALUES ('SP2', '2019-02-10', 7)"), DatabaseError);
}

// Version 6 adds the month of a disbursement to du_toan's key: the rows of a
// version 5 database are kept, as the whole year's (thang 0), and a year's
// months become rows of their own.
TEST_F(DatabaseTest, Version5DatabaseUpgradesKeepingItsBudgetAsWholeYears) {
  {
    Database db = database_at_version(5);
    db.exec("INSERT INTO nguon_von VALUES ('NS-TINH', 'Ngân sách tỉnh', 1)");
    db.exec(
        "INSERT INTO du_toan VALUES ('DA01', 'Tuyên truyền', 'NS-TINH', 2019, 'du_toan', 5000000),"
        " ('DA01', 'Tuyên truyền', 'NS-TINH', 2019, 'giai_ngan', 4000000)");
  }
  Database db = Database::open_for_update(path_);
  EXPECT_EQ(migrate(db), 5);
  EXPECT_EQ(db.schema_version(), current_schema_version());
  EXPECT_EQ(
      one(db,
          "SELECT group_concat(nam || ':' || thang || ':' || loai || ':' || so_tien, ',') FROM "
          "(SELECT * FROM du_toan ORDER BY loai)"),
      "2019:0:du_toan:5000000,2019:0:giai_ngan:4000000");
  db.exec(
      "INSERT INTO du_toan (ma_du_an, ten_du_an, nguon_von, nam, thang, loai, so_tien) VALUES "
      "('DA01', 'Tuyên truyền', 'NS-TINH', 2020, 1, 'giai_ngan', 100),"
      " ('DA01', 'Tuyên truyền', 'NS-TINH', 2020, 2, 'giai_ngan', 200)");
  EXPECT_EQ(one(db, "SELECT sum(so_tien) FROM du_toan WHERE nam = 2020"), "300");
  // A month twice, a month on an estimate, a thirteenth month: refused by the schema too.
  EXPECT_THROW(
      db.exec("INSERT INTO du_toan (ma_du_an, ten_du_an, nguon_von, nam, thang, loai, "
              "so_tien) VALUES ('DA01', 'Tuyên truyền', 'NS-TINH', 2020, 2, 'giai_ngan', 1)"),
      DatabaseError);
  EXPECT_THROW(
      db.exec("INSERT INTO du_toan (ma_du_an, ten_du_an, nguon_von, nam, thang, loai, "
              "so_tien) VALUES ('DA01', 'Tuyên truyền', 'NS-TINH', 2020, 3, 'du_toan', 1)"),
      DatabaseError);
  EXPECT_THROW(
      db.exec("INSERT INTO du_toan (ma_du_an, ten_du_an, nguon_von, nam, thang, loai, "
              "so_tien) VALUES ('DA01', 'Tuyên truyền', 'NS-TINH', 2020, 13, 'giai_ngan', 1)"),
      DatabaseError);
  EXPECT_EQ(one(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'du_toan_nguon_nam'"), "1");
}

// Version 7 classifies funding sources (state budget or mobilised capital);
// the sources of an older database stay unclassified until imported again,
// and a classification outside the two is refused by the schema too.
TEST_F(DatabaseTest, Version6DatabaseUpgradesWithItsSourcesUnclassified) {
  {
    Database db = database_at_version(6);
    db.exec("INSERT INTO nguon_von VALUES ('NS-TINH', 'Ngân sách tỉnh', 1)");
  }
  Database db = Database::open_for_update(path_);
  EXPECT_EQ(migrate(db), 6);
  EXPECT_EQ(db.schema_version(), current_schema_version());
  EXPECT_EQ(one(db, "SELECT coalesce(loai, 'NULL') FROM nguon_von"), "NULL");
  db.exec("UPDATE nguon_von SET loai = 'ngan_sach'");
  db.exec("INSERT INTO nguon_von (ma, ten, loai) VALUES ('XHH', 'Vốn xã hội hóa', 'xa_hoi_hoa')");
  EXPECT_EQ(one(db, "SELECT group_concat(ma || ':' || loai, ',') FROM nguon_von"),
            "NS-TINH:ngan_sach,XHH:xa_hoi_hoa");
  EXPECT_THROW(db.exec("UPDATE nguon_von SET loai = 'ngan-sach' WHERE ma = 'XHH'"), DatabaseError);
}

// Version 8 orders the targets: an older database's rows keep the order
// they were entered in, and one entered after the upgrade without an order
// of its own comes after them.
TEST_F(DatabaseTest, Version7DatabaseUpgradesKeepingTheOrderOfItsTargets) {
  {
    Database db = database_at_version(7);
    db.exec(
        "INSERT INTO chi_tieu (ma, ten, don_vi_tinh, giai_doan, gia_tri) VALUES "
        "('B', 'Sản phẩm cấp tỉnh', 'sản phẩm', '2018-2020', 10),"
        " ('A', 'Sản phẩm cấp huyện', 'sản phẩm', '2018-2020', 30)");
  }
  Database db = Database::open_for_update(path_);
  EXPECT_EQ(migrate(db), 7);
  EXPECT_EQ(db.schema_version(), current_schema_version());
  db.exec(
      "INSERT INTO chi_tieu (ma, ten, don_vi_tinh, giai_doan, gia_tri) VALUES "
      "('C', 'Sản phẩm cấp quốc gia', 'sản phẩm', '2018-2020', 1)");
  // The order the templates read them in.
  EXPECT_EQ(
      one(db, "SELECT group_concat(ma, ',') FROM (SELECT ma FROM chi_tieu ORDER BY thu_tu, rowid)"),
      "B,A,C");
  // An order given puts a target in its place.
  db.exec("UPDATE chi_tieu SET thu_tu = CASE ma WHEN 'C' THEN 1 WHEN 'B' THEN 2 ELSE 3 END");
  EXPECT_EQ(
      one(db, "SELECT group_concat(ma, ',') FROM (SELECT ma FROM chi_tieu ORDER BY thu_tu, rowid)"),
      "C,B,A");
}

}  // namespace
}  // namespace ocopdoc::data
