#!/usr/bin/env bash
# Installs what NanoThing's tests need beyond the .NET 10 SDK: openssl (used by tests to cross-check certificates).
# The local AWS IoT stand-in needs nothing but .NET. Idempotent.
set -euo pipefail

missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# npm: the build installs the local console's chart library with `npm ci`; chromium: the console's browser tests.
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "error: ${missing[*]} not installed and no root rights to install it; run: apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "installing ${missing[*]} (apt-get)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
