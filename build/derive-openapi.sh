#!/usr/bin/env bash
# Derives descriptor/openapi/connect-openapi-v37.derived.json (the endpoints, filters and JSON Schemas the
# connector needs) from the Connect OpenAPI document and descriptor/connect.descriptor.json.
# Usage: build/derive-openapi.sh [PATH-TO-YML]   (default: ../shared/connect-openapi/connect-openapi-v37.yml
#        relative to the repository root). Same input, byte-identical output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
yml="${1:-../shared/connect-openapi/connect-openapi-v37.yml}"
if [[ ! -f "$yml" ]]; then
  echo "derive-openapi: OpenAPI document not found: $yml" >&2
  exit 1
fi
dotnet run --project build/OpenApiDerivation/Connector.OpenApiDerivation.csproj -c Release -- \
  --openapi "$yml" \
  --descriptor descriptor/connect.descriptor.json \
  --output descriptor/openapi/connect-openapi-v37.derived.json
