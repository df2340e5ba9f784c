# Sourced by scripts/run and scripts/test: installs the Debian packages Trefoil needs, if missing.
TREFOIL_PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-websockets-dev qt6-charts-dev qt6-tools-dev
                  qt6-l10n-tools libqt6opengl6-dev libgl-dev libpq-dev postgresql xvfb xauth clang-format
                  curl procps git nodejs npm)

trefoil_install_packages() {
    local missing=()
    for package in "${TREFOIL_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    # Node may come from elsewhere than Debian (as on our CI image): then it is not missing.
    if command -v node >/dev/null && command -v npm >/dev/null; then
        missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
    fi
    local wanted=()
    for package in "${missing[@]}"; do [ -n "$package" ] && wanted+=("$package"); done
    [ ${#wanted[@]} -eq 0 ] && return 0
    echo "Installing: ${wanted[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
}
