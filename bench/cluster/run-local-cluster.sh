#!/usr/bin/env bash
# Starts N silo processes on this machine as one cluster sharing a PostgreSQL database, and stops them on Ctrl-C.
#   bench/cluster/run-local-cluster.sh 3 "Host=127.0.0.1;Port=5432;Username=postgres;Database=ordercluster"
# Silo i listens for HTTP on 5080+i and for silo traffic on 11110+i; logs go to ./cluster-logs/silo-i.log.
set -euo pipefail
count=${1:?usage: run-local-cluster.sh COUNT CONNECTION_STRING}
connection=${2:?usage: run-local-cluster.sh COUNT CONNECTION_STRING}
root=$(cd "$(dirname "$0")/../.." && pwd)

dotnet build -c Release "$root/silo" >/dev/null
mkdir -p cluster-logs
pids=()
stop() { echo "stopping silos"; kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop INT TERM

for i in $(seq 1 "$count"); do
  dotnet "$root/silo/bin/Release/net10.0/OrderCluster.Silo.dll" \
    --urls "http://127.0.0.1:$((5080 + i))" \
    --Storage:Provider=Postgres --Storage:ConnectionString="$connection" \
    --Cluster:SiloPort=$((11110 + i)) --Cluster:AdvertisedAddress=127.0.0.1 \
    >"cluster-logs/silo-$i.log" 2>&1 &
  pids+=($!)
  echo "silo $i: pid $!, http://127.0.0.1:$((5080 + i)), silo port $((11110 + i))"
done

echo "Ctrl-C stops the cluster (SIGTERM: each silo drains and leaves)."
wait
