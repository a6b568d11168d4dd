// The ocopdoc command.
//
// Exit status (DESIGN.md): 0 success; 1 a user error (bad data, a database
// that is missing or locked: the message is on stderr); 2 a usage error.
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "batch/batch.h"
#include "cli/allocator.h"
#include "cli/summary.h"
#include "data/database.h"
#include "data/import.h"
#include "template/template.h"

namespace {

using ocopdoc::data::Database;
using ocopdoc::data::DatabaseError;
using ocopdoc::data::Statement;

constexpr int kOk = 0;
constexpr int kUserError = 1;
constexpr int kUsageError = 2;

constexpr std::string_view kVersion = "ocopdoc 0.1.0";

constexpr std::string_view kMainHelp = R"(ocopdoc — lập văn bản Chương trình OCOP từ dữ liệu

Cách dùng:
  ocopdoc init    DB               tạo mới (hoặc nâng cấp) cơ sở dữ liệu DB
  ocopdoc import  DB TỆP... [--xoa TỆP]...
                                   nhập dữ liệu từ tệp CSV (tên tệp là tên bảng) hay
                                   bảng tính .xlsx (tên trang là tên bảng); --xoa:
                                   xóa các dòng mà tệp ghi khóa
  ocopdoc summary DB               in tóm tắt dữ liệu (đơn vị, chủ thể, sản phẩm,
                                   học viên, kinh phí)
  ocopdoc render  DB MẪU -o RA [--set ten=giá_trị]...
                                   dựng một văn bản từ mẫu; định dạng theo đuôi
                                   tệp RA (.pdf, .xlsx, .txt, .markup)
  ocopdoc build   DB TỆP_CÔNG_VIỆC -o THƯ_MỤC [-j N]
                                   dựng cả bộ văn bản theo tệp công việc
  ocopdoc check   MẪU...           kiểm tra mẫu mà không dựng
  ocopdoc --version

"ocopdoc LỆNH --help" cho biết chi tiết từng lệnh.
Mã thoát: 0 thành công; 1 lỗi dữ liệu hoặc cơ sở dữ liệu; 2 sai cách dùng.
)";

constexpr std::string_view kInitHelp = R"(Cách dùng: ocopdoc init DB

Tạo cơ sở dữ liệu DB (SQLite) với lược đồ của ocopdoc, hoặc nâng cấp một cơ sở
dữ liệu cũ lên phiên bản lược đồ hiện tại. Chạy lại trên một cơ sở dữ liệu đã
cập nhật thì không làm gì.
)";

constexpr std::string_view kImportHelp =
    R"(Cách dùng: ocopdoc import DB TỆP.csv|TỆP.xlsx... [--xoa TỆP.csv|TỆP.xlsx]...

Nhập các tệp CSV (UTF-8, có dòng tiêu đề) vào DB. Tên tệp là tên bảng:
  cai_dat, don_vi, nguoi_ky, nhom_san_pham, nguon_von, chu_the, san_pham,
  danh_gia, lich_su_buoc, nhiem_vu, tien_do, chi_tieu, khoa_hoc, hoc_vien,
  du_toan
(ví dụ san_pham.csv, hoặc san_pham-nga-son.csv cho một phần của bảng).

Bảng tính .xlsx (Excel, LibreOffice; ví dụ mẫu nhập liệu huyện đã điền): mỗi
trang không ẩn là một bảng, tên trang là tên bảng, viết như trên hoặc có dấu
("Sản phẩm", "Chủ thể", "Học viên"). Dòng tên cột là dòng đầu tiên chỉ gồm tên
cột của bảng; các dòng tiêu đề, ghi chú phía trên được bỏ qua. Lỗi được chỉ
theo ô, ví dụ "mau.xlsx:Sản phẩm!G9: ...".

Tất cả các tệp được nhập trong một giao dịch, theo thứ tự phụ thuộc giữa các
bảng. Chỉ cần một lỗi là không có gì thay đổi: mọi lỗi được in dạng
"tệp:dòng:cột: thông báo". Một dòng có khóa đã có trong DB thì cập nhật dòng đó.

--xoa TỆP xóa khỏi DB các dòng mà TỆP ghi khóa (tên tệp, tên trang như trên;
tệp cần các cột khóa của bảng, ví dụ hoc_vien: ma_khoa_hoc, ho_ten, nam_sinh,
ma_don_vi; các cột khác của bảng có thể có nhưng không được đọc). Mỗi dòng phải
xóa đúng một dòng có trong DB. Việc xóa làm trước, trong cùng giao dịch với
việc nhập: xóa rồi nhập lại cùng khóa là thay dòng đó. Không xóa được một dòng
mà dòng khác còn ghi mã của nó (sản phẩm còn kết quả đánh giá, khóa học còn học
viên) trừ khi xóa cả các dòng đó.
)";

constexpr std::string_view kSummaryHelp = R"(Cách dùng: ocopdoc summary DB

In tóm tắt dữ liệu trong DB: đơn vị hành chính theo cấp, chủ thể theo loại
hình, sản phẩm theo nhóm và hạng sao, học viên theo khóa học, kinh phí theo năm
với tổng dự toán bằng chữ.
)";

constexpr std::string_view kRenderHelp =
    R"(Cách dùng: ocopdoc render DB MẪU -o RA [--format ĐỊNH_DẠNG] [--set ten=giá_trị]...

Dựng văn bản từ tệp mẫu MẪU (ví dụ templates/ke-hoach.mau) với dữ liệu trong DB
và ghi ra tệp RA. Định dạng theo đuôi của RA (hoặc --format, ví dụ
"-o /dev/stdout --format txt"):
  .txt     văn bản thuần (xem nhanh, so sánh)
  .markup  markup do phần Mustache của mẫu sinh ra, trước khi phân tích
--set ten=giá_trị đặt một tham số của mẫu (ví dụ --set ky=2019-06), hoặc ngày
của văn bản (--set ngay=2019-07-05; mặc định là hôm nay, hoặc theo
SOURCE_DATE_EPOCH). Tệp RA được ghi trọn vẹn hoặc không ghi gì.
)";

constexpr std::string_view kBuildHelp =
    R"(Cách dùng: ocopdoc build DB TỆP_CÔNG_VIỆC -o THƯ_MỤC [-j N] [--templates THƯ_MỤC_MẪU]

Dựng mọi văn bản mà TỆP_CÔNG_VIỆC (TOML, xem README) liệt kê, song song N luồng
(mặc định: số nhân CPU), vào THƯ_MỤC, kèm manifest.json (tên tệp, kích thước,
sha256, mẫu, tham số, trạng thái). Một văn bản lỗi không dừng các văn bản khác;
khi có lỗi, mã thoát là 1. Mẫu được tìm trong thư mục templates (mặc định
./templates).
)";

constexpr std::string_view kCheckHelp = R"(Cách dùng: ocopdoc check MẪU...

Kiểm tra từng tệp mẫu mà không cần dữ liệu: phần khai báo, câu SQL (chỉ được
đọc), cú pháp Mustache, partial, và mọi tên dùng trong mẫu. Không in gì và
thoát 0 khi mọi mẫu đều đúng.
)";

bool wants_help(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

int usage(std::string_view command, std::string_view problem, std::string_view help) {
  std::cerr << "ocopdoc" << (command.empty() ? "" : " ") << command << ": " << problem << "\n\n"
            << help;
  return kUsageError;
}

int fail(std::string_view command, const std::string& message) {
  std::cerr << "ocopdoc " << command << ": lỗi: " << message << '\n';
  return kUserError;
}

int command_init(const std::vector<std::string>& args) {
  if (wants_help(args)) return std::cout << kInitHelp, kOk;
  if (args.size() != 1) return usage("init", "cần đúng một tham số DB", kInitHelp);
  Database db = Database::open_for_update(args[0], /*create_if_missing=*/true);
  const int from = ocopdoc::data::migrate(db);
  const int to = ocopdoc::data::current_schema_version();
  if (from == to)
    std::cout << args[0] << ": cơ sở dữ liệu đã ở phiên bản lược đồ " << to << ".\n";
  else if (from == 0)
    std::cout << args[0] << ": đã tạo cơ sở dữ liệu, phiên bản lược đồ " << to << ".\n";
  else
    std::cout << args[0] << ": đã nâng cấp lược đồ từ phiên bản " << from << " lên " << to << ".\n";
  // Version 7 classifies funding sources; an older database's are left
  // unclassified (counted as state budget) until they are imported again.
  if (from > 0 && from < 7) {
    Statement unclassified = db.prepare("SELECT count(*) FROM nguon_von WHERE loai IS NULL");
    unclassified.step();
    if (unclassified.column_int(0) > 0) {
      std::cout << "Lưu ý: " << unclassified.column_int(0)
                << " nguồn vốn chưa phân loại ngân sách/xã hội hóa (cột loai mới của bảng "
                   "nguon_von); hãy nhập lại nguon_von.csv có cột loai.\n";
    }
  }
  return kOk;
}

int command_import(const std::vector<std::string>& args) {
  if (wants_help(args)) return std::cout << kImportHelp, kOk;
  std::vector<std::string> files, deletions;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--xoa") {
      if (i + 1 == args.size()) return usage("import", "thiếu tên tệp sau --xoa", kImportHelp);
      deletions.push_back(args[++i]);
    } else if (args[i].starts_with("-")) {
      return usage("import", "không có tùy chọn " + args[i], kImportHelp);
    } else {
      files.push_back(args[i]);
    }
  }
  if (args.empty() || args[0].starts_with("-") || files.size() + deletions.size() == 0)
    return usage("import", "cần DB và ít nhất một tệp CSV", kImportHelp);
  if (!std::filesystem::exists(args[0]))
    return fail("import", "không có cơ sở dữ liệu \"" + args[0] +
                              "\"; hãy tạo bằng \"ocopdoc init " + args[0] + "\"");
  Database db = Database::open_for_update(args[0]);
  try {
    const ocopdoc::data::ImportResult result = ocopdoc::data::import_files(db, files, deletions);
    size_t rows = 0, deleted = 0;
    for (const auto& table : result.tables) {
      rows += table.rows;
      deleted += table.deleted;
      std::cout << "  " << table.table << ": ";
      if (table.rows > 0 || table.deleted == 0)
        std::cout << table.rows << " dòng (" << table.inserted << " mới, "
                  << table.rows - table.inserted << " cập nhật)";
      if (table.deleted > 0)
        std::cout << (table.rows > 0 ? "; " : "") << "xóa " << table.deleted << " dòng";
      std::cout << '\n';
    }
    if (!deletions.empty())
      std::cout << "Đã xóa " << deleted << " dòng theo " << deletions.size() << " tệp"
                << (files.empty() ? " khỏi " + args[0] : std::string(", "));
    if (!files.empty())
      std::cout << (deletions.empty() ? "Đã nhập " : "nhập ") << rows << " dòng từ " << files.size()
                << " tệp vào " << args[0];
    std::cout << ".\n";
    return kOk;
  } catch (const ocopdoc::data::ImportFailed& failed) {
    for (const auto& diagnostic : failed.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
    std::cerr << "ocopdoc import: " << failed.diagnostics().size()
              << (failed.truncated()
                      ? "+ lỗi (chỉ in " + std::to_string(failed.diagnostics().size()) + " lỗi đầu)"
                      : " lỗi")
              << (deletions.empty() ? "; không nhập gì" : "; không nhập, không xóa gì")
              << ", cơ sở dữ liệu không thay đổi.\n";
    return kUserError;
  }
}

int command_summary(const std::vector<std::string>& args) {
  if (wants_help(args)) return std::cout << kSummaryHelp, kOk;
  if (args.size() != 1) return usage("summary", "cần đúng một tham số DB", kSummaryHelp);
  if (!std::filesystem::exists(args[0]))
    return fail("summary", "không có cơ sở dữ liệu \"" + args[0] + "\"");
  Database db = Database::open_read_only(args[0]);
  ocopdoc::cli::print_summary(db, std::cout);
  return kOk;
}

int command_render(const std::vector<std::string>& args) {
  if (wants_help(args)) return std::cout << kRenderHelp, kOk;
  std::vector<std::string> positional;
  std::string output;
  std::string format;
  ocopdoc::tmpl::RenderOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-o" || arg == "--output") {
      if (i + 1 == args.size()) return usage("render", "thiếu tên tệp sau " + arg, kRenderHelp);
      output = args[++i];
    } else if (arg == "--format" || arg == "-f") {
      if (i + 1 == args.size()) return usage("render", "thiếu định dạng sau " + arg, kRenderHelp);
      format = args[++i];
    } else if (arg == "--set" || arg.rfind("--set=", 0) == 0) {
      std::string pair = arg == "--set" ? (i + 1 < args.size() ? args[++i] : "") : arg.substr(6);
      const size_t equals = pair.find('=');
      if (equals == std::string::npos || equals == 0)
        return usage("render", "--set cần dạng ten=giá_trị, nhận được \"" + pair + "\"",
                     kRenderHelp);
      options.values[pair.substr(0, equals)] = pair.substr(equals + 1);
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage("render", "tùy chọn không có: " + arg, kRenderHelp);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) return usage("render", "cần DB và MẪU", kRenderHelp);
  if (output.empty()) return usage("render", "cần -o RA (tệp kết quả)", kRenderHelp);
  if (!std::filesystem::exists(positional[0]))
    return fail("render", "không có cơ sở dữ liệu \"" + positional[0] + "\"");
  Database db = Database::open_read_only(positional[0]);
  ocopdoc::batch::render_document(db, positional[1], options.values, output, format);
  return kOk;
}

int command_build(const std::vector<std::string>& args) {
  if (wants_help(args)) return std::cout << kBuildHelp, kOk;
  std::vector<std::string> positional;
  std::string output_dir;
  std::string templates_dir = "templates";
  ocopdoc::batch::BuildOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 == args.size()) return std::nullopt;
      return args[++i];
    };
    if (arg == "-o" || arg == "--output") {
      auto v = value();
      if (!v) return usage("build", "thiếu thư mục sau " + arg, kBuildHelp);
      output_dir = *v;
    } else if (arg == "-j" || arg == "--jobs") {
      auto v = value();
      if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos ||
          v->size() > 3)
        return usage("build", "-j cần một số luồng, ví dụ -j 4", kBuildHelp);
      options.parallel = std::stoi(*v);
    } else if (arg == "--templates") {
      auto v = value();
      if (!v) return usage("build", "thiếu thư mục sau --templates", kBuildHelp);
      templates_dir = *v;
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage("build", "tùy chọn không có: " + arg, kBuildHelp);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) return usage("build", "cần DB và TỆP_CÔNG_VIỆC", kBuildHelp);
  if (output_dir.empty()) return usage("build", "cần -o THƯ_MỤC", kBuildHelp);
  if (!std::filesystem::exists(positional[0]))
    return fail("build", "không có cơ sở dữ liệu \"" + positional[0] + "\"");
  std::vector<ocopdoc::batch::Job> jobs;
  {
    Database db = Database::open_read_only(positional[0]);
    jobs = ocopdoc::batch::read_jobs(positional[1], templates_dir, db);
  }
  options.show_progress = isatty(STDERR_FILENO) != 0;
  const auto results = ocopdoc::batch::build(positional[0], jobs, output_dir, options, std::cerr);
  size_t failed = 0;
  for (const auto& result : results) failed += result.ok ? 0 : 1;
  std::cout << "Đã dựng " << results.size() - failed << "/" << results.size() << " văn bản vào "
            << output_dir
            << " (danh mục: " << (std::filesystem::path(output_dir) / "manifest.json").string()
            << ")." << '\n';
  if (failed) {
    std::cerr << "ocopdoc build: " << failed << " văn bản lỗi (xem manifest.json).\n";
    return kUserError;
  }
  return kOk;
}

int command_check(const std::vector<std::string>& args) {
  if (wants_help(args)) return std::cout << kCheckHelp, kOk;
  if (args.empty()) return usage("check", "cần ít nhất một tệp mẫu", kCheckHelp);
  int status = kOk;
  for (const std::string& path : args) {
    try {
      ocopdoc::tmpl::check_template(ocopdoc::tmpl::load_template(path));
    } catch (const ocopdoc::tmpl::TemplateError& error) {
      std::cerr << error.what() << '\n';
      status = kUserError;
    }
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  ocopdoc::cli::tune_allocator();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage("", "thiếu lệnh", kMainHelp);
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help")
    return std::cout << kMainHelp, kOk;
  if (command == "--version") return std::cout << kVersion << '\n', kOk;
  try {
    if (command == "init") return command_init(args);
    if (command == "import") return command_import(args);
    if (command == "summary") return command_summary(args);
    if (command == "render") return command_render(args);
    if (command == "check") return command_check(args);
    if (command == "build") return command_build(args);
  } catch (const ocopdoc::batch::JobFileError& error) {
    std::cerr << error.what() << '\n';
    return kUserError;
  } catch (const ocopdoc::tmpl::TemplateError& error) {
    std::cerr << error.what() << '\n';
    return kUserError;
  } catch (const DatabaseError& error) {
    return fail(command, error.what());
  } catch (const std::exception& error) {
    return fail(command, error.what());
  }
  return usage(command, "lệnh không có: \"" + command + "\"", kMainHelp);
}
