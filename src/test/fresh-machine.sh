#!/usr/bin/env bash
# Proof that the README's two commands work on a fresh machine (not run by CI; needs root, network, ~3 GB).
#
#   sudo src/test/fresh-machine.sh [commands|package|all] [WORKDIR]
#
# commands: debootstraps a minimal Debian 12 root, installs only openjdk-17-jdk-headless, maven and git, clones
#           this repository (its checked-out commit) into it and runs README command 1 headless (there is no
#           display in a chroot, so it must build, install the native libraries and stop with the one-line
#           "no display" exit 2), a headless `./tunebench run` of the rosenbrock sample, and README command 2.
# package:  builds the .deb with `mvn -Ppackage` in that root, installs it into a second minimal root without a
#           JDK or Maven, and runs `tunebench --version` and a headless `tunebench run` of the rosenbrock sample.
# Everything printed is appended, with times, to docs/FRESH-MACHINE.md of this repository.
# DEB=FILE installs that package instead of building one in the root of `commands`.
# FRESH_BASE=DIR reuses an already debootstrapped minimal root (copied, never changed).
set -euo pipefail
stage="${1:-all}"
work="${2:-/var/tmp/tunebench-fresh}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
record="$repo/docs/FRESH-MACHINE.md"
mirror="${MIRROR:-http://deb.debian.org/debian}"
[ "$(id -u)" -eq 0 ] || { echo "fresh-machine: run as root (debootstrap and chroot need it)" >&2; exit 2; }
mkdir -p "$work"

note() { printf '%s\n' "$*" | tee -a "$record"; }

# step TITLE ROOT COMMAND: runs COMMAND in ROOT as a login shell, records its output (last 40 lines) and time.
step() {
  local title="$1" root="$2" cmd="$3" t0 rc out
  t0=$(date +%s)
  out="$work/$(echo "$title" | tr -c 'a-zA-Z0-9' '-').log"
  set +e
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 /bin/bash -lc "$cmd" >"$out" 2>&1
  rc=$?
  set -e
  {
    printf '\n### %s\n\n```\n# %s\n' "$title" "$cmd"
    if [ "$(wc -l <"$out")" -gt 40 ]; then echo "[... $(($(wc -l <"$out") - 40)) earlier lines in the full log ...]"; fi
    tail -n 40 "$out" | sed 's/\x1b\[[0-9;]*m//g' 
    printf '```\nexit %s after %s s\n' "$rc" "$(($(date +%s) - t0))"
  } | tee -a "$record"
  return 0
}

new_root() {
  local root="$1"
  if [ -d "$root" ]; then return 0; fi
  if [ -n "${FRESH_BASE:-}" ]; then
    cp -a "$FRESH_BASE" "$root"
  else
    command -v debootstrap >/dev/null || apt-get install -y debootstrap
    local t0; t0=$(date +%s)
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1
    note "debootstrap --variant=minbase bookworm: $(($(date +%s) - t0)) s"
  fi
  # As on an installed system, the host name resolves (H2's file lock looks it up).
  printf '127.0.0.1 localhost\n127.0.1.1 %s\n::1 localhost\n' "$(hostname)" >"$root/etc/hosts"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # Behind a TLS-intercepting proxy, apt and Maven inside the root need the CAs this host added locally.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  fi
}

mounted=()
with_proc() {
  local root="$1"
  if ! mountpoint -q "$root/proc"; then mount -t proc proc "$root/proc"; mounted+=("$root/proc"); fi
  if ! mountpoint -q "$root/dev"; then
    mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"; mounted+=("$root/dev")
  fi
}
# Only what this run mounted: another stage may still be working in the same root.
release() {
  local m
  for m in "${mounted[@]}"; do umount -R "$m" 2>/dev/null || true; done
}
trap release EXIT

commands() {
  local root="$work/dev-root" commit
  commit="$(git -C "$repo" rev-parse --short HEAD)"
  new_root "$root"
  with_proc "$root"
  note ""; note "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'): README commands on minimal Debian 12, commit $commit"
  step "Install only what the README lists" "$root" \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven git >/dev/null && update-ca-certificates >/dev/null && java -version 2>&1 | head -1 && mvn -v | head -1"
  rm -rf "$root/src/tunebench"
  git clone -q "$repo" "$root/src/tunebench"
  git -C "$root/src/tunebench" checkout -q "$(git -C "$repo" rev-parse HEAD)"
  step "README command 1 (no display in a chroot: must build, install libraries, then exit 2 in one line)" "$root" \
    "cd /src/tunebench && ./tunebench gui sample-projects/rosenbrock/rosenbrock.json"
  step "Command 1 again (nothing stale: no build)" "$root" \
    "cd /src/tunebench && ./tunebench gui sample-projects/rosenbrock/rosenbrock.json"
  rest
}

# The headless run and README command 2 in the root `commands` prepared (also on their own: stage `rest`).
rest() {
  local root="$work/dev-root"
  with_proc "$root"
  step "Headless run of the rosenbrock sample" "$root" \
    "cd /src/tunebench/sample-projects/rosenbrock && ../../tunebench run rosenbrock.json --db /tmp/fresh-db/tb"
  step "README command 2" "$root" "cd /src/tunebench && ./verify"
}

package() {
  local root="$work/dev-root" pkg="$work/pkg-root" deb
  note ""; note "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'): the .deb on a minimal Debian 12 without a JDK or Maven"
  if [ -n "${DEB:-}" ]; then
    deb="$DEB"
    note "Package built outside the root with \`mvn -Ppackage -DskipTests package\` at commit $(git -C "$repo" rev-parse --short HEAD)."
  else
    with_proc "$root"
    # The clone `commands` made may predate the packaging profile: bring it to this repository's commit.
    git -C "$root/src/tunebench" fetch -q "$repo" HEAD && git -C "$root/src/tunebench" checkout -q FETCH_HEAD
    step "Build the .deb (jpackage needs fakeroot)" "$root" \
      "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fakeroot >/dev/null && cd /src/tunebench && mvn -B -q -Ppackage -DskipTests package && ls -l target/dist/*.deb"
    deb="$(ls "$root"/src/tunebench/target/dist/*.deb | head -n 1)"
  fi
  new_root "$pkg"
  with_proc "$pkg"
  cp "$deb" "$pkg/tmp/"
  mkdir -p "$pkg/tmp/rosenbrock/target"
  cp "$root/src/tunebench/sample-projects/rosenbrock/rosenbrock.json" "$pkg/tmp/rosenbrock/"
  cp "$root/src/tunebench/sample-projects/rosenbrock/target/rosenbrock-trainable.jar" "$pkg/tmp/rosenbrock/target/"
  step "Install the .deb" "$pkg" \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/$(basename "$deb") 2>&1 | grep -v '^debconf:' | tail -n 5; dpkg -s tunebench | grep Status && command -v tunebench && if command -v java mvn; then echo 'java or mvn on the PATH'; else echo 'no java, no mvn on the PATH'; fi"
  step "tunebench --version" "$pkg" "tunebench --version"
  step "Headless run with the installed command" "$pkg" \
    "cd /tmp/rosenbrock && tunebench run rosenbrock.json --db /tmp/fresh-db/tb"
  step "gui without a display" "$pkg" "tunebench gui /tmp/rosenbrock/rosenbrock.json"
}

case "$stage" in
  commands) commands ;;
  rest) rest ;;
  package) package ;;
  all) commands; package ;;
  *) echo "fresh-machine: unknown stage '$stage' (allowed: commands, rest, package, all)" >&2; exit 2 ;;
esac
