// Compiled with trefoil_events' include paths: this must not compile (only trefoil_pg uses libpq).
#include <libpq-fe.h>
