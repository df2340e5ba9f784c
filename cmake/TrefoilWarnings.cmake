# One INTERFACE target carries the project's warning flags and strict Qt defines,
# so every library, executable and test is built the same way.
add_library(trefoil_warnings INTERFACE)
target_compile_options(trefoil_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
if(TREFOIL_WERROR)
    target_compile_options(trefoil_warnings INTERFACE -Werror)
endif()
target_compile_definitions(trefoil_warnings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_STRICT_ITERATORS)
if(TREFOIL_SANITIZE)
    target_compile_options(trefoil_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(trefoil_warnings INTERFACE -fsanitize=address,undefined)
endif()
