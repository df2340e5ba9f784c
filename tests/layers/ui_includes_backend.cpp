// Compiled with trefoil_ui's include paths: this must not compile (ui/ talks to the backend only
// through its API).
#include "backend/pg/pool.h"
