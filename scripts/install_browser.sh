#!/usr/bin/env bash
# Install the headless browser the HTML-report test uses (tests/test_browser.py):
# Debian `chromium` (/usr/bin/chromium) and `chromium-driver` (/usr/bin/chromedriver), plus DejaVu fonts
# so Vietnamese diacritics render. Keep this list consistent with .ci/run.
set -euo pipefail
PACKAGES=(chromium chromium-driver fonts-dejavu-core)
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium and chromedriver already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
chromium --version
chromedriver --version
