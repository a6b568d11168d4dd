// Drawing laid-out pages into a PDF with PoDoFo 0.9.8.
//
// Streaming: PdfStreamedDocument writes each page's content stream to the
// file as soon as the page is finished; what stays in memory until the end
// is only the small dictionaries (one page object per page, fonts, outline
// items): about 3 KB a page (measured: 100 pages 12 MB peak RSS, 4,000 pages
// of 200 runs each 25 MB).  Font subsets are built in Close(), from the glyphs the pages used,
// which works with the streamed document in 0.9.8 (the font file, width and
// ToUnicode objects are all created at that point).
//
// Determinism: PoDoFo stamps the Info dictionary with the wall clock and
// derives the trailer's /ID from an MD5 of that dictionary.  The writer
// replaces the dates (SOURCE_DATE_EPOCH, or none) and, once the file is
// complete, overwrites the /ID in place with a hash of everything before the
// trailer.  The replacement has the same length, so no offset moves.
#include "pdf/pdf_writer.h"

#include <fcntl.h>
#include <podofo/podofo.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "pdf/sha256.h"
#include "text/c_time_lock.h"

namespace ocopdoc::pdf {

namespace {

constexpr std::string_view kCreator = "ocopdoc";
// Fixed text: a Producer naming a library version that changes with every
// system update would make identical documents differ.
constexpr std::string_view kProducer = "ocopdoc (PoDoFo)";
constexpr std::string_view kLanguage = "vi-VN";

// Text for the page: always a Unicode PdfString, which the Identity-H
// encoding turns into glyph ids (PdfString(std::string) would read the bytes
// as PDFDocEncoding and garble Vietnamese).
PoDoFo::PdfString unicode_string(std::string_view text) {
  const std::string copy(text);  // PoDoFo wants a terminated string
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(copy.c_str()));
}

// Text for the Info dictionary and bookmarks: ASCII stays a plain string,
// anything else becomes UTF-16 with a byte order mark.
PoDoFo::PdfString text_string(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return PoDoFo::PdfString(std::string(text));
  return unicode_string(text);
}

std::string describe(const PoDoFo::PdfError& error) {
  const char* message = PoDoFo::PdfError::ErrorMessage(error.GetError());
  const char* name = PoDoFo::PdfError::ErrorName(error.GetError());
  std::string text = name ? name : "PdfError";
  if (message && *message) text += std::string(" (") + message + ")";
  return text;
}

// SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970, UTC.
// Unset or not a plain number: no dates at all rather than the wall clock.
std::optional<std::string> source_date() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (!value || !*value) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long seconds = std::strtoll(value, &end, 10);
  if (errno != 0 || *end != '\0' || seconds < 0) return std::nullopt;
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (!gmtime_r(&time, &utc)) return std::nullopt;
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "D:%Y%m%d%H%M%SZ", &utc);
  return std::string(buffer);
}

std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Creates an empty, new file beside `target` (same directory, so the final
// rename is atomic) with the umask's permissions, and returns its name.
std::string create_temporary_beside(const std::string& target) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string candidate =
        target + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate;
    }
    if (errno != EEXIST) {
      throw PdfError("không tạo được tệp tạm trong thư mục " + directory_of(target) + ": " +
                     std::strerror(errno));
    }
  }
  throw PdfError("không tạo được tệp tạm cho " + target);
}

// Overwrites both strings of the trailer's /ID with the first 16 bytes of
// SHA-256 over the file up to the trailer, in PoDoFo's upper-case hex.
void set_content_identifier(const std::string& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  if (!file) throw PdfError("không mở lại được tệp PDF tạm " + path);
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  const std::streamoff tail_start = size > 4096 ? size - 4096 : 0;
  std::string tail(static_cast<size_t>(size - tail_start), '\0');
  file.seekg(tail_start);
  file.read(tail.data(), static_cast<std::streamsize>(tail.size()));

  const size_t trailer = tail.rfind("trailer");
  const size_t id_key = trailer == std::string::npos ? trailer : tail.find("/ID", trailer);
  std::array<size_t, 2> hex_starts{};
  size_t search_from = id_key;
  for (size_t& start : hex_starts) {
    const size_t open =
        search_from == std::string::npos ? search_from : tail.find('<', search_from);
    const size_t close = open == std::string::npos ? open : tail.find('>', open);
    if (close == std::string::npos || close - open - 1 != 32) {
      throw PdfError("PDF viết ra không có /ID như PoDoFo 0.9.8 vẫn viết: " + path);
    }
    start = open + 1;
    search_from = close + 1;
  }

  detail::Sha256 hash;
  file.seekg(0);
  std::string buffer(1 << 16, '\0');
  std::streamoff remaining = tail_start + static_cast<std::streamoff>(trailer);
  while (remaining > 0) {
    const auto chunk = static_cast<std::streamsize>(
        std::min<std::streamoff>(remaining, static_cast<std::streamoff>(buffer.size())));
    file.read(buffer.data(), chunk);
    if (file.gcount() != chunk) throw PdfError("không đọc lại được tệp PDF tạm " + path);
    hash.update(std::string_view(buffer.data(), static_cast<size_t>(chunk)));
    remaining -= chunk;
  }
  const auto digest = hash.digest();
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string identifier;
  for (size_t i = 0; i < 16; ++i) {
    identifier += kHex[digest[i] >> 4];
    identifier += kHex[digest[i] & 0x0F];
  }
  for (size_t start : hex_starts) {
    file.seekp(tail_start + static_cast<std::streamoff>(start));
    file.write(identifier.data(), static_cast<std::streamsize>(identifier.size()));
  }
  file.flush();
  if (!file) throw PdfError("không ghi được /ID vào tệp PDF tạm " + path);
}

// Table borders arrive as one segment per cell side: a roster page has
// hundreds, each a separate PoDoFo DrawLine (number formatting and a stream
// append: a third of the time of writing a roster).  Segments of one style
// that lie on one horizontal or vertical line and touch or overlap are drawn
// as one.  The picture is the same: butt-capped strokes of one colour and
// width, merged only within a run of consecutive lines of that style, so the
// stacking order against lines of other styles is kept.
std::vector<layout::Line> merge_collinear(const std::vector<layout::Line>& lines) {
  constexpr double kTolerance = 0.01;  // pt
  std::vector<layout::Line> merged;
  merged.reserve(lines.size());
  size_t run_start = 0;
  while (run_start < lines.size()) {
    size_t run_end = run_start + 1;
    while (run_end < lines.size() && lines[run_end].width == lines[run_start].width &&
           lines[run_end].color == lines[run_start].color) {
      ++run_end;
    }
    // Horizontal and vertical segments as (fixed coordinate, from, to);
    // others are kept as they are.
    struct Segment {
      bool vertical;
      double at, from, to;
    };
    std::vector<Segment> segments;
    for (size_t i = run_start; i < run_end; ++i) {
      const layout::Line& line = lines[i];
      if (std::abs(line.y1 - line.y2) <= kTolerance && std::abs(line.x1 - line.x2) > kTolerance) {
        segments.push_back(
            {false, line.y1, std::min(line.x1, line.x2), std::max(line.x1, line.x2)});
      } else if (std::abs(line.x1 - line.x2) <= kTolerance &&
                 std::abs(line.y1 - line.y2) > kTolerance) {
        segments.push_back({true, line.x1, std::min(line.y1, line.y2), std::max(line.y1, line.y2)});
      } else {
        merged.push_back(line);
      }
    }
    std::stable_sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
      if (a.vertical != b.vertical) return a.vertical < b.vertical;
      if (std::abs(a.at - b.at) > kTolerance) return a.at < b.at;
      return a.from < b.from;
    });
    for (size_t i = 0; i < segments.size();) {
      Segment joined = segments[i++];
      while (i < segments.size() && segments[i].vertical == joined.vertical &&
             std::abs(segments[i].at - joined.at) <= kTolerance &&
             segments[i].from <= joined.to + kTolerance) {
        joined.to = std::max(joined.to, segments[i].to);
        ++i;
      }
      layout::Line line = lines[run_start];
      if (joined.vertical) {
        line.x1 = line.x2 = joined.at;
        line.y1 = joined.from;
        line.y2 = joined.to;
      } else {
        line.y1 = line.y2 = joined.at;
        line.x1 = joined.from;
        line.x2 = joined.to;
      }
      merged.push_back(line);
    }
    run_start = run_end;
  }
  return merged;
}

class PdfPageWriter final : public layout::PageSink {
 public:
  PdfPageWriter(std::string path, const layout::FontSet& fonts)
      : target_path_(std::move(path)), fonts_(fonts) {
    temp_path_ = create_temporary_beside(target_path_);
    try {
      // PoDoFo stamps the new document's dates with localtime()
      // (text/c_time_lock.h).
      const std::lock_guard<std::mutex> time_lock(text::c_time_lock());
      document_ = std::make_unique<PoDoFo::PdfStreamedDocument>(
          temp_path_.c_str(), PoDoFo::ePdfVersion_1_7, nullptr, PoDoFo::ePdfWriteMode_Compact);
      stamp_info();
      document_->SetLanguage(std::string(kLanguage));
    } catch (const PoDoFo::PdfError& error) {
      discard();
      throw PdfError("không bắt đầu được tệp PDF " + target_path_ + ": " + describe(error));
    } catch (...) {
      discard();
      throw;
    }
  }

  ~PdfPageWriter() override {
    if (!finished_) discard();
  }

  PdfPageWriter(const PdfPageWriter&) = delete;
  PdfPageWriter& operator=(const PdfPageWriter&) = delete;

  void begin(const layout::DocumentInfo& info) override {
    require_open();
    try {
      PoDoFo::PdfInfo* pdf_info = document_->GetInfo();
      if (!info.title.empty()) pdf_info->SetTitle(text_string(info.title));
      if (!info.author.empty()) pdf_info->SetAuthor(text_string(info.author));
      if (!info.subject.empty()) pdf_info->SetSubject(text_string(info.subject));
      if (!info.keywords.empty()) pdf_info->SetKeywords(text_string(info.keywords));
    } catch (const PoDoFo::PdfError& error) {
      throw PdfError("không ghi được thông tin tài liệu PDF: " + describe(error));
    }
  }

  void add_page(layout::Page page) override {
    require_open();
    const std::string where = "trang " + std::to_string(page.number);
    // PoDoFo drops glyphs the font lacks without a word; the layout should
    // have refused such text already, this keeps the PDF honest regardless.
    for (const auto& run : page.texts) fonts_.require_coverage(run.style, run.text, where);
    try {
      const auto pdf_page = append_page(page.width, page.height);
      draw(page, pdf_page.get());
      add_outline(page.outline, pdf_page.get());
    } catch (const PoDoFo::PdfError& error) {
      throw PdfError("không vẽ được " + where + " của tệp PDF: " + describe(error));
    }
  }

  void finish() override {
    require_open();
    if (page_count_ == 0) throw PdfError("tài liệu không có trang nào để ghi ra PDF");
    try {
      if (!open_outline_items_.empty()) document_->SetPageMode(PoDoFo::ePdfPageModeUseBookmarks);
      // Viewers show the Title instead of the file name in the window.
      document_->SetDisplayDocTitle();
      const std::lock_guard<std::mutex> time_lock(text::c_time_lock());
      document_->Close();
    } catch (const PoDoFo::PdfError& error) {
      throw PdfError("không ghi xong tệp PDF " + target_path_ + ": " + describe(error));
    }
    document_.reset();  // closes the file
    set_content_identifier(temp_path_);
    if (std::rename(temp_path_.c_str(), target_path_.c_str()) != 0) {
      throw PdfError("không đổi được tên tệp tạm thành " + target_path_ + ": " +
                     std::strerror(errno));
    }
    finished_ = true;
  }

 private:
  void require_open() const {
    if (finished_ || !document_) throw PdfError("tệp PDF " + target_path_ + " đã đóng");
  }

  void discard() {
    document_.reset();
    if (!temp_path_.empty()) std::remove(temp_path_.c_str());
  }

  void stamp_info() {
    PoDoFo::PdfInfo* info = document_->GetInfo();
    info->SetCreator(text_string(kCreator));
    info->SetProducer(text_string(kProducer));
    PoDoFo::PdfDictionary& dictionary = info->GetObject()->GetDictionary();
    dictionary.RemoveKey(PoDoFo::PdfName("CreationDate"));
    dictionary.RemoveKey(PoDoFo::PdfName("ModDate"));
    if (const auto date = source_date()) {
      dictionary.AddKey(PoDoFo::PdfName("CreationDate"), PoDoFo::PdfString(*date));
      dictionary.AddKey(PoDoFo::PdfName("ModDate"), PoDoFo::PdfString(*date));
    }
  }

  // PdfDocument::CreatePage walks the page tree's kids to find the end on
  // every call (quadratic: 8,000 pages took half a minute in 0.9.8), so the
  // writer builds the tree itself: the catalog's root /Pages holds
  // intermediate /Pages nodes of kPagesPerNode pages each.  The PdfPage
  // wrapper is only needed while the page is drawn; its dictionary stays
  // with the document.
  std::unique_ptr<PoDoFo::PdfPage> append_page(double width, double height) {
    static constexpr long long kPagesPerNode = 100;
    PoDoFo::PdfObject* root = document_->GetPagesTree()->GetObject();
    if (!pages_node_ || pages_in_node_ == kPagesPerNode) {
      pages_node_ = document_->GetObjects()->CreateObject("Pages");
      pages_node_->GetDictionary().AddKey(PoDoFo::PdfName("Parent"), root->Reference());
      pages_node_->GetDictionary().AddKey(PoDoFo::PdfName("Kids"), PoDoFo::PdfArray());
      root->GetDictionary()
          .GetKey(PoDoFo::PdfName("Kids"))
          ->GetArray()
          .push_back(pages_node_->Reference());
      pages_in_node_ = 0;
    }
    auto pdf_page =
        std::make_unique<PoDoFo::PdfPage>(PoDoFo::PdfRect(0, 0, width, height), document_.get());
    pdf_page->GetObject()->GetDictionary().AddKey(PoDoFo::PdfName("Parent"),
                                                  pages_node_->Reference());
    pages_node_->GetDictionary()
        .GetKey(PoDoFo::PdfName("Kids"))
        ->GetArray()
        .push_back(pdf_page->GetObject()->Reference());
    ++pages_in_node_;
    ++page_count_;
    pages_node_->GetDictionary().AddKey(PoDoFo::PdfName("Count"),
                                        static_cast<PoDoFo::pdf_int64>(pages_in_node_));
    root->GetDictionary().AddKey(PoDoFo::PdfName("Count"),
                                 static_cast<PoDoFo::pdf_int64>(page_count_));
    return pdf_page;
  }

  // Fonts are created on first use, so a document in one style embeds one
  // font; each is a subset with Identity-H and a ToUnicode map.
  PoDoFo::PdfFont* font_for(layout::FontStyle style) {
    const auto index = static_cast<size_t>(style);
    if (!pdf_fonts_[index]) {
      const layout::FontFace& face = fonts_.face(style);
      const bool bold =
          style == layout::FontStyle::kBold || style == layout::FontStyle::kBoldItalic;
      const bool italic =
          style == layout::FontStyle::kItalic || style == layout::FontStyle::kBoldItalic;
      // The name only labels the font (BaseFont); the file path decides
      // what is embedded.  PoDoFo caches fonts by name and style.
      std::string base_name;
      for (char c : face.family())
        if (c != ' ') base_name += c;
      if (bold || italic)
        base_name += std::string("-") + (bold ? "Bold" : "") + (italic ? "Italic" : "");
      pdf_fonts_[index] = document_->CreateFontSubset(
          base_name.c_str(), bold, italic, false,
          PoDoFo::PdfEncodingFactory::GlobalIdentityEncodingInstance(), face.path().c_str());
      if (!pdf_fonts_[index]) throw PdfError("PoDoFo không nạp được phông " + face.path());
    }
    return pdf_fonts_[index];
  }

  void draw(const layout::Page& page, PoDoFo::PdfPage* pdf_page) {
    PoDoFo::PdfPainter painter;
    painter.SetPage(pdf_page);
    // A new content stream starts with black fill and stroke.
    layout::Color fill;
    layout::Color stroke;
    const auto set_fill = [&](const layout::Color& color) {
      if (color == fill) return;
      painter.SetColor(color.r, color.g, color.b);
      fill = color;
    };
    const auto set_stroke = [&](const layout::Color& color) {
      if (color == stroke) return;
      painter.SetStrokingColor(color.r, color.g, color.b);
      stroke = color;
    };

    for (const auto& rect : page.rects) {
      set_fill(rect.fill);
      painter.Rectangle(rect.x, rect.y, rect.width, rect.height);
      painter.Fill();
    }
    double line_width = -1;
    for (const auto& line : merge_collinear(page.lines)) {
      set_stroke(line.color);
      if (line.width != line_width) {
        painter.SetStrokeWidth(line.width);
        line_width = line.width;
      }
      painter.DrawLine(line.x1, line.y1, line.x2, line.y2);
    }
    for (const auto& run : page.texts) {
      if (run.text.empty()) continue;
      set_fill(run.color);
      PoDoFo::PdfFont* font = font_for(run.style);
      // PoDoFo writes "/F size Tf" from the font object at each DrawText.
      font->SetFontSize(static_cast<float>(run.size));
      painter.SetFont(font);
      painter.DrawText(run.x, run.y, unicode_string(run.text));
    }
    painter.FinishPage();
    share_resources(pdf_page);
  }

  // Every page uses the same few fonts, so the pages share one /Resources
  // dictionary (an indirect object written when the file is closed) instead
  // of each keeping its own copy in memory until then: PoDoFo holds every
  // page's objects until Close(), and a 3,000-page roster's resource
  // dictionaries were a third of what it held.
  void share_resources(PoDoFo::PdfPage* pdf_page) {
    PoDoFo::PdfDictionary& page = pdf_page->GetObject()->GetDictionary();
    PoDoFo::PdfObject* own = page.GetKey(PoDoFo::PdfName("Resources"));
    if (own == nullptr || !own->IsDictionary()) return;
    if (shared_resources_ == nullptr) {
      shared_resources_ = document_->GetObjects()->CreateObject(*own);
    } else {
      PoDoFo::PdfDictionary& shared = shared_resources_->GetDictionary();
      for (const auto& [kind, entries] : own->GetDictionary().GetKeys()) {
        if (!entries->IsDictionary()) continue;  // /ProcSet: the same array on every page
        if (!shared.HasKey(kind)) shared.AddKey(kind, PoDoFo::PdfDictionary());
        PoDoFo::PdfDictionary& into = shared.GetKey(kind)->GetDictionary();
        for (const auto& [name, value] : entries->GetDictionary().GetKeys()) {
          if (!into.HasKey(name)) into.AddKey(name, *value);
        }
      }
    }
    page.AddKey(PoDoFo::PdfName("Resources"), shared_resources_->Reference());
  }

  // Bookmarks: an entry of level n becomes a child of the latest entry of
  // level n-1; a level that skips ahead (1 then 3) nests under the deepest
  // open entry instead of failing.
  void add_outline(const std::vector<layout::OutlineEntry>& entries, PoDoFo::PdfPage* pdf_page) {
    if (entries.empty()) return;
    PoDoFo::PdfOutlines* outlines = document_->GetOutlines();
    for (const auto& entry : entries) {
      const size_t level = static_cast<size_t>(std::max(1, entry.level));
      const size_t depth = std::min(level, open_outline_items_.size() + 1);
      PoDoFo::PdfOutlineItem* parent = depth == 1 ? outlines : open_outline_items_[depth - 2];
      PoDoFo::PdfDestination destination(pdf_page, 0.0, entry.y, 0.0);
      PoDoFo::PdfOutlineItem* item = parent->CreateChild(text_string(entry.title), destination);
      open_outline_items_.resize(depth - 1);
      open_outline_items_.push_back(item);
    }
  }

  std::string target_path_;
  std::string temp_path_;
  const layout::FontSet& fonts_;
  std::unique_ptr<PoDoFo::PdfStreamedDocument> document_;
  std::array<PoDoFo::PdfFont*, 4> pdf_fonts_{};  // owned by the document's font cache
  // The latest item at each level (index 0 = level 1); owned by the document.
  std::vector<PoDoFo::PdfOutlineItem*> open_outline_items_;
  PoDoFo::PdfObject* pages_node_ = nullptr;  // the /Pages node being filled; owned by the document
  PoDoFo::PdfObject* shared_resources_ = nullptr;  // owned by the document
  long long pages_in_node_ = 0;
  long long page_count_ = 0;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<layout::PageSink> make_pdf_writer(const std::string& path,
                                                  const layout::FontSet& fonts) {
  return std::make_unique<PdfPageWriter>(path, fonts);
}

}  // namespace ocopdoc::pdf
