# Layers the build enforces. Headers are included by their path from the top ("core/...",
# "backend/pg/...", "ui/..."), but no target gets the source root on its include path: each layer
# is reachable only through an include root of its own, a directory in the build tree holding one
# link to that layer. A target sees a layer's headers only if it links a library of that layer, so
# ui/ (which links trefoil_core, never a backend library) cannot include a backend header.
function(trefoil_layer_include_root target layer)
    set(root ${PROJECT_BINARY_DIR}/include/${layer})
    if(NOT EXISTS ${root}/${layer})
        file(MAKE_DIRECTORY ${root})
        file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${layer} ${root}/${layer} SYMBOLIC)
    endif()
    target_include_directories(${target} PUBLIC ${root})
endfunction()
