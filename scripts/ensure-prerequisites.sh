#!/usr/bin/env bash
# Installs what NanoThing's build and tests need beyond the .NET 10 SDK: openssl (tests cross-check certificates),
# npm (the build installs the console's chart library), chromium (the console's browser tests); optionally the AWS CLI
# and boto3. The local AWS IoT stand-in itself needs nothing but .NET. Idempotent.
set -euo pipefail

missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# npm: the build installs the local console's chart library with `npm ci`; chromium: the console's browser tests.
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
# optional: the real AWS CLI and boto3, for the tests that run them against the stand-in's data plane (skipped without
# them); installed when apt-get can, never a reason to fail
optional=()
command -v aws >/dev/null 2>&1 || optional+=(awscli)
python3 -c 'import boto3' >/dev/null 2>&1 || optional+=(python3-boto3)
if [ ${#optional[@]} -gt 0 ] && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
  echo "installing ${optional[*]} (apt-get, optional)..."
  { $([ "$(id -u)" -eq 0 ] || echo sudo) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $([ "$(id -u)" -eq 0 ] || echo sudo) \
      apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null; } \
    || echo "note: ${optional[*]} could not be installed; the tests that use them are skipped" >&2
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "error: ${missing[*]} not installed and no root rights to install it; run: apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "installing ${missing[*]} (apt-get)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
