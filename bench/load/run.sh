#!/usr/bin/env bash
# Bounded load run on loopback (not a unit test): starts 'steppe serve' on a free port with a temporary default catalog
# (its first run loads the bundled snapshot), then 50 concurrent clients for 30 s on the passes and positions endpoints;
# prints requests/s, p50/p90/p99 latency and the error count. Usage: bench/load/run.sh [CLIENTS] [SECONDS]
# bench/load/run.sh heavy [CLIENTS] [SECONDS]: CLIENTS (default 20) read passes, first alone, then while one more client
# sends maximal conjunction requests; prints both tables and the ratio of the readers' p99 latency (target: within 2x).
# Set STEPPE_LOAD_CPUS (e.g. 0,1) to pin the server and the clients to those cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=load
if [ "${1:-}" = heavy ]; then mode=heavy; shift; fi
clients=${1:-$([ $mode = heavy ] && echo 20 || echo 50)}
seconds=${2:-30}
pin=()
if [ -n "${STEPPE_LOAD_CPUS:-}" ]; then pin=(taskset -c "$STEPPE_LOAD_CPUS"); fi

dotnet build src/Steppe.Cli -c Release --nologo -v quiet >/dev/null
dotnet build bench/load/Steppe.LoadClient -c Release --nologo -v quiet >/dev/null

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
url="http://127.0.0.1:$port"
STEPPE_DB="$work/catalog.db" Logging__LogLevel__Default=Warning \
  "${pin[@]}" dotnet src/Steppe.Cli/bin/Release/net10.0/steppe.dll serve --urls "$url" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 240); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
curl -fs "$url/health" >/dev/null || { echo "steppe serve did not start"; cat "$work/server.log"; exit 1; }

echo "Machine: $(nproc) cores${STEPPE_LOAD_CPUS:+ (pinned to $STEPPE_LOAD_CPUS)}, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); server and clients share them."
client=("${pin[@]}" dotnet bench/load/Steppe.LoadClient/bin/Release/net10.0/Steppe.LoadClient.dll --url "$url" --clients "$clients")
if [ $mode = load ]; then
  "${client[@]}" --seconds "$seconds"
  exit
fi

# Warm up (JIT, catalog cache), then the readers alone, then the readers beside one heavy client.
"${client[@]}" --passes-only --seconds 5 >/dev/null || true
client+=(--seconds "$seconds")
"${client[@]}" --passes-only | tee "$work/alone.txt"
"${client[@]}" --passes-only --heavy 1 | tee "$work/heavy.txt"
alone=$(awk '$1 == "passes" { print $6 }' "$work/alone.txt")
loaded=$(awk '$1 == "passes" { print $6 }' "$work/heavy.txt")
awk -v a="$alone" -v b="$loaded" 'BEGIN { printf "readers p99: %.1f ms alone, %.1f ms beside the heavy client: %.2fx (target 2x)\n", a, b, b / a }' 
