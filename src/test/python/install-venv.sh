#!/usr/bin/env bash
# Creates (or reuses) a Python venv and installs pinned requirements into it.
# Usage: install-venv.sh PYTHON VENV_DIR REQUIREMENTS_FILE
# Called by the Maven build (exec-maven-plugin) so a fresh clone needs nothing but python3.
set -euo pipefail
python_bin=$1 venv=$2 requirements=$3

if ! command -v "$python_bin" >/dev/null 2>&1; then
  echo "ERROR: '$python_bin' not found. The emulator tests need Python 3.9+ with the venv module (moto server is installed into $venv)." >&2
  exit 1
fi
stamp="$venv/.installed-$(sha256sum "$requirements" | cut -c1-16)"
if [ -f "$stamp" ]; then
  echo "venv $venv is up to date with $requirements"
  exit 0
fi
echo "Installing $(grep -vc '^\s*#' "$requirements") pinned Python requirement(s) from $requirements into $venv"
"$python_bin" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
rm -f "$venv"/.installed-*
touch "$stamp"
