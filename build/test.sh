#!/usr/bin/env bash
# Builds the solution and runs the whole test suite (what CI and the README use).
# Usage: build/test.sh [extra dotnet test arguments, e.g. --filter Category=Sandbox]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test Connector.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line that any reader understands: "N passed, N failed, N skipped".
summary="$(grep -E '(Passed|Failed)!? +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)"
if [[ -n "$summary" ]]; then
  failed="$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")"
  passed="$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")"
  skipped="$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")"
  echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
fi
exit "$status"
