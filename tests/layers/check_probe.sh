#!/usr/bin/env bash
# check_probe.sh BUILD_DIR TARGET builds|fails [TEXT]: builds TARGET and checks that it built, or
# that it failed with TEXT in the compiler's output (so a probe that fails for another reason,
# such as a typo, does not pass as a layering error).
set -u
build_dir=$1 target=$2 expect=$3 text=${4:-}
output=$(cmake --build "$build_dir" --target "$target" 2>&1)
status=$?
if [ "$expect" = builds ]; then
    [ $status -eq 0 ] && exit 0
    echo "$target should build but did not:"; echo "$output"; exit 1
fi
if [ $status -eq 0 ]; then
    echo "$target built, but the layering rules say it must not"; exit 1
fi
if ! grep -q -- "$text: No such file or directory" <<<"$output"; then
    echo "$target failed, but not because $text is out of reach:"; echo "$output"; exit 1
fi
echo "$target is refused by the build: $text is not on its include path"
