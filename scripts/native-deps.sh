# Sourced by ./tunebench and ./verify. Native libraries the workbench and the samples load are looked up in the
# dynamic linker's cache; missing ones are installed with apt-get when this user may (root or passwordless
# sudo), otherwise the exact command is printed and the script exits 2 before building anything.

tb_linker_cache() {
  local c
  for c in ldconfig /sbin/ldconfig /usr/sbin/ldconfig; do
    if command -v "$c" >/dev/null 2>&1; then "$c" -p 2>/dev/null; return 0; fi
  done
}

# tb_require_libs SONAME:DEBIAN_PACKAGE ...
tb_require_libs() {
  [ "$(uname -s)" = Linux ] || return 0
  local cache pair lib missing=() pkgs=()
  cache="$(tb_linker_cache || true)"
  for pair in "$@"; do
    lib="${pair%%:*}"
    if ! grep -q "^[[:space:]]*${lib} " <<<"$cache"; then missing+=("$lib"); pkgs+=("${pair#*:}"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "tunebench: missing native libraries ${missing[*]} (Debian/Ubuntu packages: ${pkgs[*]});" \
      "install them with your system's package manager (e.g. Fedora: sudo dnf install gtk3 libXtst libgomp)" >&2
    exit 2
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      echo "tunebench: missing native libraries ${missing[*]}; install them, then run this again:" \
        "sudo apt-get install -y --no-install-recommends ${pkgs[*]}" >&2
      exit 2
    fi
  fi
  echo "tunebench: installing ${pkgs[*]} (for ${missing[*]}) with apt-get..." >&2
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${pkgs[@]}"; } >/dev/null; then
    echo "tunebench: apt-get failed; install by hand: sudo apt-get install -y --no-install-recommends ${pkgs[*]}" >&2
    exit 2
  fi
}

tb_require_build_tools() {
  if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    echo "tunebench: building needs JDK 17 and Maven 3.8 (javac and mvn on the PATH);" \
      "Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless maven" >&2
    exit 2
  fi
}

TB_GUI_LIBS=(libgtk-3.so.0:libgtk-3-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 libXtst.so.6:libxtst6)
# XGBoost4J's native library needs OpenMP; the xgboost sample's tests load it during every build.
TB_SAMPLE_LIBS=(libgomp.so.1:libgomp1)
# Headless GUI tests (Monocle) still render text through Pango.
TB_TEST_LIBS=(libpangoft2-1.0.so.0:libpangoft2-1.0-0 libgomp.so.1:libgomp1)
