// A template's row-by-row query (`tung_dong`, template.h): the body split
// around the query's section, and the row source that renders the section
// once per row while the document is written.  Private to engine/template.
//
// Why: a roster of 30,000 trainees or a budget of 100,000 lines rendered in
// one go holds every query row as Mustache data, the whole markup text and
// the whole document tree at once (hundreds of megabytes).  Rendered here,
// the rows come from SQLite a chunk at a time, are rendered with the same
// inner template and parsed into table rows, and are dropped once the layout
// or the spreadsheet has placed them.  The output is the same as rendering
// the whole body: the section's lines are cut exactly where Mustache's
// standalone-tag rule would remove them.  The query and Mustache normally
// run once: the first pass records the rows' markup in a temporary file and
// later passes parse it again (streamed_rows.cpp, MarkupSpill, says when
// they run again).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "data/database.h"
#include "doc/document.h"
#include "template/mustache_data.h"
#include "template/template.h"

namespace ocopdoc::tmpl {

struct StreamedSection {
  std::string prefix;  // the body before the {{#query}} line
  std::string inner;   // the lines between the {{#query}} and {{/query}} lines
  std::string suffix;  // the body after the {{/query}} line
  int inner_line = 0;  // file line of the inner text's first line
};

// Splits the body around the query's section.  TemplateError unless the
// query is used exactly once, as {{#query}}...{{/query}} outside any other
// section, each tag alone on its line.
StreamedSection split_streamed_section(const TemplateFile& file, const Query& query);

struct StreamedQuery {
  std::shared_ptr<const TemplateFile> file;
  Query query;
  std::map<std::string, std::string> bindings;  // parameters and ngay
  std::shared_ptr<const mustache::data> root;   // the names outside the section
  StreamedSection section;
  int markup_line = 0;  // the markup line the rows stand after, for messages
};

// The rows of the query's section, rendered and parsed while they are read.
// The database must outlive the source (and the document holding it).
std::shared_ptr<const doc::RowSource> make_row_source(StreamedQuery query,
                                                      data::Database& database);

}  // namespace ocopdoc::tmpl
