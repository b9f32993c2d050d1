#!/usr/bin/env bash
# Packs the connector into artifacts/ (or the folder given): the Connector.Core, Connector.Operations and
# Connector.Browse libraries (README, license, symbols as .snupkg, SourceLink, deterministic CI build) and the
# `connector` command line as a RID-specific dotnet tool (.NET 10): Connector.Tool, the package users name, points to
# Connector.Tool.linux-x64 (ReadyToRun: starts without JIT-compiling the connector and its libraries) and to
# Connector.Tool.any (the portable build every other platform installs); `dotnet tool install` picks the one that fits.
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
