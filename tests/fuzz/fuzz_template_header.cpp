// Fuzzes template files: the "+++" split, the TOML header, parameter and
// query declarations, and the static check (SQL prepared on an empty schema,
// Mustache parsing, strict names), and the marking of standalone tag lines
// on the body (only marks added, and Mustache that parsed still parses).
// TemplateError is the only allowed failure.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "template/mustache_data.h"
#include "template/template.h"

namespace {

void check_marked_lines(const std::string& body) {
  using namespace ocopdoc::tmpl;
  if (body.find(kLineMark) != std::string::npos) return;  // marks could not be told apart
  const std::string marked = with_standalone_tag_lines_removed(body);
  const std::string mark = std::string("{{^") + kLineMark + "}}{{/" + kLineMark + "}}";
  std::string unmarked;
  for (size_t at = 0;;) {
    const size_t found = marked.find(mark, at);
    unmarked.append(marked, at, found == std::string::npos ? std::string::npos : found - at);
    if (found == std::string::npos) break;
    at = found + mark.size();
    // A mark ends a tag, and only spaces follow it on its line.
    if (found < 2 || marked.compare(found - 2, 2, "}}") != 0) std::abort();
    const size_t next = marked.find_first_not_of(" \t\r", at);
    if (next != std::string::npos && marked[next] != '\n' &&
        marked.compare(next, mark.size(), mark) != 0)
      std::abort();
  }
  if (unmarked != body) std::abort();
  if (mustache::mustache(body).is_valid() && !mustache::mustache(marked).is_valid()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                           ("ocopdoc-fuzz-" + std::to_string(getpid())) /
                                           "templates";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "mau.mau").string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const ocopdoc::tmpl::TemplateFile file = ocopdoc::tmpl::load_template(path);
    check_marked_lines(file.body);
    ocopdoc::tmpl::check_template(file);
  } catch (const ocopdoc::tmpl::TemplateError&) {
  }
  return 0;
}
