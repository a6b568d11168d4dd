// A section whose tags stand on lines of their own leaves nothing behind when
// it is skipped, as the Mustache spec says: a row printed only for some data
// stays inside its table, whether the table is rendered whole or row by row
// (kainjow 4.1 alone would leave an empty line, which ends the table).

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

class SectionLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ocopdoc-sections-" + std::to_string(::getpid()) + "-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "partials");
    db_.emplace(data::Database::open_for_update((dir_ / "test.db").string(), true));
    data::migrate(*db_);
    // Three products; only the second has a note.
    db_->exec("CREATE TABLE thu(ma TEXT, ten TEXT, ghi_chu TEXT)");
    db_->exec(
        "INSERT INTO thu VALUES ('SP1', 'Nem chua', NULL), ('SP2', 'Chè lam', 'mới'), "
        "('SP3', 'Mắm tôm', '')");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Renders a template with the query `sp` over the three products (row by
  // row when `streamed`) and `body` after the header.
  const RenderResult& render(const std::string& body, bool streamed = false) {
    const std::string path = (dir_ / "thu.mau").string();
    std::ofstream(path) << "+++\n[truy_van.sp]\n"
                        << (streamed ? "tung_dong = true\n" : "")
                        << "sql = \"SELECT ma, ten, ghi_chu FROM thu ORDER BY ma\"\n"
                        << "[truy_van.rong]\nsql = \"SELECT ma FROM thu WHERE 0\"\n+++\n"
                        << body;
    file_ = load_template(path);
    RenderOptions options;
    options.values["ngay"] = "2019-06-30";
    result_ = render_template(file_, *db_, options);
    return result_;
  }

  void write_partial(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "partials" / (name + ".mau")) << text;
  }

  // The tables of the document, each as its rows' cells joined by " | ".
  std::vector<std::vector<std::string>> tables() const {
    std::vector<std::vector<std::string>> found;
    for (const doc::Block& block : result_.document.blocks) {
      const auto* table = std::get_if<doc::Table>(&block);
      if (table == nullptr) continue;
      std::vector<std::string> rows;
      doc::TableRowCursor cursor(*table);
      while (const doc::TableRow* row = cursor.next()) {
        std::string line;
        for (size_t i = 0; i < row->cells.size(); ++i) {
          if (i > 0) line += " | ";
          line += doc::plain_text(row->cells[i].text);
        }
        rows.push_back(line);
      }
      found.push_back(rows);
    }
    return found;
  }

  std::filesystem::path dir_;
  std::optional<data::Database> db_;
  TemplateFile file_;
  RenderResult result_;
};

const std::string kTableWithNoteRows =
    "@bang canh=\"giua,trai\"\n"
    "| Mã | Tên |\n"
    "{{#sp}}\n"
    "| {{ma}} | {{ten}} |\n"
    "{{#ghi_chu}}\n"
    "| | Ghi chú: {{ghi_chu}} |\n"
    "{{/ghi_chu}}\n"
    "{{/sp}}\n"
    "| Cộng | 3 |\n";

const std::vector<std::string> kRowsWithOneNote = {
    "Mã | Tên", "SP1 | Nem chua", "SP2 | Chè lam", " | Ghi chú: mới", "SP3 | Mắm tôm", "Cộng | 3"};

TEST_F(SectionLinesTest, ARowPrintedForSomeDataStaysInItsTable) {
  render(kTableWithNoteRows);
  EXPECT_EQ(tables(), std::vector<std::vector<std::string>>{kRowsWithOneNote});
}

TEST_F(SectionLinesTest, ARowPrintedForSomeDataStaysInAStreamedTable) {
  render(kTableWithNoteRows, /*streamed=*/true);
  ASSERT_EQ(tables(), std::vector<std::vector<std::string>>{kRowsWithOneNote});
}

TEST_F(SectionLinesTest, ASkippedInvertedSectionLeavesNothing) {
  render(
      "@bang\n| Mã | Ghi chú |\n{{#sp}}\n| {{ma}} | |\n{{^ghi_chu}}\n| | (chưa có) |\n"
      "{{/ghi_chu}}\n{{/sp}}\n");
  EXPECT_EQ(tables(),
            (std::vector<std::vector<std::string>>{
                {"Mã | Ghi chú", "SP1 | ", " | (chưa có)", "SP2 | ", "SP3 | ", " | (chưa có)"}}));
}

TEST_F(SectionLinesTest, AnEmptyListBetweenLinesLeavesNoEmptyLine) {
  // The two lines are one paragraph, as when the section is not there.
  EXPECT_EQ(render("Trước\n  {{#rong}}\n- {{ma}}\n  {{/rong}}\nSau\n").markup, "Trước\nSau\n");
}

TEST_F(SectionLinesTest, NestedSkippedSectionsLeaveNothing) {
  EXPECT_EQ(render("A\n{{#sp}}\n{{#ghi_chu}}\n{{#ten}}\n- {{ten}}\n{{/ten}}\n{{/ghi_chu}}\n"
                   "{{/sp}}\nB\n")
                .markup,
            "A\n- Chè lam\nB\n");
}

TEST_F(SectionLinesTest, ASectionSharingItsLineWithTextKeepsTheLine) {
  // Not standalone: the spec keeps the line's text and its line ending.
  EXPECT_EQ(render("{{#rong}}Có{{/rong}}\nTên: {{#rong}}có{{/rong}}\nHết\n").markup,
            "\nTên: \nHết\n");
}

TEST_F(SectionLinesTest, ARowPrintedForSomeDataInAPartialStaysInItsTable) {
  write_partial("dong-sp",
                "| {{ma}} | {{ten}} |\n{{#ghi_chu}}\n| | Ghi chú: {{ghi_chu}} |\n{{/ghi_chu}}\n");
  render("@bang\n| Mã | Tên |\n{{#sp}}\n{{> partials/dong-sp}}\n{{/sp}}\n| Cộng | 3 |\n");
  EXPECT_EQ(tables(), std::vector<std::vector<std::string>>{kRowsWithOneNote});
}

TEST_F(SectionLinesTest, ACommentOnItsOwnLineLeavesNothing) {
  render(
      "@bang canh=\"giua,trai\"\n| Mã | Tên |\n{{#sp}}\n{{! một dòng mỗi sản phẩm }}\n"
      "| {{ma}} | {{ten}} |\n{{/sp}}\n{{!\n  chú thích nhiều dòng\n}}\n| Cộng | 3 |\n");
  EXPECT_EQ(tables(),
            (std::vector<std::vector<std::string>>{
                {"Mã | Tên", "SP1 | Nem chua", "SP2 | Chè lam", "SP3 | Mắm tôm", "Cộng | 3"}}));
}

TEST_F(SectionLinesTest, APartialStartingWithACommentWritesRowsOfAStreamedTable) {
  // How the bundled partials are written: a comment saying what they are for.
  write_partial("dong-sp",
                "{{! Một dòng của bảng sản phẩm. }}\n| {{ma}} | {{ten}} |\n{{#ghi_chu}}\n"
                "| | Ghi chú: {{ghi_chu}} |\n{{/ghi_chu}}\n");
  render(
      "@bang canh=\"giua,trai\"\n| Mã | Tên |\n{{#sp}}\n{{> partials/dong-sp}}\n{{/sp}}\n"
      "| Cộng | 3 |\n",
      /*streamed=*/true);
  EXPECT_EQ(tables(), std::vector<std::vector<std::string>>{kRowsWithOneNote});
}

TEST_F(SectionLinesTest, EachTagIsJudgedOnItsOwnLine) {
  // The opening tag shares its line with text, the closing one does not:
  // the closing tag's line goes, whether the section renders or not.
  EXPECT_EQ(render("A\n{{#rong}}- {{ma}}\n{{/rong}}\nB\n").markup, "A\nB\n");
  EXPECT_EQ(render("A\n{{#sp}}- {{ma}}\n{{/sp}}\nB\n").markup, "A\n- SP1\n- SP2\n- SP3\nB\n");
}

TEST_F(SectionLinesTest, WindowsLineEndingsAndSpacesInTags) {
  EXPECT_EQ(render("A\r\n  {{# rong }}\r\n- {{ma}}\r\n\t{{/ rong }} \r\nB\r\n").markup,
            "A\r\nB\r\n");
}

TEST_F(SectionLinesTest, ASkippedSectionEndingTheTemplate) {
  EXPECT_EQ(render("A\n{{#rong}}\n- {{ma}}\n{{/rong}}").markup, "A\n");
}

TEST_F(SectionLinesTest, ALineOfSpacesFromAValueIsKept) {
  // Only tag lines go: a line whose value is empty stays (as an empty
  // paragraph separator).
  EXPECT_EQ(render("A\n{{#sp}}\n{{ghi_chu}}\n{{/sp}}\nB\n").markup, "A\n\nmới\n\nB\n");
}

TEST_F(SectionLinesTest, AMarkupErrorNamesTheTemplateLineThatWroteIt) {
  // Two tables start alike; the second, fully written out, is wrong (a rate
  // column summed).  The error names its line, the file's 10th (after a
  // header of 6 lines), not the first table's `@bang cot="{{...}}"` line.
  try {
    render(
        "@bang cot=\"{{#sp}}{{/sp}}1cm,2*\"\n| a | b |\n\n"
        "@bang cot=\"1cm,2*\" cong=2 ty-le=\"2=1/1\"\n| a | b |\n");
    FAIL() << "no error";
  } catch (const TemplateError& error) {
    EXPECT_EQ(error.line(), 10) << error.what();
    EXPECT_NE(std::string(error.what()).find("ty-le="), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace ocopdoc::tmpl
