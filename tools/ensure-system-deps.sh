#!/usr/bin/env bash
# Installs the system packages the test suite's real clients need, only when missing:
# LibreOffice Impress (opens the deck), Chromium (drives the HTML quiz), poppler (PDF text),
# the Carlito font (Calibri's metric twin, for rendering the deck), Node.js (the GIFT parser).
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# fc-list, not `fc-list | grep -q`: under pipefail grep -q closes the pipe at the first
# match, fc-list dies of SIGPIPE and the pipeline "fails" although the font is there.
fc-list : family 2>/dev/null | grep -i carlito >/dev/null || missing+=(fonts-crosextra-carlito)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
