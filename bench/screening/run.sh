#!/usr/bin/env bash
# Conjunction screening speed and recall (not a unit test). Usage:
#   bench/screening/run.sh [CATALOG]     CATALOG: any element-set file; default the bundled active catalog
# 1. all-vs-all at 5 km over 24 hours and over 7 days, printing the time and the pairs left after each filter stage;
# 2. recall: 2,000 low-orbit objects of the bundled catalog over 24 hours against a brute-force scan of every pair
#    every 10 s (about a minute on two cores), printing the recall and every missed approach.
# Whole-catalog snapshots (26,000+ objects) are not shipped with Steppe: pass one by path.
set -euo pipefail
cd "$(dirname "$0")/../.."
catalog=${1:-data/catalog/2026-08-22_active.csv}

dotnet build bench/Steppe.Benchmarks -c Release --nologo -v quiet >/dev/null
bench() { dotnet bench/Steppe.Benchmarks/bin/Release/net10.0/Steppe.Benchmarks.dll "$@"; }

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== all-vs-all, 24 hours"
bench screen-rate "$catalog" --hours 24
echo "== all-vs-all, 7 days"
bench screen-rate "$catalog" --hours 168
echo "== recall against brute force"
bench screen-recall data/catalog/2026-08-22_active.csv --objects 2000 --hours 24
