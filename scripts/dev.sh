#!/usr/bin/env bash
# One entry point for a fresh Debian machine (and CI):
#   bash scripts/dev.sh build   install everything, then validate, render DOCX/PDF and build the site
#   bash scripts/dev.sh test    install everything, then run the whole test suite
#   bash scripts/dev.sh setup   install only
# System packages come from Debian (LibreOffice, Thai fonts, poppler, Chromium); Python packages
# go into ./.venv from pyproject.toml; the documents' font TH Sarabun New comes from a PyPI wheel,
# checked against the SHA-256 pinned in generator/fonts.py (khrongkan fonts install).
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libreoffice-writer-nogui fonts-thai-tlwg poppler-utils chromium)

install_system_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "==> installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_python_packages() {
  local python=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$python" -m venv .venv
  fi
  echo "==> installing khrongkan and its test tools into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
}

install_fonts() {
  # Skips the download when the four styles are already installed with the pinned hashes.
  .venv/bin/khrongkan fonts install
}

setup() {
  install_system_packages
  install_python_packages
  install_fonts
}

case "${1:-}" in
  setup) setup ;;
  build) setup; .venv/bin/khrongkan build ;;
  test)  setup; shift; .venv/bin/python -m pytest "$@" ;;
  *) echo "usage: bash scripts/dev.sh build|test|setup" >&2; exit 2 ;;
esac
