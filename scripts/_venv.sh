# Shared by scripts/demo and scripts/test: a Python 3.11+ virtualenv in .venv.
VENV="${VENV:-.venv}"

ensure_venv() {
  local python=""
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
  if [ -z "$python" ]; then
    echo "error: Python 3.11 or newer is required (python3 --version)." >&2
    exit 2
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  fi
}
