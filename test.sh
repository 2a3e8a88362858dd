#!/usr/bin/env bash
# Runs every NanoThing test on a Linux machine with the .NET 10 SDK (installs openssl when missing):
#   1. builds every host project (NanoThing.Host.slnf; the .nfproj files are for Visual Studio),
#   2. runs the device tests (device-tests/NanoThing.DeviceTests) through the host TestFramework runner,
#   3. runs the host tests (MSTest): portable-surface check, MQTT client, local AWS IoT stand-in, CLI, end to end.
# Prints one closing line "total: N passed, N failed, N skipped"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

scripts/ensure-prerequisites.sh || exit 2
dotnet build NanoThing.Host.slnf -c Release -nologo -v q -clp:ErrorsOnly || { echo "build failed"; exit 1; }

dotnet device-tests/NanoThing.DeviceTests/host/bin/Release/net10.0/NanoThing.DeviceTests.Host.dll | tee "$logs/device.log"
dotnet test NanoThing.Host.slnf -c Release --no-build -nologo 2>&1 | tee "$logs/host.log"

passed=0; failed=0; skipped=0
read -r p f s < <(sed -nE 's/^device-tests: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/p' "$logs/device.log" | tail -1)
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1})); skipped=$((skipped + ${s:-0}))
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$logs/host.log")
# a test host that crashed or a project that failed to run prints no summary line: count it as a failure
if grep -qE "Test Run Aborted|error MSB|The active test run was aborted" "$logs/host.log"; then failed=$((failed + 1)); fi

echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
