#include "data/schema.h"

#include <array>

namespace ocopdoc::data {

namespace {

// ---------------------------------------------------------------------------
// SQL schema, version 1.
//
// Dates are ISO text.  `date(x, '+0 days') = x` means "a real calendar date":
// the modifier makes SQLite normalise, so '2019-02-30' becomes '2019-03-02'
// and fails the comparison (plain date('2019-02-30') returns it unchanged),
// and date('2019-13-01', ...) is NULL.
// Foreign keys are declared DEFERRABLE INITIALLY DEFERRED so that one import
// can insert a unit before its parent appears later in the same transaction;
// the importer checks references itself (with file:line) before COMMIT, and
// COMMIT checks them again.
constexpr std::string_view kVersion1[] = {
    R"sql(CREATE TABLE cai_dat (
  khoa    TEXT PRIMARY KEY NOT NULL CHECK (khoa <> ''),
  gia_tri TEXT NOT NULL
))sql",

    R"sql(CREATE TABLE don_vi (
  ma     TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten    TEXT NOT NULL CHECK (ten <> ''),
  loai   TEXT NOT NULL,
  cap    INTEGER NOT NULL CHECK (cap BETWEEN 1 AND 4),
  ma_cha TEXT REFERENCES don_vi (ma) DEFERRABLE INITIALLY DEFERRED,
  CHECK ((cap = 1) = (ma_cha IS NULL))
))sql",
    "CREATE INDEX don_vi_ma_cha ON don_vi (ma_cha)",

    // Every unit with each of its ancestors (itself included), so a report can
    // group communes by district, or by whatever level exists: since 2025 there
    // is no district level, and no query should assume three levels.
    R"sql(CREATE VIEW don_vi_to_tien (ma, ma_to_tien, cap_to_tien) AS
WITH RECURSIVE chuoi (ma, ma_to_tien, cap_to_tien, ma_cha) AS (
  SELECT ma, ma, cap, ma_cha FROM don_vi
  UNION ALL
  SELECT c.ma, d.ma, d.cap, d.ma_cha FROM chuoi c JOIN don_vi d ON d.ma = c.ma_cha
)
SELECT ma, ma_to_tien, cap_to_tien FROM chuoi)sql",

    R"sql(CREATE TABLE nhom_san_pham (
  ma     TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten    TEXT NOT NULL CHECK (ten <> ''),
  thu_tu INTEGER NOT NULL DEFAULT 0
))sql",

    R"sql(CREATE TABLE nguon_von (
  ma     TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten    TEXT NOT NULL CHECK (ten <> ''),
  thu_tu INTEGER NOT NULL DEFAULT 0
))sql",

    R"sql(CREATE TABLE chu_the (
  ma             TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten            TEXT NOT NULL CHECK (ten <> ''),
  loai_hinh      TEXT NOT NULL CHECK (loai_hinh IN ('DN', 'HTX', 'LHHTX', 'THT', 'HO')),
  ma_don_vi      TEXT NOT NULL REFERENCES don_vi (ma) DEFERRABLE INITIALLY DEFERRED,
  nguoi_dai_dien TEXT,
  dien_thoai     TEXT
))sql",
    "CREATE INDEX chu_the_don_vi ON chu_the (ma_don_vi)",

    R"sql(CREATE TABLE san_pham (
  ma           TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten          TEXT NOT NULL CHECK (ten <> ''),
  nhom         TEXT NOT NULL REFERENCES nhom_san_pham (ma) DEFERRABLE INITIALLY DEFERRED,
  phan_nhom    TEXT,
  ma_chu_the   TEXT NOT NULL REFERENCES chu_the (ma) DEFERRABLE INITIALLY DEFERRED,
  ma_don_vi    TEXT NOT NULL REFERENCES don_vi (ma) DEFERRABLE INITIALLY DEFERRED,
  buoc         INTEGER NOT NULL CHECK (buoc BETWEEN 1 AND 6),
  ngay_dang_ky TEXT CHECK (ngay_dang_ky IS NULL OR date(ngay_dang_ky, '+0 days') = ngay_dang_ky)
))sql",
    "CREATE INDEX san_pham_don_vi ON san_pham (ma_don_vi)",
    "CREATE INDEX san_pham_nhom ON san_pham (nhom)",
    "CREATE INDEX san_pham_chu_the ON san_pham (ma_chu_the)",

    // Scores are stored by part (A, B, C), never only as a sum: the maxima of
    // the parts changed in 2023 (148/QĐ-TTg), and reports show the parts.
    R"sql(CREATE TABLE danh_gia (
  id            INTEGER PRIMARY KEY,
  ma_san_pham   TEXT NOT NULL REFERENCES san_pham (ma) DEFERRABLE INITIALLY DEFERRED,
  cap           TEXT NOT NULL CHECK (cap IN ('huyen', 'tinh', 'trung_uong')),
  ngay          TEXT NOT NULL CHECK (date(ngay, '+0 days') = ngay),
  bo_tieu_chi   TEXT NOT NULL CHECK (bo_tieu_chi IN ('1048/QĐ-TTg', '148/QĐ-TTg')),
  diem_a        INTEGER NOT NULL,
  diem_b        INTEGER NOT NULL CHECK (diem_b BETWEEN 0 AND 25),
  diem_c        INTEGER NOT NULL,
  tong_diem     INTEGER GENERATED ALWAYS AS (diem_a + diem_b + diem_c) VIRTUAL,
  so_sao        INTEGER NOT NULL CHECK (so_sao = CASE
                  WHEN diem_a + diem_b + diem_c >= 90 THEN 5
                  WHEN diem_a + diem_b + diem_c >= 70 THEN 4
                  WHEN diem_a + diem_b + diem_c >= 50 THEN 3
                  WHEN diem_a + diem_b + diem_c >= 30 THEN 2
                  ELSE 1 END),
  so_quyet_dinh TEXT,
  hieu_luc_den  TEXT NOT NULL CHECK (date(hieu_luc_den, '+0 days') = hieu_luc_den AND hieu_luc_den > ngay),
  CHECK (CASE bo_tieu_chi
           WHEN '1048/QĐ-TTg' THEN diem_a BETWEEN 0 AND 35 AND diem_c BETWEEN 0 AND 40
           ELSE diem_a BETWEEN 0 AND 40 AND diem_c BETWEEN 0 AND 35 END),
  UNIQUE (ma_san_pham, cap, ngay)
))sql",
    "CREATE INDEX danh_gia_ngay ON danh_gia (ngay)",
    "CREATE INDEX danh_gia_hieu_luc ON danh_gia (hieu_luc_den)",

    R"sql(CREATE TABLE nhiem_vu (
  ma              TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ma_cha          TEXT REFERENCES nhiem_vu (ma) DEFERRABLE INITIALLY DEFERRED,
  ten             TEXT NOT NULL CHECK (ten <> ''),
  thoi_gian       TEXT,
  bat_dau         TEXT NOT NULL CHECK (date(bat_dau, '+0 days') = bat_dau),
  ket_thuc        TEXT NOT NULL CHECK (date(ket_thuc, '+0 days') = ket_thuc AND ket_thuc >= bat_dau),
  don_vi_chu_tri  TEXT,
  don_vi_phoi_hop TEXT,
  doi_tuong       TEXT,
  noi_dung        TEXT,
  thu_tu          INTEGER NOT NULL DEFAULT 0,
  CHECK (ma_cha IS NULL OR ma_cha <> ma)
))sql",
    "CREATE INDEX nhiem_vu_ma_cha ON nhiem_vu (ma_cha)",

    R"sql(CREATE TABLE tien_do (
  ma_nhiem_vu TEXT NOT NULL REFERENCES nhiem_vu (ma) DEFERRABLE INITIALLY DEFERRED,
  ky          TEXT NOT NULL CHECK (date(ky || '-01', '+0 days') = ky || '-01'),
  trang_thai  TEXT NOT NULL
              CHECK (trang_thai IN ('chua_bat_dau', 'dang_thuc_hien', 'hoan_thanh', 'tam_dung')),
  ket_qua     TEXT,
  PRIMARY KEY (ma_nhiem_vu, ky)
))sql",
    "CREATE INDEX tien_do_ky ON tien_do (ky)",

    R"sql(CREATE TABLE chi_tieu (
  ma             TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten            TEXT NOT NULL CHECK (ten <> ''),
  don_vi_tinh    TEXT NOT NULL,
  giai_doan      TEXT NOT NULL,
  gia_tri        REAL NOT NULL CHECK (gia_tri >= 0),
  gia_tri_toi_da REAL CHECK (gia_tri_toi_da IS NULL OR gia_tri_toi_da >= gia_tri)
))sql",

    R"sql(CREATE TABLE khoa_hoc (
  ma             TEXT PRIMARY KEY NOT NULL CHECK (ma <> ''),
  ten            TEXT NOT NULL CHECK (ten <> ''),
  doi_tuong      TEXT,
  dia_diem       TEXT,
  tu_ngay        TEXT NOT NULL CHECK (date(tu_ngay, '+0 days') = tu_ngay),
  den_ngay       TEXT NOT NULL CHECK (date(den_ngay, '+0 days') = den_ngay AND den_ngay >= tu_ngay),
  don_vi_to_chuc TEXT
))sql",

    R"sql(CREATE TABLE hoc_vien (
  id              INTEGER PRIMARY KEY,
  ma_khoa_hoc     TEXT NOT NULL REFERENCES khoa_hoc (ma) DEFERRABLE INITIALLY DEFERRED,
  ho_ten          TEXT NOT NULL CHECK (ho_ten <> ''),
  nam_sinh        INTEGER NOT NULL CHECK (nam_sinh BETWEEN 1900 AND 2100),
  gioi_tinh       TEXT NOT NULL CHECK (gioi_tinh IN ('Nam', 'Nữ')),
  chuc_vu         TEXT,
  don_vi_cong_tac TEXT,
  ma_don_vi       TEXT NOT NULL REFERENCES don_vi (ma) DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (ma_khoa_hoc, ho_ten, nam_sinh, ma_don_vi)
))sql",

    R"sql(CREATE TABLE du_toan (
  ma_du_an   TEXT NOT NULL CHECK (ma_du_an <> ''),
  ten_du_an  TEXT NOT NULL CHECK (ten_du_an <> ''),
  nguon_von  TEXT NOT NULL REFERENCES nguon_von (ma) DEFERRABLE INITIALLY DEFERRED,
  nam        INTEGER NOT NULL CHECK (nam BETWEEN 2000 AND 2100),
  loai       TEXT NOT NULL CHECK (loai IN ('du_toan', 'giai_ngan')),
  so_tien    INTEGER NOT NULL CHECK (so_tien >= 0),
  PRIMARY KEY (ma_du_an, nguon_von, nam, loai)
))sql",
    "CREATE INDEX du_toan_nguon_nam ON du_toan (nguon_von, nam)",
};

// ---------------------------------------------------------------------------
// Schema version 2: the order and labels of a task's items.
//
// The plan does not print every task the same way: the seed puts "Nội dung"
// before "Đơn vị thực hiện" for some tasks, the time last for 3.1, and calls
// the target group "Đối tượng đào tạo" for 5.3.  `thu_tu_y` records this per
// task as data, "thoi_gian,noi_dung,doi_tuong=Đối tượng đào tạo" (the
// importer checks and normalises it, see normalize_task_items), and the view
// nhiem_vu_y gives each task's items in print order, so a template needs no
// task numbers.  Items the list leaves out follow in the usual order.
constexpr std::string_view kVersion2[] = {
    "ALTER TABLE nhiem_vu ADD COLUMN thu_tu_y TEXT",

    // `thu_tu` is the position in thu_tu_y (1, 2, ...), or 100 + the usual
    // position for an item thu_tu_y does not name; `nhan` is the label given
    // in thu_tu_y, NULL for the template's own.  Empty items are left out.
    R"sql(CREATE VIEW nhiem_vu_y (ma_nhiem_vu, thu_tu, y, nhan, gia_tri) AS
WITH RECURSIVE
  tach (ma, so, muc, con_lai) AS (
    SELECT ma, 0, NULL, thu_tu_y || ',' FROM nhiem_vu WHERE thu_tu_y <> ''
    UNION ALL
    SELECT ma, so + 1, substr(con_lai, 1, instr(con_lai, ',') - 1),
           substr(con_lai, instr(con_lai, ',') + 1)
    FROM tach WHERE con_lai <> ''
  ),
  muc (ma, so, y, nhan) AS (
    SELECT ma, so,
           CASE WHEN instr(muc, '=') > 0 THEN substr(muc, 1, instr(muc, '=') - 1) ELSE muc END,
           CASE WHEN instr(muc, '=') > 0 THEN substr(muc, instr(muc, '=') + 1) END
    FROM tach WHERE so > 0
  ),
  cac_y (y, mac_dinh) AS (
    VALUES ('thoi_gian', 1), ('don_vi_chu_tri', 2), ('don_vi_phoi_hop', 3), ('doi_tuong', 4),
           ('noi_dung', 5)
  ),
  gia_tri (ma, thu_tu, y, nhan, gia_tri) AS (
    SELECT n.ma, coalesce(m.so, 100 + c.mac_dinh), c.y, m.nhan,
           CASE c.y WHEN 'thoi_gian' THEN n.thoi_gian
                    WHEN 'don_vi_chu_tri' THEN n.don_vi_chu_tri
                    WHEN 'don_vi_phoi_hop' THEN n.don_vi_phoi_hop
                    WHEN 'doi_tuong' THEN n.doi_tuong
                    ELSE n.noi_dung END
    FROM nhiem_vu n CROSS JOIN cac_y c LEFT JOIN muc m ON m.ma = n.ma AND m.y = c.y
  )
SELECT ma, thu_tu, y, nhan, gia_tri FROM gia_tri WHERE gia_tri <> '')sql",
};

// ---------------------------------------------------------------------------
// Schema version 3: when each product reached each step of the OCOP cycle.
//
// san_pham.buoc is the step a product is at now.  A report for a past period
// (the June report rendered in December) needs the step it was at then, so
// lich_su_buoc records the date a product reached a step: one row per change,
// a step may be reached again after a step back (a plan sent back for
// revision).  The importer keeps the two in agreement: a product's latest
// row here is its san_pham.buoc (Importer::check_cross_rows).
//
// The view buoc_san_pham gives every product's steps as intervals, so a
// template asks "the step at date D" as tu_ngay <= D < den_ngay without
// window functions of its own:
//   - a product with history: one interval per row, from its date to the
//     next row's date (NULL: still at that step); before its first row it is
//     in no step at all (version 5: at step 2 from its registration date);
//   - a product without history: its san_pham.buoc from its registration
//     date (NULL: since always), as reports counted before version 3.
constexpr std::string_view kVersion3[] = {
    R"sql(CREATE TABLE lich_su_buoc (
  ma_san_pham TEXT NOT NULL REFERENCES san_pham (ma) DEFERRABLE INITIALLY DEFERRED,
  ngay        TEXT NOT NULL CHECK (date(ngay, '+0 days') = ngay),
  buoc        INTEGER NOT NULL CHECK (buoc BETWEEN 1 AND 6),
  PRIMARY KEY (ma_san_pham, ngay)
))sql",
    "CREATE INDEX lich_su_buoc_ngay ON lich_su_buoc (ngay)",

    R"sql(CREATE VIEW buoc_san_pham (ma_san_pham, buoc, tu_ngay, den_ngay) AS
SELECT ma_san_pham, buoc, ngay,
       lead(ngay) OVER (PARTITION BY ma_san_pham ORDER BY ngay)
FROM lich_su_buoc
UNION ALL
SELECT s.ma, s.buoc, s.ngay_dang_ky, NULL FROM san_pham s
WHERE NOT EXISTS (SELECT 1 FROM lich_su_buoc l WHERE l.ma_san_pham = s.ma))sql",
};

// ---------------------------------------------------------------------------
// Schema version 4: who signs a unit's documents.
//
// The province's signers are settings (cai_dat: nguoi_ky, chuc_vu_ky); a
// district's report is signed by its own People's Committee, 27 people who
// are data, not settings.  One row per unit: the person who signs its
// reports, with the title printed under "TM. ỦY BAN NHÂN DÂN"; a deputy
// signing for the head has `ky_thay`, the head's title ("Chủ tịch"), printed
// "KT. CHỦ TỊCH" above the deputy's own (ND 30, Phụ lục I).
constexpr std::string_view kVersion4[] = {
    R"sql(CREATE TABLE nguoi_ky (
  ma_don_vi TEXT PRIMARY KEY NOT NULL REFERENCES don_vi (ma) DEFERRABLE INITIALLY DEFERRED,
  ho_ten    TEXT NOT NULL CHECK (ho_ten <> ''),
  chuc_vu   TEXT NOT NULL CHECK (chuc_vu <> ''),
  ky_thay   TEXT
))sql",
};

// ---------------------------------------------------------------------------
// Schema version 5: a product registered before its first history row.
//
// Version 3's view left such a product in no step at all until that row, so
// a clerk who recorded only a product's latest move (the data-entry sheet
// asks for a row at each move, not for the whole past) took it out of every
// earlier report's step table while the report's text still counted it.
// Registering is step 2 of the cycle ("Nhận đăng ký ý tưởng sản phẩm"), so
// from its registration date to its first row the product is at step 2.
constexpr std::string_view kVersion5[] = {
    "DROP VIEW buoc_san_pham",
    R"sql(CREATE VIEW buoc_san_pham (ma_san_pham, buoc, tu_ngay, den_ngay) AS
SELECT ma_san_pham, buoc, ngay,
       lead(ngay) OVER (PARTITION BY ma_san_pham ORDER BY ngay)
FROM lich_su_buoc
UNION ALL
SELECT s.ma, 2, s.ngay_dang_ky, dau.ngay
FROM san_pham s
JOIN (SELECT ma_san_pham, min(ngay) AS ngay FROM lich_su_buoc GROUP BY ma_san_pham) dau
  ON dau.ma_san_pham = s.ma
WHERE s.ngay_dang_ky < dau.ngay
UNION ALL
SELECT s.ma, s.buoc, s.ngay_dang_ky, NULL FROM san_pham s
WHERE NOT EXISTS (SELECT 1 FROM lich_su_buoc l WHERE l.ma_san_pham = s.ma))sql",
};

// ---------------------------------------------------------------------------
// Schema version 6: disbursement by month.
//
// A monthly report to the Provincial People's Committee states how much of
// the year's estimate has been disbursed so far.  Version 1 held disbursement
// by year only, so a June report could say nothing of it.  `thang` is the
// month (1-12) a disbursement row counts for; 0 is the year as a whole (a
// row entered without a month, as every row before this version).  The month
// joins the key, so a project's source has up to twelve disbursement rows a
// year.  An estimate (loai = du_toan) is given for a year, so only a
// disbursement row has a month; and one project's source is disbursed either
// by month or for the year in one row, never both in one year (the importer
// says so at the line concerned, Importer::check_budget_months).
//
// SQLite cannot change a primary key in place: the table is built anew and
// the rows copied (no view or trigger names du_toan).
constexpr std::string_view kVersion6[] = {
    R"sql(CREATE TABLE du_toan_moi (
  ma_du_an   TEXT NOT NULL CHECK (ma_du_an <> ''),
  ten_du_an  TEXT NOT NULL CHECK (ten_du_an <> ''),
  nguon_von  TEXT NOT NULL REFERENCES nguon_von (ma) DEFERRABLE INITIALLY DEFERRED,
  nam        INTEGER NOT NULL CHECK (nam BETWEEN 2000 AND 2100),
  thang      INTEGER NOT NULL DEFAULT 0 CHECK (thang BETWEEN 0 AND 12),
  loai       TEXT NOT NULL CHECK (loai IN ('du_toan', 'giai_ngan')),
  so_tien    INTEGER NOT NULL CHECK (so_tien >= 0),
  PRIMARY KEY (ma_du_an, nguon_von, nam, loai, thang),
  CHECK (thang = 0 OR loai = 'giai_ngan')
))sql",
    R"sql(INSERT INTO du_toan_moi (ma_du_an, ten_du_an, nguon_von, nam, thang, loai, so_tien)
SELECT ma_du_an, ten_du_an, nguon_von, nam, 0, loai, so_tien FROM du_toan)sql",
    "DROP TABLE du_toan",
    "ALTER TABLE du_toan_moi RENAME TO du_toan",
    "CREATE INDEX du_toan_nguon_nam ON du_toan (nguon_von, nam)",
};

// ---------------------------------------------------------------------------
// Schema version 7: state budget or mobilised capital.
//
// The plan names two kinds of funding source (Kế hoạch, "III. Kinh phí thực
// hiện"): the state budget, which the province's offices are allotted
// ("được giao") and disburse ("giải ngân"), and capital mobilised from
// businesses, cooperatives, households, banks, funds and donors ("nguồn xã
// hội hóa"), which nobody allots: it is mobilised and spent by its owners.
// A report that says "dự toán được giao 31,7 tỷ đồng" of both is wrong by
// the second, so each source says which it is.  The importer requires the
// column; a database migrated from version 6 keeps its sources unclassified
// (NULL) until nguon_von is imported again, and the templates count such a
// source as state budget, as every report did before.
constexpr std::string_view kVersion7[] = {
    "ALTER TABLE nguon_von ADD COLUMN loai TEXT CHECK (loai IN ('ngan_sach', 'xa_hoi_hoa'))",
};

// ---------------------------------------------------------------------------
// Schema version 8: the order of the targets.
//
// The Đề án lists its targets in an order of its own (national products,
// provincial, district, then models, training ...), and the reports follow
// it.  Until this version that order was the order of the rows in the
// table, which a row deleted and imported again loses.  `thu_tu` says it, as
// in nhom_san_pham, nguon_von and nhiem_vu; rows with the same thu_tu (0
// when the column is left out) keep the order they were entered in.  The
// rows of an older database all get 0, so they keep their order, and a
// target imported later without thu_tu still comes after them.
constexpr std::string_view kVersion8[] = {
    "ALTER TABLE chi_tieu ADD COLUMN thu_tu INTEGER NOT NULL DEFAULT 0",
};

// The item names of thu_tu_y, in their usual order (the view's cac_y).
constexpr std::string_view kTaskItems[] = {"thoi_gian", "don_vi_chu_tri", "don_vi_phoi_hop",
                                           "doi_tuong", "noi_dung"};

// ---------------------------------------------------------------------------
// The import contract.  Labels are what a Vietnamese officer reads in a message.

constexpr std::string_view kSubjectTypes[] = {"DN", "HTX", "LHHTX", "THT", "HO"};
constexpr std::string_view kRatingLevels[] = {"huyen", "tinh", "trung_uong"};
constexpr std::string_view kTaskStates[] = {"chua_bat_dau", "dang_thuc_hien", "hoan_thanh",
                                            "tam_dung"};
constexpr std::string_view kSexes[] = {"Nam", "Nữ"};
constexpr std::string_view kBudgetKinds[] = {"du_toan", "giai_ngan"};
constexpr std::string_view kSourceKinds[] = {"ngan_sach", "xa_hoi_hoa"};

using K = ValueKind;
constexpr int64_t kMaxMoney = 999'999'999'999'999;  // what amount_in_words can say

constexpr ColumnSpec kCaiDat[] = {
    {"khoa", K::kCode, true, "khóa"},
    {"gia_tri", K::kText, true, "giá trị"},
};
constexpr std::string_view kCaiDatKey[] = {"khoa"};

constexpr ColumnSpec kDonVi[] = {
    {"ma", K::kCode, true, "mã đơn vị"},
    {"ten", K::kText, true, "tên đơn vị"},
    {"loai", K::kText, true, "loại đơn vị"},
    {"cap", K::kInteger, true, "cấp", 1, 4},
    {"ma_cha", K::kCode, false, "mã đơn vị cấp trên", 0, 0, {}, "don_vi.ma"},
};
constexpr std::string_view kMaKey[] = {"ma"};

constexpr ColumnSpec kNguoiKy[] = {
    {"ma_don_vi", K::kCode, true, "mã đơn vị", 0, 0, {}, "don_vi.ma"},
    {"ho_ten", K::kText, true, "họ và tên người ký"},
    {"chuc_vu", K::kText, true, "chức vụ người ký"},
    {"ky_thay", K::kText, false, "ký thay (chức vụ người đứng đầu)"},
};
constexpr std::string_view kNguoiKyKey[] = {"ma_don_vi"};

constexpr ColumnSpec kNhomSanPham[] = {
    {"ma", K::kCode, true, "mã nhóm"},
    {"ten", K::kText, true, "tên nhóm"},
    {"thu_tu", K::kInteger, false, "thứ tự", 0, 1000, {}, {}, true},
};

constexpr ColumnSpec kNguonVon[] = {
    {"ma", K::kCode, true, "mã nguồn vốn"},
    {"ten", K::kText, true, "tên nguồn vốn"},
    {"loai", K::kChoice, true, "loại nguồn vốn (ngân sách/xã hội hóa)", 0, 0, kSourceKinds},
    {"thu_tu", K::kInteger, false, "thứ tự", 0, 1000, {}, {}, true},
};

constexpr ColumnSpec kChuThe[] = {
    {"ma", K::kCode, true, "mã chủ thể"},
    {"ten", K::kText, true, "tên chủ thể"},
    {"loai_hinh", K::kChoice, true, "loại hình", 0, 0, kSubjectTypes},
    {"ma_don_vi", K::kCode, true, "mã đơn vị", 0, 0, {}, "don_vi.ma"},
    {"nguoi_dai_dien", K::kText, false, "người đại diện"},
    {"dien_thoai", K::kText, false, "điện thoại"},
};

constexpr ColumnSpec kSanPham[] = {
    {"ma", K::kCode, true, "mã sản phẩm"},
    {"ten", K::kText, true, "tên sản phẩm"},
    {"nhom", K::kCode, true, "nhóm sản phẩm", 0, 0, {}, "nhom_san_pham.ma"},
    {"phan_nhom", K::kText, false, "phân nhóm"},
    {"ma_chu_the", K::kCode, true, "mã chủ thể", 0, 0, {}, "chu_the.ma"},
    {"ma_don_vi", K::kCode, true, "mã đơn vị", 0, 0, {}, "don_vi.ma"},
    {"buoc", K::kInteger, true, "bước chu trình OCOP", 1, 6},
    {"ngay_dang_ky", K::kDate, false, "ngày đăng ký"},
};

constexpr ColumnSpec kDanhGia[] = {
    {"ma_san_pham", K::kCode, true, "mã sản phẩm", 0, 0, {}, "san_pham.ma"},
    {"cap", K::kChoice, true, "cấp đánh giá", 0, 0, kRatingLevels},
    {"ngay", K::kDate, true, "ngày đánh giá"},
    {"diem_a", K::kInteger, true, "điểm phần A", 0, 40},
    {"diem_b", K::kInteger, true, "điểm phần B", 0, 25},
    {"diem_c", K::kInteger, true, "điểm phần C", 0, 40},
    {"so_sao", K::kInteger, true, "số sao", 1, 5},
    {"so_quyet_dinh", K::kText, false, "số quyết định"},
    {"hieu_luc_den", K::kDate, false, "hiệu lực đến"},
};
constexpr std::string_view kDanhGiaKey[] = {"ma_san_pham", "cap", "ngay"};

constexpr ColumnSpec kLichSuBuoc[] = {
    {"ma_san_pham", K::kCode, true, "mã sản phẩm", 0, 0, {}, "san_pham.ma"},
    {"ngay", K::kDate, true, "ngày đạt bước"},
    {"buoc", K::kInteger, true, "bước chu trình OCOP", 1, 6},
};
constexpr std::string_view kLichSuBuocKey[] = {"ma_san_pham", "ngay"};

constexpr ColumnSpec kNhiemVu[] = {
    {"ma", K::kCode, true, "mã nhiệm vụ"},
    {"ma_cha", K::kCode, false, "mã nhiệm vụ cha", 0, 0, {}, "nhiem_vu.ma"},
    {"ten", K::kText, true, "tên nhiệm vụ"},
    {"thoi_gian", K::kText, false, "thời gian"},
    {"bat_dau", K::kDate, true, "ngày bắt đầu"},
    {"ket_thuc", K::kDate, true, "ngày kết thúc"},
    {"don_vi_chu_tri", K::kText, false, "đơn vị chủ trì"},
    {"don_vi_phoi_hop", K::kText, false, "đơn vị phối hợp"},
    {"doi_tuong", K::kText, false, "đối tượng"},
    {"noi_dung", K::kLongText, false, "nội dung"},
    {"thu_tu", K::kInteger, false, "thứ tự", 0, 100000, {}, {}, true},
    {"thu_tu_y", K::kText, false, "thứ tự các ý"},
};

constexpr ColumnSpec kTienDo[] = {
    {"ma_nhiem_vu", K::kCode, true, "mã nhiệm vụ", 0, 0, {}, "nhiem_vu.ma"},
    {"ky", K::kPeriod, true, "kỳ báo cáo"},
    {"trang_thai", K::kChoice, true, "trạng thái", 0, 0, kTaskStates},
    {"ket_qua", K::kLongText, false, "kết quả"},
};
constexpr std::string_view kTienDoKey[] = {"ma_nhiem_vu", "ky"};

constexpr ColumnSpec kChiTieu[] = {
    {"ma", K::kCode, true, "mã chỉ tiêu"},
    {"ten", K::kText, true, "tên chỉ tiêu"},
    {"don_vi_tinh", K::kText, true, "đơn vị tính"},
    {"giai_doan", K::kText, true, "giai đoạn"},
    {"gia_tri", K::kReal, true, "giá trị", 0, 1'000'000'000},
    {"gia_tri_toi_da", K::kReal, false, "giá trị tối đa", 0, 1'000'000'000},
    {"thu_tu", K::kInteger, false, "thứ tự", 0, 100000, {}, {}, true},
};

constexpr ColumnSpec kKhoaHoc[] = {
    {"ma", K::kCode, true, "mã khóa học"},
    {"ten", K::kText, true, "tên khóa học"},
    {"doi_tuong", K::kText, false, "đối tượng"},
    {"dia_diem", K::kText, false, "địa điểm"},
    {"tu_ngay", K::kDate, true, "từ ngày"},
    {"den_ngay", K::kDate, true, "đến ngày"},
    {"don_vi_to_chuc", K::kText, false, "đơn vị tổ chức"},
};

constexpr ColumnSpec kHocVien[] = {
    {"ma_khoa_hoc", K::kCode, true, "mã khóa học", 0, 0, {}, "khoa_hoc.ma"},
    {"ho_ten", K::kText, true, "họ và tên"},
    {"nam_sinh", K::kInteger, true, "năm sinh", 1900, 2100},
    {"gioi_tinh", K::kChoice, true, "giới tính", 0, 0, kSexes},
    {"chuc_vu", K::kText, false, "chức vụ"},
    {"don_vi_cong_tac", K::kText, false, "đơn vị công tác"},
    {"ma_don_vi", K::kCode, true, "mã đơn vị (địa phương)", 0, 0, {}, "don_vi.ma"},
};
constexpr std::string_view kHocVienKey[] = {"ma_khoa_hoc", "ho_ten", "nam_sinh", "ma_don_vi"};

constexpr ColumnSpec kDuToan[] = {
    {"ma_du_an", K::kCode, true, "mã dự án"},
    {"ten_du_an", K::kText, true, "tên dự án"},
    {"nguon_von", K::kCode, true, "nguồn vốn", 0, 0, {}, "nguon_von.ma"},
    {"nam", K::kInteger, true, "năm", 2000, 2100},
    {"thang",
     K::kInteger,
     false,
     "tháng giải ngân",
     1,
     12,
     {},
     {},
     true,
     "giải ngân ghi chung cho cả năm"},
    {"loai", K::kChoice, true, "loại (dự toán/giải ngân)", 0, 0, kBudgetKinds},
    {"so_tien", K::kInteger, true, "số tiền", 0, kMaxMoney},
};
constexpr std::string_view kDuToanKey[] = {"ma_du_an", "nguon_von", "nam", "loai", "thang"};

constexpr TableSpec kTables[] = {
    {"cai_dat", "cài đặt", kCaiDat, kCaiDatKey},
    {"don_vi", "đơn vị hành chính", kDonVi, kMaKey},
    {"nguoi_ky", "người ký", kNguoiKy, kNguoiKyKey},
    {"nhom_san_pham", "nhóm sản phẩm", kNhomSanPham, kMaKey},
    {"nguon_von", "nguồn vốn", kNguonVon, kMaKey},
    {"chu_the", "chủ thể", kChuThe, kMaKey},
    {"san_pham", "sản phẩm", kSanPham, kMaKey},
    {"danh_gia", "đánh giá, phân hạng", kDanhGia, kDanhGiaKey},
    {"lich_su_buoc", "lịch sử bước chu trình", kLichSuBuoc, kLichSuBuocKey},
    {"nhiem_vu", "nhiệm vụ", kNhiemVu, kMaKey},
    {"tien_do", "tiến độ", kTienDo, kTienDoKey},
    {"chi_tieu", "chỉ tiêu", kChiTieu, kMaKey},
    {"khoa_hoc", "khóa học", kKhoaHoc, kMaKey},
    {"hoc_vien", "học viên", kHocVien, kHocVienKey},
    {"du_toan", "dự toán", kDuToan, kDuToanKey},
};

}  // namespace

std::span<const TableSpec> importable_tables() {
  return kTables;
}

const TableSpec* find_table(std::string_view name) {
  for (const TableSpec& table : kTables) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

std::span<const std::string_view> migration_steps(int version) {
  if (version == 1) return kVersion1;
  if (version == 2) return kVersion2;
  if (version == 3) return kVersion3;
  if (version == 4) return kVersion4;
  if (version == 5) return kVersion5;
  if (version == 6) return kVersion6;
  if (version == 7) return kVersion7;
  if (version == 8) return kVersion8;
  return {};
}

std::span<const std::string_view> task_items() {
  return kTaskItems;
}

int stars_for_score(int score) {
  if (score >= 90) return 5;
  if (score >= 70) return 4;
  if (score >= 50) return 3;
  if (score >= 30) return 2;
  return 1;
}

CriteriaMaxima criteria_for_date(std::string_view iso_date) {
  // ISO dates compare correctly as strings.
  if (iso_date >= std::string_view("2023-02-24")) return {"148/QĐ-TTg", 40, 25, 35};
  return {"1048/QĐ-TTg", 35, 25, 40};
}

}  // namespace ocopdoc::data
