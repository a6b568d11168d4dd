// A streamed query's rows are rendered once: the first pass over the table
// records their markup, and later passes (a writer measures, then places)
// parse the recording instead of running the query again.

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "data/database.h"
#include "data/schema.h"
#include "doc/table_rows.h"
#include "template/template.h"

namespace ocopdoc::tmpl {
namespace {

class StreamedRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ocopdoc-stream-" + std::to_string(::getpid()) + "-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_.emplace(data::Database::open_for_update((dir_ / "test.db").string(), true));
    data::migrate(*db_);
    // 600 rows: three chunks of the streamed section.
    db_->exec("CREATE TABLE so_dem(n INTEGER)");
    db_->exec(
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 600) "
        "INSERT INTO so_dem SELECT n FROM c");
    render("SELECT n FROM so_dem ORDER BY n", "| {{stt}} | Dòng {{n}} |\n");
  }

  // Renders a template whose streamed query `dong` is `sql`, each of its
  // rows printing `row` (Mustache lines, each ending in a newline) inside a
  // two-column table.
  void render(const std::string& sql, const std::string& row) {
    const std::string path = (dir_ / "dem.mau").string();
    std::ofstream(path) << "+++\n[truy_van.dong]\ntung_dong = true\nsql = \"" << sql
                        << "\"\n+++\n@bang cot=\"1*,3*\" canh=\"giua,trai\"\n| STT | Số |\n"
                        << "{{#dong}}\n"
                        << row << "{{/dong}}\n";
    file_ = load_template(path);
    RenderOptions options;
    options.values["ngay"] = "2019-06-30";
    result_ = render_template(file_, *db_, options);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  const doc::Table& table() const {
    for (const doc::Block& block : result_.document.blocks) {
      if (const auto* t = std::get_if<doc::Table>(&block)) return *t;
    }
    throw std::runtime_error("no table");
  }

  // The second cell of every row one pass reads, up to `limit` rows.
  std::vector<std::string> read_pass(size_t limit = SIZE_MAX) const {
    std::vector<std::string> texts;
    doc::TableRowCursor cursor(table());
    while (texts.size() < limit) {
      const doc::TableRow* row = cursor.next();
      if (row == nullptr) break;
      texts.push_back(doc::plain_text(row->cells.at(1).text));
    }
    return texts;
  }

  std::filesystem::path dir_;
  std::optional<data::Database> db_;
  TemplateFile file_;
  RenderResult result_;
};

TEST_F(StreamedRowsTest, LaterPassesReadTheFirstPassesRowsWithoutTheQuery) {
  ASSERT_TRUE(table().row_source);
  const std::vector<std::string> first = read_pass();
  ASSERT_EQ(first.size(), 601u);  // the header and 600 rows
  EXPECT_EQ(first[1], "Dòng 1");
  EXPECT_EQ(first[600], "Dòng 600");
  // Were the query run again, it would fail: its table is gone.
  db_->exec("DROP TABLE so_dem");
  EXPECT_EQ(read_pass(), first);
  EXPECT_EQ(read_pass(), first);
}

TEST_F(StreamedRowsTest, AFirstPassStoppedEarlyIsNotReplayed) {
  EXPECT_EQ(read_pass(300).size(), 300u);
  // The recording of the stopped pass is incomplete: the next pass runs the
  // query, and sees the rows as they are now.
  db_->exec("DELETE FROM so_dem WHERE n > 10");
  const std::vector<std::string> rows = read_pass();
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(rows[10], "Dòng 10");
  // That complete pass is then the one replayed.
  db_->exec("DROP TABLE so_dem");
  EXPECT_EQ(read_pass(), rows);
}

TEST_F(StreamedRowsTest, AQueryWithoutRowsIsReplayedEmpty) {
  render("SELECT n FROM so_dem WHERE n > 1000", "| {{stt}} | Dòng {{n}} |\n");
  EXPECT_EQ(read_pass(), std::vector<std::string>{"Số"});
  db_->exec("DROP TABLE so_dem");
  EXPECT_EQ(read_pass(), std::vector<std::string>{"Số"});
}

TEST_F(StreamedRowsTest, ChunksThatPrintNoRowsAreRecordedAndSkipped) {
  // A section that prints nothing for its 600 rows: three chunks of no
  // table rows, recorded, then skipped again on replay.
  render("SELECT n FROM so_dem ORDER BY n", "");
  EXPECT_EQ(read_pass(), std::vector<std::string>{"Số"});
  db_->exec("DROP TABLE so_dem");
  EXPECT_EQ(read_pass(), std::vector<std::string>{"Số"});
}

}  // namespace
}  // namespace ocopdoc::tmpl
