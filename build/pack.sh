#!/usr/bin/env bash
# Packs the connector into artifacts/ (or the folder given): the Connector.Core, Connector.Operations and
# Connector.Browse libraries (README, license, symbols as .snupkg, SourceLink, deterministic CI build) and the
# `connector` command line as a dotnet tool package (Connector.Tool).
# Usage: build/pack.sh [OUTPUT_FOLDER]
#   then: dotnet tool install --global Connector.Tool --add-source artifacts
# SourceLink maps the symbols to the GitHub remote "origin" (without one the packages build, with empty source links).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/artifacts}" && cd "${1:-$root/artifacts}" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
for project in Connector.Core Connector.Browse Connector.Operations Connector.Host; do
  dotnet pack "$project/$project.csproj" -c Release -o "$out" --nologo -p:ConnectorPack=true
done
ls -1 "$out"
