#!/usr/bin/env bash
# Installs what Rehearse needs, idempotently, so the README's two commands work on a fresh Debian 12
# machine that has only Node.js 20 and npm: npm dependencies (again only when package-lock.json changed)
# and the Debian packages each mode needs.   Usage: scripts/setup.sh run|test
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

# Debian packages by mode; later capabilities add theirs here.
run_packages=(tesseract-ocr tesseract-ocr-eng ffmpeg pocketsphinx pocketsphinx-en-us)
test_packages=(pocketsphinx-testdata asterisk-core-sounds-en-g722 espeak-ng sox chromium)

install_debian_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: Debian packages missing: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_npm_dependencies() {
  local stamp=node_modules/.rehearse-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
}

# The web app's bundle (dist/web), rebuilt when its sources or the lockfile changed.
build_web() {
  [ -f web/vite.config.ts ] || return 0
  local stamp=dist/web/.rehearse-sources.sha256 want
  want=$( (find web -type f -not -path '*/node_modules/*' -print0 | sort -z | xargs -0 sha256sum; sha256sum package-lock.json) | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "setup: building the web app (vite build)"
  npm run --silent build:web >/dev/null
  echo "$want" >"$stamp"
}

# The scorer's word-vector table (dist/lexicon), derived once from the npm package.
build_lexicon() {
  node --import tsx scripts/build-lexicon.ts
}

case "$mode" in
  run) install_debian_packages "${run_packages[@]}" ;;
  test) install_debian_packages "${run_packages[@]}" "${test_packages[@]}" ;;
  *) echo "usage: scripts/setup.sh run|test" >&2; exit 2 ;;
esac
install_npm_dependencies
build_web
build_lexicon
