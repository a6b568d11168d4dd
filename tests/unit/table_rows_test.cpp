// Streamed tables: a row source read through TableRowCursor, chunk by chunk,
// gives the same rows, sums and checks as the same table held whole.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "doc/markup.h"
#include "doc/table_rows.h"
#include "doc/table_sums.h"

namespace ocopdoc::doc {
namespace {

// Serves fixed markup row lines in chunks of `chunk` lines, through the same
// parser the template stage uses; counts the passes opened.
class FakeRowSource : public RowSource {
 public:
  FakeRowSource(std::vector<std::string> lines, size_t chunk)
      : lines_(std::move(lines)), chunk_(chunk) {}

  std::unique_ptr<Pass> open(const Table& table) const override {
    ++passes_;
    return std::make_unique<FakePass>(*this, table);
  }
  int passes() const { return passes_; }

 private:
  class FakePass : public Pass {
   public:
    FakePass(const FakeRowSource& source, const Table& table) : source_(source), table_(table) {}
    bool next_chunk(std::vector<TableRow>& rows) override {
      if (next_ >= source_.lines_.size()) return false;
      std::string markup;
      for (size_t n = 0; n < source_.chunk_ && next_ < source_.lines_.size(); ++n) {
        markup += source_.lines_[next_++] + "\n";
      }
      rows = parse_streamed_rows(markup, table_, 99);
      return true;
    }

   private:
    const FakeRowSource& source_;
    const Table& table_;
    size_t next_ = 0;
  };

  std::vector<std::string> lines_;
  size_t chunk_;
  mutable int passes_ = 0;
};

const Table& only_table(const Document& document) {
  for (const Block& block : document.blocks) {
    if (const auto* table = std::get_if<Table>(&block)) return *table;
  }
  throw std::runtime_error("no table");
}

// A budget with subtotals above their rows: the header and the grand total
// are written around the streamed part, the groups come from the source.
const char* const kHead =
    "@bang canh=\"giua,trai,phai\" cong=3 dong-cong=tren tieu-de=1\n"
    "| STT | Nội dung | Dự toán |\n"
    "|= | Tổng cộng | 1.700 |\n";
const std::vector<std::string> kStreamed = {
    "|+1 I | Dự án 1 | 1.200 |", "| | Năm 2019 | 700 |", "| | Năm 2020 | 500 |",
    "|+1 II | Dự án 2 | 500 |",  "| | Năm 2020 | 500 |",
};
const char* const kTail = "| | Ghi chú | |\n";

std::string held_markup() {
  std::string markup = kHead;
  for (const std::string& line : kStreamed) markup += line + "\n";
  return markup + kTail;
}

TEST(StreamedTable, RowsComeInOrderAcrossChunks) {
  for (size_t chunk : {1u, 2u, 5u, 9u}) {
    SCOPED_TRACE(chunk);
    auto source = std::make_shared<FakeRowSource>(kStreamed, chunk);
    // The stream stands after markup line 3 (the total row).
    const Document document = parse_markup(std::string(kHead) + kTail, StreamedRows{3, source});
    const Table& table = only_table(document);
    ASSERT_EQ(table.rows.size(), 2u);
    ASSERT_EQ(table.rows_after.size(), 1u);
    std::vector<std::string> first_cells;
    TableRowCursor cursor(table);
    size_t expected_index = 0;
    while (const TableRow* row = cursor.next()) {
      EXPECT_EQ(cursor.index(), expected_index++);
      first_cells.push_back(plain_text(row->cells[1].text));
      // has_next() never moves the row returned last.
      const std::string before = plain_text(row->cells[1].text);
      const bool more = cursor.has_next();
      EXPECT_EQ(plain_text(row->cells[1].text), before);
      EXPECT_EQ(more, expected_index < 8);
    }
    EXPECT_EQ(first_cells,
              (std::vector<std::string>{"Nội dung", "Tổng cộng", "Dự án 1", "Năm 2019", "Năm 2020",
                                        "Dự án 2", "Năm 2020", "Ghi chú"}));
    EXPECT_EQ(all_rows(table).size(), 8u);
  }
}

TEST(StreamedTable, SumsAreThoseOfTheHeldTable) {
  const Table held = only_table(parse_markup(held_markup()));
  auto source = std::make_shared<FakeRowSource>(kStreamed, 2);
  const Document document = parse_markup(std::string(kHead) + kTail, StreamedRows{3, source});
  const Table& streamed = only_table(document);
  const TableSums a = compute_table_sums(held);
  const TableSums b = compute_table_sums(streamed);
  for (size_t r = 0; r < 8; ++r) {
    SCOPED_TRACE(r);
    ASSERT_EQ(a.find(r) == nullptr, b.find(r) == nullptr);
    if (a.find(r) != nullptr) {
      EXPECT_EQ(a.find(r)->ranges, b.find(r)->ranges);
      EXPECT_EQ(a.find(r)->values, b.find(r)->values);
    }
    EXPECT_EQ(a.outline_level(r), b.outline_level(r));
  }
  ASSERT_NE(b.find(1), nullptr);
  EXPECT_EQ(b.find(1)->ranges, (std::vector<RowRange>{{2, 7}}));
  EXPECT_DOUBLE_EQ(b.find(1)->values[2], 1700);
  EXPECT_DOUBLE_EQ(b.find(2)->values[2], 1200);
  EXPECT_EQ(b.outline_level(3), 1);
}

TEST(StreamedTable, AWrongWrittenSumIsFoundWhenTheRowsHavePassed) {
  std::vector<std::string> lines = kStreamed;
  lines[0] = "|+1 I | Dự án 1 | 1.300 |";  // the group adds up to 1.200
  auto source = std::make_shared<FakeRowSource>(lines, 2);
  const Document document = parse_markup(std::string(kHead) + kTail, StreamedRows{3, source});
  const Table& table = only_table(document);
  TableRowCursor cursor(table);
  try {
    while (cursor.next()) {
    }
    FAIL() << "the wrong subtotal passed";
  } catch (const MarkupError& error) {
    EXPECT_NE(std::string(error.what()).find("1.200"), std::string::npos) << error.what();
  }
}

TEST(StreamedTable, RatesAreCheckedAsTheRowsPass) {
  // A streamed table with rates only (no cong=) is checked too: a body row's
  // rate when it is read, a total's once the rows it adds up have passed.
  const char* const head =
      "@bang canh=\"trai,phai,phai,phai\" cong=\"2,3\" ty-le=\"4=3/2\" tieu-de=1\n"
      "| Dự án | Dự toán | Giải ngân | % |\n";
  const auto read_all = [&](const std::vector<std::string>& lines, const char* tail) {
    auto source = std::make_shared<FakeRowSource>(lines, 1);
    const Document document = parse_markup(std::string(head) + tail, StreamedRows{2, source});
    TableRowCursor cursor(only_table(document));
    while (cursor.next()) {
    }
  };
  EXPECT_NO_THROW(
      read_all({"| A | 4 | 1 | 25,0 |", "| B | 4 | 3 | 75,0 |"}, "|= Tổng | | | 50,0 |\n"));
  try {
    read_all({"| A | 4 | 1 | 25,0 |", "| B | 4 | 3 | 70,0 |"}, "|= Tổng | | | 50,0 |\n");
    FAIL() << "the wrong rate passed";
  } catch (const MarkupError& error) {
    EXPECT_NE(std::string(error.what()).find("75,0"), std::string::npos) << error.what();
  }
  try {
    read_all({"| A | 4 | 1 | 25,0 |", "| B | 4 | 3 | 75,0 |"}, "|= Tổng | | | 40,0 |\n");
    FAIL() << "the wrong total rate passed";
  } catch (const MarkupError& error) {
    EXPECT_NE(std::string(error.what()).find("50,0"), std::string::npos) << error.what();
  }
}

TEST(StreamedTable, EveryPassReadsTheSourceAgain) {
  auto source = std::make_shared<FakeRowSource>(kStreamed, 3);
  const Document document = parse_markup(std::string(kHead) + kTail, StreamedRows{3, source});
  const Table& table = only_table(document);
  EXPECT_EQ(all_rows(table).size(), 8u);
  EXPECT_EQ(all_rows(table).size(), 8u);
  EXPECT_EQ(source->passes(), 2);
}

TEST(StreamedTable, ThePlaceMustBeAmongTheRowsOfATable) {
  auto source = std::make_shared<FakeRowSource>(kStreamed, 3);
  // After line 1, a paragraph: no table there.
  EXPECT_THROW(
      parse_markup("Đoạn văn.\n\n@bang canh=trai cot=\"1*,1*,1*\" tieu-de=0\n| a | b | c |\n",
                   StreamedRows{1, source}),
      MarkupError);
  // A table whose rows all come from the source needs its columns (cot=)
  // and its alignment (canh=): they cannot be learnt from rows not read yet.
  EXPECT_THROW(parse_markup("@bang canh=trai tieu-de=0\n", StreamedRows{1, source}), MarkupError);
  EXPECT_THROW(parse_markup("@bang cot=\"1*,1*,1*\" tieu-de=0\n", StreamedRows{1, source}),
               MarkupError);
  EXPECT_NO_THROW(
      parse_markup("@bang cot=\"1*,1*,1*\" canh=trai tieu-de=0\n", StreamedRows{1, source}));
}

TEST(StreamedTable, ChunksHoldOnlyRows) {
  Table table;
  table.columns.resize(2);
  EXPECT_EQ(parse_streamed_rows("| a | b |\n| c | d |\n", table, 5).size(), 2u);
  EXPECT_TRUE(parse_streamed_rows("", table, 5).empty());
  EXPECT_THROW(parse_streamed_rows("| a | b |\n\n| c | d |\n", table, 5), MarkupError);
  EXPECT_THROW(parse_streamed_rows("Đoạn văn\n", table, 5), MarkupError);
  EXPECT_THROW(parse_streamed_rows("| a | b | c |\n", table, 5), MarkupError);
  EXPECT_THROW(parse_streamed_rows("| a^[chú thích] | b |\n", table, 5), MarkupError);
  // A row span inside the chunk is resolved there.
  const std::vector<TableRow> rows = parse_streamed_rows("| a | b |\n| ^ | d |\n", table, 5);
  EXPECT_EQ(rows[0].cells[0].row_span, 2);
  EXPECT_TRUE(rows[1].cells[0].covered);
}

}  // namespace
}  // namespace ocopdoc::doc
