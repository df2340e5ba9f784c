// Compiled with the include paths of trefoil_ui, trefoil_uiclient and trefoil_uimodels: this must
// not compile (ui/ talks to the backend only through its API).
#include "backend/pg/pool.h"
