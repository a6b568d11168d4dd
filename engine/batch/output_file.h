// Writing an output file whole or not at all.
#pragma once

#include <string>
#include <string_view>

namespace ocopdoc::batch {

// Writes `bytes` to a temporary file beside `path` ("<name>.tmp-<pid>"),
// flushes it to disk, then renames it over `path`.  A reader, or a crash at
// any moment, sees either the previous file or the new one, never half of
// one.  Throws std::runtime_error with a Vietnamese message on failure (and
// removes the temporary file).
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace ocopdoc::batch
