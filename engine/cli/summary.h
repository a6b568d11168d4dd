// The programme summary printed by `ocopdoc summary`: counts straight from
// the database, in Vietnamese.
#pragma once

#include <ostream>

#include "data/database.h"

namespace ocopdoc::cli {

void print_summary(data::Database& db, std::ostream& out);

}  // namespace ocopdoc::cli
