#include "cli/summary.h"

#include <algorithm>
#include <string>
#include <vector>

#include "text/text.h"

namespace ocopdoc::cli {

namespace {

// Terminal columns of NFC Vietnamese text: one per code point (every letter
// is precomposed after normalisation), so count UTF-8 lead bytes.
size_t display_width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A plain-text table: the first column and the columns `words` marks
// left-aligned, the others (numbers) right-aligned.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 const std::vector<bool>& words = {}) {
  if (rows.empty()) return;
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line = "  ";
    for (size_t i = 0; i < rows[r].size(); ++i) {
      const std::string& cell = rows[r][i];
      std::string pad(widths[i] - display_width(cell), ' ');
      const bool left = i == 0 || (i < words.size() && words[i]);
      line += (i == 0 ? "" : "  ") + (left ? cell + pad : pad + cell);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    if (r == 0) {
      size_t total = 0;
      for (size_t w : widths) total += w + 2;
      out << "  " << std::string(total - 2, '-') << '\n';
    }
  }
}

int64_t scalar(data::Database& db, const std::string& sql) {
  data::Statement stmt = db.prepare(sql);
  stmt.step();
  return stmt.column_int(0);
}

std::string n(int64_t value) {
  return text::format_integer(value);
}

}  // namespace

void print_summary(data::Database& db, std::ostream& out) {
  out << "TÓM TẮT DỮ LIỆU CHƯƠNG TRÌNH OCOP\n";
  {
    data::Statement setting =
        db.prepare("SELECT gia_tri FROM cai_dat WHERE khoa = 'ten_chuong_trinh'");
    if (setting.step()) out << setting.column_text(0) << '\n';
  }
  out << "Cơ sở dữ liệu: " << db.path() << "\n\n";

  // Units per level, with the kinds at each level.
  out << "1. Đơn vị hành chính: " << n(scalar(db, "SELECT count(*) FROM don_vi")) << '\n';
  {
    std::vector<std::vector<std::string>> rows = {{"Cấp", "Số đơn vị", "Gồm"}};
    data::Statement levels =
        db.prepare("SELECT cap, count(*) FROM don_vi GROUP BY cap ORDER BY cap");
    while (levels.step()) {
      data::Statement kinds = db.prepare(
          "SELECT loai, count(*) FROM don_vi WHERE cap = ? GROUP BY loai "
          "ORDER BY count(*) DESC, loai COLLATE vi");
      kinds.bind(1, levels.column_int(0));
      std::string detail;
      while (kinds.step()) {
        if (!detail.empty()) detail += ", ";
        detail += kinds.column_text(0) + " " + n(kinds.column_int(1));
      }
      rows.push_back({"Cấp " + levels.column_text(0), n(levels.column_int(1)), detail});
    }
    print_table(out, rows);
    // District reports are signed by the unit's own signer (nguoi_ky): say
    // how many of the level-2 units have one, so a gap shows before 27
    // reports are printed with a blank for the name.
    const int64_t level_two = scalar(db, "SELECT count(*) FROM don_vi WHERE cap = 2");
    if (level_two > 0) {
      out << "  Người ký báo cáo (bảng nguoi_ky): "
          << n(scalar(db,
                      "SELECT count(*) FROM nguoi_ky k JOIN don_vi d ON d.ma = k.ma_don_vi "
                      "WHERE d.cap = 2"))
          << "/" << n(level_two) << " đơn vị cấp 2.\n";
    }
  }

  out << "\n2. Chủ thể kinh tế: " << n(scalar(db, "SELECT count(*) FROM chu_the")) << '\n';
  {
    static const std::pair<const char*, const char*> kTypes[] = {
        {"DN", "Doanh nghiệp"},
        {"HTX", "Hợp tác xã"},
        {"LHHTX", "Liên hiệp hợp tác xã"},
        {"THT", "Tổ hợp tác"},
        {"HO", "Hộ sản xuất có đăng ký kinh doanh"}};
    std::vector<std::vector<std::string>> rows = {{"Loại hình", "Số chủ thể"}};
    for (const auto& [code, name] : kTypes) {
      data::Statement count = db.prepare("SELECT count(*) FROM chu_the WHERE loai_hinh = ?");
      count.bind(1, code);
      count.step();
      rows.push_back({std::string(name) + " (" + code + ")", n(count.column_int(0))});
    }
    print_table(out, rows);
  }

  // A product's current rank is its most recent rating (the province's
  // decision supersedes the district's, and a re-rating supersedes both).
  out << "\n3. Sản phẩm: " << n(scalar(db, "SELECT count(*) FROM san_pham")) << '\n';
  {
    std::vector<std::vector<std::string>> rows = {
        {"Nhóm sản phẩm", "Tổng", "Chưa hạng", "1 sao", "2 sao", "3 sao", "4 sao", "5 sao"}};
    data::Statement groups = db.prepare(R"sql(
      WITH hang AS (
        SELECT sp.ma, sp.nhom,
               (SELECT dg.so_sao FROM danh_gia dg WHERE dg.ma_san_pham = sp.ma
                ORDER BY dg.ngay DESC, dg.id DESC LIMIT 1) AS so_sao
        FROM san_pham sp)
      SELECT n.ten, count(h.ma),
             sum(h.ma IS NOT NULL AND h.so_sao IS NULL),
             sum(h.so_sao = 1), sum(h.so_sao = 2), sum(h.so_sao = 3),
             sum(h.so_sao = 4), sum(h.so_sao = 5)
      FROM nhom_san_pham n LEFT JOIN hang h ON h.nhom = n.ma
      GROUP BY n.ma ORDER BY n.thu_tu, n.ten COLLATE vi)sql");
    std::vector<int64_t> totals(7, 0);
    while (groups.step()) {
      std::vector<std::string> row = {groups.column_text(0)};
      for (int i = 1; i <= 7; ++i) {
        totals[static_cast<size_t>(i - 1)] += groups.column_int(i);
        row.push_back(n(groups.column_int(i)));
      }
      rows.push_back(row);
    }
    std::vector<std::string> total_row = {"Tổng cộng"};
    for (int64_t t : totals) total_row.push_back(n(t));
    rows.push_back(total_row);
    print_table(out, rows);
    const int64_t districts = scalar(db, R"sql(
      SELECT count(DISTINCT t.ma_to_tien) FROM san_pham sp
      JOIN don_vi_to_tien t ON t.ma = sp.ma_don_vi AND t.cap_to_tien = 2)sql");
    out << "  Sản phẩm có ở " << n(districts)
        << " đơn vị hành chính cấp 2 (huyện, thị xã, thành phố).\n";
    // Reports of past months read steps from the history (lich_su_buoc); a
    // product without one counts at its step now.
    out << "  Lịch sử bước (bảng lich_su_buoc): "
        << n(scalar(db, "SELECT count(*) FROM lich_su_buoc")) << " dòng, "
        << n(scalar(db, "SELECT count(DISTINCT ma_san_pham) FROM lich_su_buoc")) << "/"
        << n(scalar(db, "SELECT count(*) FROM san_pham")) << " sản phẩm có lịch sử.\n";
  }

  out << "\n4. Đào tạo, tập huấn: " << n(scalar(db, "SELECT count(*) FROM hoc_vien"))
      << " học viên, " << n(scalar(db, "SELECT count(*) FROM khoa_hoc")) << " khóa học\n";
  {
    std::vector<std::vector<std::string>> rows = {{"Khóa học", "Thời gian", "Học viên"}};
    data::Statement courses = db.prepare(
        "SELECT k.ma, k.ten, ngay_ngan(k.tu_ngay) || ' - ' || ngay_ngan(k.den_ngay), "
        "(SELECT count(*) FROM hoc_vien h WHERE h.ma_khoa_hoc = k.ma) "
        "FROM khoa_hoc k ORDER BY k.tu_ngay, k.ma");
    while (courses.step())
      rows.push_back({courses.column_text(0), courses.column_text(2), n(courses.column_int(3))});
    print_table(out, rows);
  }

  out << "\n5. Kinh phí\n";
  {
    // How each year's disbursement was recorded (du_toan.thang): by month up
    // to the latest month, for the whole year, or not yet; the monthly
    // reports can give a month's figures only for the first.
    std::vector<std::vector<std::string>> rows = {
        {"Năm", "Dự toán (đồng)", "Giải ngân (đồng)", "Giải ngân ghi"}};
    data::Statement years = db.prepare(
        "SELECT nam, sum(CASE loai WHEN 'du_toan' THEN so_tien ELSE 0 END), "
        "sum(CASE loai WHEN 'giai_ngan' THEN so_tien ELSE 0 END), "
        "max(CASE loai WHEN 'giai_ngan' THEN thang END), "
        "coalesce(max(loai = 'giai_ngan' AND thang = 0), 0) FROM du_toan "
        "GROUP BY nam ORDER BY nam");
    while (years.step()) {
      std::string recorded = "chưa có";
      if (!years.column_is_null(3)) {
        const int64_t last_month = years.column_int(3);
        recorded =
            last_month == 0 ? "cả năm" : "theo tháng, đến tháng " + std::to_string(last_month);
        if (last_month != 0 && years.column_int(4) != 0) recorded += " (có dự án ghi cả năm)";
      }
      rows.push_back(
          {years.column_text(0), n(years.column_int(1)), n(years.column_int(2)), recorded});
    }
    print_table(out, rows, {false, false, false, true});
    data::Statement total = db.prepare(
        "SELECT coalesce(sum(so_tien), 0), tien(coalesce(sum(so_tien), 0)), "
        "bang_chu(coalesce(sum(so_tien), 0)) FROM du_toan WHERE loai = 'du_toan'");
    total.step();
    out << "  Tổng dự toán: " << total.column_text(1) << '\n';
    out << "  (Bằng chữ: " << total.column_text(2) << ".)\n";
    // The reports allot and disburse only the state budget (nguon_von.loai,
    // schema 7); a source left unclassified by an older database counts as
    // state budget until nguon_von is imported again, which is worth saying.
    data::Statement kinds = db.prepare(R"sql(
      SELECT tien(coalesce(sum(CASE WHEN coalesce(n.loai, 'ngan_sach') = 'ngan_sach'
                                    THEN d.so_tien END), 0)),
             tien(coalesce(sum(CASE WHEN n.loai = 'xa_hoi_hoa' THEN d.so_tien END), 0))
      FROM du_toan d LEFT JOIN nguon_von n ON n.ma = d.nguon_von WHERE d.loai = 'du_toan')sql");
    kinds.step();
    out << "  Trong đó: ngân sách nhà nước " << kinds.column_text(0) << "; xã hội hóa "
        << kinds.column_text(1) << ".\n";
    data::Statement unclassified = db.prepare(
        "SELECT count(*), group_concat(ma, ', ') FROM (SELECT ma FROM nguon_von "
        "WHERE loai IS NULL ORDER BY thu_tu, ma)");
    unclassified.step();
    if (unclassified.column_int(0) > 0) {
      out << "  Lưu ý: " << n(unclassified.column_int(0))
          << " nguồn vốn chưa phân loại ngân sách/xã hội hóa (" << unclassified.column_text(1)
          << "), được tính là ngân sách nhà nước; hãy nhập lại nguon_von.csv có cột loai.\n";
    }
  }
}

}  // namespace ocopdoc::cli
