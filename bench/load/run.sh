#!/usr/bin/env bash
# Bounded load run on loopback (not a unit test): starts 'steppe serve' on a free port with a temporary default catalog
# (its first run loads the bundled snapshot), then 50 concurrent clients for 30 s on the passes and positions endpoints;
# prints requests/s, p50/p90/p99 latency and the error count. Usage: bench/load/run.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${1:-50}
seconds=${2:-30}

dotnet build src/Steppe.Cli -c Release --nologo -v quiet >/dev/null
dotnet build bench/load/Steppe.LoadClient -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
url="http://127.0.0.1:$port"
STEPPE_DB="$work/catalog.db" Logging__LogLevel__Default=Warning \
  dotnet src/Steppe.Cli/bin/Release/net10.0/steppe.dll serve --urls "$url" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 240); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
curl -fs "$url/health" >/dev/null || { echo "steppe serve did not start"; cat "$work/server.log"; exit 1; }

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); server and clients share them."
dotnet bench/load/Steppe.LoadClient/bin/Release/net10.0/Steppe.LoadClient.dll --url "$url" --clients "$clients" --seconds "$seconds"
