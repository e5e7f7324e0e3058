#!/usr/bin/env bash
# The README's test command: installs what the tests need (Chromium, Graphviz, xmllint, networkx, the npm
# judges; see .ci/install), then runs every test. Extra arguments go to `dotnet test`.
#   bash test.sh                                   # everything
#   bash test.sh --filter "FullyQualifiedName~Web"  # a part
set -uo pipefail
cd "$(dirname "$0")"
if [ "$(id -u)" -eq 0 ]; then
  bash .ci/install || { echo "test.sh: installing the test tools failed (see above)" >&2; exit 1; }
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo bash .ci/install || { echo "test.sh: installing the test tools failed (see above)" >&2; exit 1; }
else
  bash .ci/install --check || { echo "test.sh: run 'sudo bash .ci/install' once, then this again" >&2; exit 1; }
fi
exec dotnet test Graph.sln "$@"
