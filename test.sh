#!/usr/bin/env bash
# Runs every NanoThing test on a Linux machine with the .NET 10 SDK (installs openssl when missing):
#   1. builds every host project (NanoThing.Host.slnf; the .nfproj files are for Visual Studio),
#   2. runs each device-test assembly (device-tests/NanoThing.DeviceTests.*/host) through the host TestFramework runner,
#   3. runs the host tests (MSTest): portable-surface check, MQTT client, local AWS IoT stand-in, CLI, end to end.
# Prints one closing line "total: N passed, N failed, N skipped"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

scripts/ensure-prerequisites.sh || exit 2
dotnet build NanoThing.Host.slnf -c Release -nologo -v q -clp:ErrorsOnly || { echo "build failed"; exit 1; }

device_runs=0
for project in device-tests/NanoThing.DeviceTests.*/host/*.Host.csproj; do
  name=$(basename "$project" .csproj)
  device_runs=$((device_runs + 1))
  dotnet "$(dirname "$project")/bin/Release/net10.0/$name.dll" | tee "$logs/device-$name.log"
done
dotnet test NanoThing.Host.slnf -c Release --no-build -nologo 2>&1 | tee "$logs/host.log"

passed=0; failed=0; skipped=0
# one summary line per device-test assembly; an assembly that printed none (crashed, refused) counts as a failure
[ "$device_runs" -gt 0 ] || failed=$((failed + 1))
for log in "$logs"/device-*.log; do
  [ -e "$log" ] || continue
  p=""; f=""; s=""
  read -r p f s < <(sed -nE 's/^device-tests: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/p' "$log" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1})); skipped=$((skipped + ${s:-0}))
done
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \3 \4/p' "$logs/host.log")
# a test host that crashed or a project that failed to run prints no summary line: count it as a failure
if grep -qE "Test Run Aborted|error MSB|The active test run was aborted" "$logs/host.log"; then failed=$((failed + 1)); fi

echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
