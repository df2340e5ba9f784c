// Compiled with trefoil_ui's include paths: a core header is reachable.
#include "core/graphql/parser.h"
