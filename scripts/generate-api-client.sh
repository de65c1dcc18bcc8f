#!/usr/bin/env bash
# Regenerates the department API's C# client that the contract tests compile and call
# (tests/Evaluation.Web.Tests/DepartmentData/Client) from the approved OpenAPI document, which
# OpenApiApprovalTests holds equal to the served one. GeneratedClientTests fails until this has been run
# after a contract change; the arguments are the ones in Tools.KiotaArguments (ApiContractTests.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
out=tests/Evaluation.Web.Tests/DepartmentData/Client
KIOTA_UPDATE__DISABLED=true KIOTA_GENERATION__MAXDEGREEOFPARALLELISM=1 dotnet kiota generate --language CSharp \
  --openapi tests/Evaluation.Web.Tests/DepartmentData/openapi-v1.approved.json --output "$out" \
  --class-name DepartmentApiClient --namespace-name Evaluation.Web.Tests.DepartmentData.Client \
  --exclude-backward-compatible --clean-output --log-level Error
rm -f "$out/kiota-lock.json" "$out/.kiota.log"
echo "generated $(find "$out" -name '*.cs' | wc -l) files in $out"
