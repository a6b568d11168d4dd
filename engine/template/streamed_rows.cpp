// A template's row-by-row query (template/streamed_rows.h).

#include "template/streamed_rows.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc/markup.h"
#include "template/template_internal.h"

namespace ocopdoc::tmpl {

namespace {

// Rows of the section rendered together before they are parsed: enough to
// make parsing cheap, few enough that a chunk stays small.
constexpr size_t kChunkQueryRows = 256;
constexpr size_t kChunkMarkupBytes = 64 * 1024;

// The markup of a chunk of rows, with the query rows it came from (1-based,
// for messages).
struct MarkupChunk {
  std::string markup;
  uint64_t first_row = 0;
  uint64_t last_row = 0;
};

// An anonymous temporary file: created in $TMPDIR (else /tmp), unlinked at
// once, so it disappears with the descriptor even if the process dies.
class TemporaryFile {
 public:
  // nullopt when no file can be made there (full or read-only disk).
  static std::optional<TemporaryFile> create() {
    const char* dir = std::getenv("TMPDIR");
    std::string name =
        std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/ocopdoc-rows-XXXXXX";
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    ::unlink(name.c_str());
    return TemporaryFile(fd);
  }
  TemporaryFile(TemporaryFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  TemporaryFile& operator=(TemporaryFile&&) = delete;
  TemporaryFile(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool write_at(uint64_t offset, const void* data, size_t size) {
    return whole(::pwrite, fd_, offset, static_cast<const char*>(data), size);
  }
  bool read_at(uint64_t offset, void* data, size_t size) const {
    return whole(::pread, fd_, offset, static_cast<char*>(data), size);
  }

 private:
  explicit TemporaryFile(int fd) : fd_(fd) {}

  // pread/pwrite until all `size` bytes are moved; false on an error or at
  // the end of the file.
  template <typename Io, typename Bytes>
  static bool whole(Io io, int fd, uint64_t offset, Bytes* bytes, size_t size) {
    while (size > 0) {
      const ssize_t n = io(fd, bytes, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes += n;
      offset += static_cast<uint64_t>(n);
      size -= static_cast<size_t>(n);
    }
    return true;
  }

  int fd_ = -1;
};

// The rendered markup of a streamed query's rows, written to a temporary
// file by the first pass so that later passes parse it again instead of
// running the query and Mustache once more.
//
// Why: every writer reads a streamed table twice (the layout measures, then
// places; the spreadsheet adds up and measures, then writes), and rendering
// is most of a pass: at 10,000 budget lines, the SQL (with its number
// formatting) and Mustache were 80 % of a pass and parsing the markup 20 %.
// Why a file: the point of streaming is that no pass holds the whole table;
// the markup of 100,000 budget lines is 5 MB, which the system's page cache
// serves back cheaply, and the memory of the process stays that of a chunk.
// Why markup and not parsed rows: the parser stays the one place that turns
// text into rows, and there is no second format of a TableRow to keep in
// step with the first.  The rows of a replay are those of the first pass by
// construction: same text, same parser (and one read transaction per
// document means a second rendering would give the same text anyway).
//
// A spill is used only once complete: a first pass that stops early (an
// error, a writer that stops reading) leaves it broken, and the next pass
// renders again.  A failed write (a full disk) also just means rendering
// again.  A table read only once (a PDF table whose columns are all fixed in
// millimetres needs no measuring pass) is recorded for nothing: a write of
// its markup, small beside rendering it.
class MarkupSpill {
 public:
  enum class State { kRecording, kComplete, kBroken };

  explicit MarkupSpill(TemporaryFile file) : file_(std::move(file)) {}

  State state() const { return state_; }

  void append(const MarkupChunk& chunk) {
    if (state_ != State::kRecording) return;
    const uint64_t header[3] = {chunk.markup.size(), chunk.first_row, chunk.last_row};
    if (!file_.write_at(size_, header, sizeof header) ||
        !file_.write_at(size_ + sizeof header, chunk.markup.data(), chunk.markup.size())) {
      state_ = State::kBroken;
      return;
    }
    size_ += sizeof header + chunk.markup.size();
  }
  void finish() {
    if (state_ == State::kRecording) state_ = State::kComplete;
  }
  void abandon() {
    if (state_ == State::kRecording) state_ = State::kBroken;
  }

  // The chunk at `offset` (a position returned by an earlier read, 0 for
  // the first).
  enum class Read { kChunk, kEnd, kFailed };
  Read read(uint64_t& offset, MarkupChunk& chunk) const {
    if (offset >= size_) return Read::kEnd;
    uint64_t header[3] = {};
    if (size_ - offset < sizeof header || !file_.read_at(offset, header, sizeof header) ||
        header[0] > size_ - offset - sizeof header) {
      return Read::kFailed;
    }
    chunk.markup.resize(header[0]);
    if (!file_.read_at(offset + sizeof header, chunk.markup.data(), chunk.markup.size())) {
      return Read::kFailed;
    }
    chunk.first_row = header[1];
    chunk.last_row = header[2];
    offset += sizeof header + header[0];
    return Read::kChunk;
  }

 private:
  TemporaryFile file_;
  uint64_t size_ = 0;
  State state_ = State::kRecording;
};

// Parses a chunk's markup into table rows; a markup error names the query
// and its rows.
void parse_chunk(const StreamedQuery& query, const doc::Table& table, const MarkupChunk& chunk,
                 std::vector<doc::TableRow>& rows) {
  try {
    rows = doc::parse_streamed_rows(chunk.markup, table, query.markup_line);
  } catch (const doc::MarkupError& error) {
    throw TemplateError(query.file->path, query.section.inner_line, 1,
                        std::string("lỗi markup trong các dòng của truy vấn ") + query.query.name +
                            " (các dòng thứ " + std::to_string(chunk.first_row) + " đến " +
                            std::to_string(chunk.last_row) + "): " + error.what());
  }
}

// A pass that runs the query and renders its rows, and records their markup
// when given a spill.
class QueryRowPass : public doc::RowSource::Pass {
 public:
  QueryRowPass(const StreamedQuery& query, data::Database& database, const doc::Table& table,
               std::shared_ptr<MarkupSpill> spill)
      : query_(query),
        table_(table),
        spill_(std::move(spill)),
        runner_(*query.file, database),
        statement_(runner_.prepare(query.query, query.bindings)),
        engine_(with_standalone_tag_lines_removed(query.section.inner)),
        context_(query.root.get(), *query.file) {
    escape_for_markup(engine_);
    if (!engine_.is_valid()) {
      throw TemplateError(query.file->path, query.section.inner_line, 1,
                          "lỗi Mustache: " + engine_.error_message());
    }
    has_row_ = step();
  }
  QueryRowPass(const QueryRowPass&) = delete;
  QueryRowPass& operator=(const QueryRowPass&) = delete;
  ~QueryRowPass() override {
    if (spill_) spill_->abandon();  // no-op once finished
  }

  bool next_chunk(std::vector<doc::TableRow>& rows) override {
    rows.clear();
    // A chunk may render no table row (a section that prints nothing for
    // its rows): go on until a chunk has rows or the query ends.
    while (rows.empty()) {
      if (!has_row_) {
        if (spill_) spill_->finish();
        return false;
      }
      chunk_.markup.clear();
      chunk_.first_row = count_ + 1;
      for (size_t n = 0;
           has_row_ && n < kChunkQueryRows && chunk_.markup.size() < kChunkMarkupBytes; ++n) {
        chunk_.markup += render_current_row();
      }
      chunk_.last_row = count_;
      parse_chunk(query_, table_, chunk_, rows);
      if (spill_) spill_->append(chunk_);
    }
    return true;
  }

 private:
  bool step() {
    try {
      return statement_.step();
    } catch (const data::DatabaseError& error) {
      runner_.fail(query_.query, error);
    }
  }

  // Renders the section for the statement's current row and moves on (the
  // next row must be known to say whether this one is the last: cuoi).
  std::string render_current_row() {
    mustache::data row = runner_.row_data(query_.query, statement_, query_.bindings);
    ++count_;
    has_row_ = step();
    row["stt"] = mustache::data(std::to_string(count_));
    row["dau"] = mustache::data(count_ == 1);
    row["cuoi"] = mustache::data(!has_row_);
    // One context for the pass keeps the partials it has read; the row is
    // in scope for this render only (after an error the pass is dropped).
    context_.push(&row);
    std::string rendered =
        render_strict(engine_, context_, *query_.file, query_.section.inner_line);
    context_.pop();
    return rendered;
  }

  const StreamedQuery& query_;
  const doc::Table& table_;
  std::shared_ptr<MarkupSpill> spill_;  // null: not recording
  QueryRunner runner_;
  data::Statement statement_;
  mustache::mustache engine_;
  StrictContext context_;
  MarkupChunk chunk_;
  bool has_row_ = false;
  size_t count_ = 0;  // rows of the query rendered so far
};

// A pass that parses the markup a first pass recorded.
class ReplayPass : public doc::RowSource::Pass {
 public:
  ReplayPass(const StreamedQuery& query, const doc::Table& table,
             std::shared_ptr<const MarkupSpill> spill)
      : query_(query), table_(table), spill_(std::move(spill)) {}

  bool next_chunk(std::vector<doc::TableRow>& rows) override {
    rows.clear();
    while (rows.empty()) {
      switch (spill_->read(offset_, chunk_)) {
        case MarkupSpill::Read::kEnd:
          return false;
        case MarkupSpill::Read::kFailed:
          throw TemplateError(query_.file->path, query_.section.inner_line, 1,
                              "không đọc lại được tệp tạm giữ các dòng của truy vấn " +
                                  query_.query.name + " (thư mục tạm $TMPDIR, hoặc /tmp)");
        case MarkupSpill::Read::kChunk:
          parse_chunk(query_, table_, chunk_, rows);
          break;
      }
    }
    return true;
  }

 private:
  const StreamedQuery& query_;
  const doc::Table& table_;
  std::shared_ptr<const MarkupSpill> spill_;
  uint64_t offset_ = 0;
  MarkupChunk chunk_;
};

class QueryRowSource : public doc::RowSource {
 public:
  QueryRowSource(StreamedQuery query, data::Database& database)
      : query_(std::move(query)), database_(database) {}

  // The first pass renders and records; once it has read every row, later
  // passes replay the recording.  A pass opened while another is still
  // recording renders on its own.
  std::unique_ptr<Pass> open(const doc::Table& table) const override {
    if (spill_ && spill_->state() == MarkupSpill::State::kComplete) {
      return std::make_unique<ReplayPass>(query_, table, spill_);
    }
    std::shared_ptr<MarkupSpill> record;
    if (!spill_ || spill_->state() == MarkupSpill::State::kBroken) {
      spill_.reset();
      if (std::optional<TemporaryFile> file = TemporaryFile::create()) {
        spill_ = std::make_shared<MarkupSpill>(std::move(*file));
        record = spill_;
      }
    }
    try {
      return std::make_unique<QueryRowPass>(query_, database_, table, record);
    } catch (...) {
      if (record) record->abandon();
      throw;
    }
  }

 private:
  StreamedQuery query_;
  data::Database& database_;
  // What the passes have recorded so far: a cache behind a const interface
  // (opening a pass does not change the rows it reads).  Not guarded: a
  // document, and the row source in it, belongs to one thread (the batch
  // builds one document per job).
  mutable std::shared_ptr<MarkupSpill> spill_;
};

}  // namespace

StreamedSection split_streamed_section(const TemplateFile& file, const Query& query) {
  const SourceText source = body_source(file);
  const std::string& body = file.body;
  Component root;
  parse_mustache(source, root);
  auto fail = [&](size_t offset, const std::string& message) {
    throw TemplateError(file.path, file.body_line - 1 + line_of(body, offset),
                        column_of(body, offset), message);
  };
  const std::string usage = "truy vấn tung_dong \"" + query.name +
                            "\" phải được dùng đúng một lần, dạng {{#" + query.name + "}} ... {{/" +
                            query.name + "}} ở ngoài mọi mục khác, mỗi thẻ đứng riêng một dòng";
  // Uses of the query's name outside its own section (inside it, the same
  // name may be one of the row's columns).
  size_t uses = 0;
  size_t first_use_at = 0;
  const Component* section = nullptr;
  auto is_use = [&](const Component& c) {
    return !c.is_text() && (c.tag.name == query.name || c.tag.name.rfind(query.name + ".", 0) == 0);
  };
  for (Component& top : root.children) {
    if (top.tag.type == TagType::section_begin && top.tag.name == query.name) {
      if (uses++ == 0) first_use_at = top.position;
      section = &top;
      continue;
    }
    if (is_use(top) && uses++ == 0) first_use_at = top.position;
    top.walk_children([&](Component& c) {
      if (is_use(c) && uses++ == 0) first_use_at = c.position;
      return Component::walk_control::walk;
    });
  }
  if (uses == 0) fail(0, usage + " (mẫu chưa dùng nó)");
  if (uses != 1 || section == nullptr) fail(first_use_at, usage);

  const size_t open = section->position;
  const size_t open_end = body.find("}}", open) + 2;
  const size_t close =
      open_end + (section->tag.section_text ? section->tag.section_text->size() : 0);
  const size_t close_end = body.find("}}", close) + 2;
  const std::optional<TagLine> open_line = standalone_line(body, open, open_end);
  const std::optional<TagLine> close_line = standalone_line(body, close, close_end);
  if (!open_line || open_line->newline == std::string::npos) fail(open, usage);
  if (!close_line) fail(close, usage);

  StreamedSection split;
  split.prefix = body.substr(0, open_line->start);
  split.inner = body.substr(open_line->newline + 1, close_line->start - (open_line->newline + 1));
  split.suffix = close_line->newline == std::string::npos ? std::string()
                                                          : body.substr(close_line->newline + 1);
  split.inner_line = file.body_line - 1 + line_of(body, open_line->newline + 1);
  return split;
}

std::shared_ptr<const doc::RowSource> make_row_source(StreamedQuery query,
                                                      data::Database& database) {
  return std::make_shared<QueryRowSource>(std::move(query), database);
}

}  // namespace ocopdoc::tmpl
