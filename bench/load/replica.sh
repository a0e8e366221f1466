# Sourced by setup/load (after setup/lib.sh): a local streaming replica of the
# PostgreSQL cluster and the parts usage report read on it.
#
# run_replica DB: copies the running cluster with pg_basebackup into
# <cluster data directory>-sps-replica (a hot standby streaming from it, on its own port and
# socket), adds 100,000 usage lines to DB on the primary, waits until the
# replica has replayed them, then bench/load/replica_report.py opens DB with
# db_replica_host/db_replica_port and reads the usage pivot on the replica
# (bench/results/replica.json). The replica is stopped and removed on return,
# whatever happens.

# Beside the cluster's own data directory and in /tmp: places the postgres
# user can reach (the state directory may be in a private home).
REPLICA_DIR=""
REPLICA_SOCKET="/tmp/sps-replica-socket"

_as_postgres() { su postgres -s /bin/sh -c "$*"; }

_stop_replica() {
    local bin="$1"
    [ -n "$REPLICA_DIR" ] || return 0
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        _as_postgres "$bin/pg_ctl -D '$REPLICA_DIR' -m fast -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$REPLICA_DIR" "$REPLICA_SOCKET"
}

run_replica() {
    local db="$1" ver bin port status=0
    ver="$(pg_lsclusters -h | awk '$4 == "online" {print $1; exit}')"
    [ -n "$ver" ] || die "no online PostgreSQL cluster to copy."
    bin="/usr/lib/postgresql/$ver/bin"
    REPLICA_DIR="$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $4 == "online" {print $6; exit}')-sps-replica"
    port=$((PGPORT + 100))
    _stop_replica "$bin"
    mkdir -p "$REPLICA_SOCKET" && chown postgres "$REPLICA_SOCKET"
    say "replica: pg_basebackup of the cluster on port $PGPORT (PostgreSQL $ver)"
    _as_postgres "pg_basebackup -h /var/run/postgresql -p $PGPORT -D '$REPLICA_DIR' -X stream -R -c fast" \
        || { _stop_replica "$bin"; die "pg_basebackup failed (replication rights in pg_hba.conf?)."; }
    cat > "$REPLICA_DIR/postgresql.conf" <<CONF
port = $port
listen_addresses = ''
unix_socket_directories = '$REPLICA_SOCKET'
hot_standby = on
hba_file = '/etc/postgresql/$ver/main/pg_hba.conf'
ident_file = '/etc/postgresql/$ver/main/pg_ident.conf'
CONF
    chown postgres "$REPLICA_DIR/postgresql.conf"
    trap '_stop_replica "'"$bin"'"' EXIT
    _as_postgres "$bin/pg_ctl -D '$REPLICA_DIR' -l '$REPLICA_DIR/replica.log' -w start" >/dev/null \
        || { _stop_replica "$bin"; die "the replica did not start (see its log)."; }
    say "replica: hot standby on port $port, streaming"
    "$VENV/bin/python" bench/load/replica_report.py -c "$CONF" --db "$db" \
        --replica-host "$REPLICA_SOCKET" --replica-port "$port" \
        --out bench/results/replica.json || status=1
    _stop_replica "$bin"
    trap - EXIT
    return $status
}
