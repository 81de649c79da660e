#!/usr/bin/env bash
# The chaos run: a 3-silo cluster of separate processes on a private PostgreSQL, all on loopback, under load from
# `bench load` for --minutes (10), with a SIGKILL and restart of a random silo every minute, one silo paused (SIGSTOP)
# for 20 s and one PostgreSQL crash-restart (pg_ctl -m immediate). Afterwards `bench chaos verify` checks, through the
# database and the API, everything the load generator was told succeeded. Exit code 0 only if nothing was violated.
#   bench/Chaos/run-chaos.sh [--minutes 10] [--integrations 12] [--operators 4] [--planners 2] [--stock 5]
#                            [--sla-seconds 60] [--out DIR]
# Output in DIR (default ./chaos-out/<time>): silo and database logs, the ledger, the load's timeline (CSV), the
# fault events (CSV, for charts), load.txt and verify.txt (name value unit figures).
set -euo pipefail

minutes=10 integrations=12 operators=4 planners=2 stock=5 sla=60 out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes=$2 ;; --integrations) integrations=$2 ;; --operators) operators=$2 ;; --planners) planners=$2 ;;
    --stock) stock=$2 ;; --sla-seconds) sla=$2 ;; --out) out=$2 ;;
    *) echo "run-chaos.sh: unknown option '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
  shift 2
done
[[ $minutes -ge 3 ]] || { echo "run-chaos.sh: --minutes must be at least 3 (the pause and the database restart need the room)" >&2; exit 2; }

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${out:-chaos-out/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out" && out=$(cd "$out" && pwd)
pgdata=$(mktemp -d /tmp/ordercluster-chaos-pg.XXXXXX) # under /tmp so the postgres user can reach it whoever runs this
grace=60
silos=3 http_base=5280 silo_base=11280
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$pg_bin/initdb" ]] || { echo "run-chaos.sh: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)" >&2; exit 2; }
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ordercluster"
key="chaos-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
bench="$root/bench/bin/Release/net10.0/OrderCluster.Bench.dll"
silo_dll="$root/silo/bin/Release/net10.0/OrderCluster.Silo.dll"
urls=$(for i in $(seq 1 $silos); do printf 'http://127.0.0.1:%d,' $((http_base + i)); done); urls=${urls%,}
declare -a pids
started=$(date +%s)

log() { echo "[chaos $(date -u +%H:%M:%S)] $*" >&2; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
elapsed() { echo $(( $(date +%s) - load_started )); }
event() { echo "$(elapsed),$1" >>"$out/events.csv"; log "t+$(elapsed)s $1"; }

start_silo() {
  local i=$1
  dotnet "$silo_dll" --urls "http://127.0.0.1:$((http_base + i))" \
    --Storage:Provider=Postgres --Storage:ConnectionString="$connection" \
    --Cluster:SiloPort=$((silo_base + i)) --Cluster:AdvertisedAddress=127.0.0.1 \
    --Api:BootstrapKeys:0:Tenant=chaos --Api:BootstrapKeys:0:Key="$key" --Api:BootstrapKeys:0:Roles:0=admin \
    --Api:RateLimitPermits=1000000 >>"$out/silo-$i.log" 2>&1 &
  pids[$i]=$!
}

# A silo process that is alive (a killed one stays a zombie until reaped, which `kill -0` does not tell apart).
alive() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $state != Z* ]]; }

# Like a supervisor (systemd, Kubernetes) would: a silo that exited by itself (one the cluster declared dead after a pause
# stops itself, as it must) is started again.
supervise() {
  for i in $(seq 1 $silos); do
    alive "${pids[$i]}" && continue
    wait "${pids[$i]}" 2>/dev/null || true
    event "silo $i exited by itself; restarted"
    start_silo "$i"; ready_in_background "$i"
  done
}

# Records when a restarted silo answers /readyz again, without holding up the fault schedule.
ready_in_background() { ( wait_ready "$1" && event "silo $1 ready" ) & }

wait_ready() {
  local i=$1 deadline=$(( $(date +%s) + 120 ))
  until curl -sf -o /dev/null "http://127.0.0.1:$((http_base + i))/readyz"; do
    [[ $(date +%s) -lt $deadline ]] || { log "silo $i not ready after 120 s; see $out/silo-$i.log"; return 1; }
    sleep 0.5
  done
}

cleanup() {
  for i in "${!pids[@]}"; do kill -CONT "${pids[$i]}" 2>/dev/null || true; kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  [[ -n ${load_pid:-} ]] && kill -TERM "$load_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl" -D "$pgdata/data" -m fast stop >/dev/null 2>&1 || true
  cp "$pgdata/postgres.log" "$out/" 2>/dev/null || true
  rm -rf "$pgdata"
}
trap cleanup EXIT

log "building the silo and bench (Release)"
dotnet build -c Release "$root/silo" -v q --nologo >"$out/build.log" 2>&1
dotnet build -c Release "$root/bench" -v q --nologo >>"$out/build.log" 2>&1

log "starting PostgreSQL on 127.0.0.1:$pg_port (data in $pgdata; durable: fsync on, so a crash loses no commit)"
[[ $(id -u) -eq 0 ]] && chown postgres "$pgdata"
as_pg "$pg_bin/initdb" -D "$pgdata/data" -U postgres -A trust >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pgdata/data" -l "$pgdata/postgres.log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300" start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE ordercluster" >/dev/null

for i in $(seq 1 $silos); do start_silo "$i"; done
for i in $(seq 1 $silos); do wait_ready "$i"; log "silo $i ready: pid ${pids[$i]}, http://127.0.0.1:$((http_base + i))"; done
dotnet "$bench" chaos prepare --url "$urls" --key "$key" --sla-seconds "$sla"

echo "elapsed_s,label" >"$out/events.csv"
log "load: $integrations integrations, $operators operators, $planners planners for $minutes min, $stock units per SKU"
load_started=$(date +%s)
timeout $(( minutes * 60 + 600 )) dotnet "$bench" load --url "$urls" --key "$key" --duration $(( minutes * 60 )) \
  --integrations "$integrations" --operators "$operators" --planners "$planners" --stock "$stock" \
  --ledger "$out/ledger.jsonl" --timeline "$out/timeline.csv" >"$out/load.txt" 2>"$out/load.log" &
load_pid=$!

# The faults, by seconds since the load started: a kill every minute, the pause at 3:30, the database restart at 6:30
# (or at 2/3 of a shorter run).
pause_at=$(( minutes >= 7 ? 210 : 90 )) restart_db_at=$(( minutes >= 7 ? 390 : minutes * 40 ))
schedule=$( { for m in $(seq 1 $(( minutes - 1 ))); do echo "$(( m * 60 )) kill"; done; echo "$pause_at pause"; echo "$restart_db_at database"; } | sort -n)
while read -r at fault; do
  while [[ $(elapsed) -lt $at ]]; do sleep 1; supervise; alive "$load_pid" || break 2; done
  i=$(( RANDOM % silos + 1 ))
  case $fault in
    kill)
      kill -KILL "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true
      event "SIGKILL silo $i"
      start_silo "$i"; ready_in_background "$i" ;;
    pause)
      kill -STOP "${pids[$i]}" 2>/dev/null || true; event "SIGSTOP silo $i"
      sleep 20; kill -CONT "${pids[$i]}" 2>/dev/null || true; event "SIGCONT silo $i" ;;
    database)
      event "PostgreSQL crash-restart"
      as_pg "$pg_bin/pg_ctl" -D "$pgdata/data" -m immediate -w restart -l "$pgdata/postgres.log" \
        -o "-p $pg_port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300" >/dev/null
      event "PostgreSQL back" ;;
  esac
done <<<"$schedule"

while alive "$load_pid"; do sleep 1; supervise; done
load_rc=0; wait "$load_pid" || load_rc=$?; load_pid=""
log "load finished (exit $load_rc); letting the last SLA deadlines come due and the streams drain for $(( sla + grace + 15 )) s"
for _ in $(seq 1 $(( sla + grace + 15 ))); do sleep 1; supervise; done
for i in $(seq 1 $silos); do wait_ready "$i" || true; done

verify_rc=0
dotnet "$bench" chaos verify --url "$urls" --key "$key" --postgres "$connection" --ledger "$out/ledger.jsonl" \
  --grace-seconds "$grace" >"$out/verify.txt" 2>"$out/verify.log" || verify_rc=$?
cat "$out/verify.log" >&2

# The checker must be able to fail: the same ledger with one acknowledged order that was never made has to be refused.
{ cat "$out/ledger.jsonl"; echo '{"kind":"order","idempotencyKey":"chaos-self-check","orderId":"never-created","status":"approved","version":1,"lines":[],"at":"2000-01-01T00:00:00Z"}'; } >"$out/ledger-tampered.jsonl"
self_check_rc=0
dotnet "$bench" chaos verify --url "$urls" --key "$key" --postgres "$connection" --ledger "$out/ledger-tampered.jsonl" \
  --grace-seconds "$grace" --patience-seconds 1 >/dev/null 2>"$out/self-check.log" || self_check_rc=$?

echo
echo "== chaos run summary ($(( ($(date +%s) - started) / 60 )) min, output in $out) =="
echo "faults:"; tail -n +2 "$out/events.csv" | sed 's/^/  t+/; s/,/s  /'
echo "load (exit $load_rc):"; grep -E '^load\.(orders|commands|reads)(\.acked| )|^load\.(create|allocate)\.p(50|99) |^load\.errors' "$out/load.txt" | sed 's/^/  /' || true
echo "verification (exit $verify_rc):"; grep -E '^chaos\.' "$out/verify.txt" | sed 's/^/  /'
if [[ $self_check_rc -eq 1 ]]; then echo "self-check: a tampered ledger (one order never made) is refused, as it must be"
else echo "SELF-CHECK FAILED: verify answered $self_check_rc to a ledger with an order that was never made"; fi

[[ $verify_rc -eq 0 && $load_rc -eq 0 && $self_check_rc -eq 1 ]] && { echo "CHAOS RUN PASSED"; exit 0; }
echo "CHAOS RUN FAILED (load $load_rc, verify $verify_rc, self-check $self_check_rc)"; exit 1
