#!/usr/bin/env bash
# Runs every NanoThing benchmark and prints the report (Markdown) on stdout; progress goes to stderr.
#   bench/run.sh                 full run (about 5-8 minutes on a 2-core machine), report also in bench/latest.md
#   bench/run.sh --smoke         every benchmark at small sizes (seconds): checks they build and run; figures not meaningful
#   bench/run.sh --only cycle,air,roundtrip,boot,scale,memory,commit,telemetry   a subset (ids as in bench/README.md)
#   bench/run.sh --only scale --scale-things 1000   the scale benchmark at the given levels only
# Needs the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prerequisites.sh >&2
dotnet build bench/NanoThing.Bench/NanoThing.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
out=()
case " $* " in *" --smoke "*) ;; *) out=(--out bench/latest.md) ;; esac
# 1000 TLS connections need about 2000 descriptors between the stand-in and the load generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec dotnet bench/NanoThing.Bench/bin/Release/net10.0/NanoThing.Bench.dll "$@" "${out[@]}"
