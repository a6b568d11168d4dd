// Fuzzes template files: the "+++" split, the TOML header, parameter and
// query declarations, and the static check (SQL prepared on an empty schema,
// Mustache parsing, strict names).  TemplateError is the only allowed failure.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "template/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ocopdoc-fuzz-" + std::to_string(getpid())) / "templates";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "mau.mau").string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    ocopdoc::tmpl::check_template(ocopdoc::tmpl::load_template(path));
  } catch (const ocopdoc::tmpl::TemplateError&) {
  }
  return 0;
}
