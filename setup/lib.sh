# Shared functions of setup/run and setup/test. Sourced, not executed.
# Everything here is idempotent: a second call on a ready machine only checks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-$HOME/.cache/odoo/19.0}"
ODOO_BRANCH_URL="${ODOO_BRANCH_URL:-https://github.com/odoo/odoo.git}"
STATE_DIR="${SPS_STATE_DIR:-$HOME/.cache/spare-parts-suite}"
PY="${PYTHON:-python3}"
PG_VERSION_WANTED="${PG_VERSION_WANTED:-15}"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 2; }

stamp_of() { cat "$@" 2>/dev/null | sha1sum | cut -c1-12; }

ensure_python() {
    command -v "$PY" >/dev/null || die "python3 is missing: install Python 3.11+ (apt-get install python3 python3-venv)."
    "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
        || die "Python 3.10+ is required, found $("$PY" --version): set PYTHON to a newer interpreter."
}

ensure_odoo_src() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -d "$ODOO_SRC/addons/stock" ]; then
        command -v git >/dev/null || die "Odoo source missing at $ODOO_SRC and git is not installed to clone it."
        say "Odoo source missing at $ODOO_SRC: cloning the 19.0 branch"
        mkdir -p "$(dirname "$ODOO_SRC")"
        git clone --depth 1 --branch 19.0 "$ODOO_BRANCH_URL" "$ODOO_SRC" \
            || die "Could not clone Odoo 19.0 into $ODOO_SRC: put an Odoo 19.0 Community source tree there or set ODOO_SRC."
    fi
    grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py" \
        || die "$ODOO_SRC is not Odoo 19.0 (odoo/release.py): set ODOO_SRC to an Odoo 19.0 source tree."
}

apt_install() {
    # apt_install PKG...: install Debian packages that are missing.
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing system packages: ${missing[*]} (no apt-get here to install them)."
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
        || die "could not install ${missing[*]} with apt-get: install them by hand."
}

ensure_system_packages() {
    apt_install libpq-dev gcc python3-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev
}

VENV="$STATE_DIR/venv"
ensure_venv() {
    local want
    want="$(stamp_of "$ROOT/setup/requirements.txt" "$ROOT/setup/requirements-addons.txt" "$ROOT/setup/odoo-constraints.txt" "$ODOO_SRC/requirements.txt")"
    if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    ensure_system_packages
    say "building the virtualenv in $VENV"
    mkdir -p "$STATE_DIR"
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip wheel "setuptools<81"
    # Odoo's pinned requirements, without LDAP (only auth_ldap needs it) and with the
    # pins of setup/odoo-constraints.txt replacing Odoo's own for the same packages.
    local overridden
    overridden="$(grep -vE '^\s*(#|$)' "$ROOT/setup/odoo-constraints.txt" | sed -E 's/[<>=!~; ].*//' | paste -sd'|')"
    grep -viE "^\s*(python-ldap|${overridden})\b" "$ODOO_SRC/requirements.txt" > "$STATE_DIR/odoo-requirements.txt"
    grep -vE '^\s*(#|$)' "$ROOT/setup/odoo-constraints.txt" >> "$STATE_DIR/odoo-requirements.txt"
    "$VENV/bin/pip" install -q -r "$STATE_DIR/odoo-requirements.txt" \
        || die "installing Odoo's Python requirements failed (see pip's output above)."
    # The Odoo source goes on the path through a .pth file: no build of Odoo itself.
    "$VENV/bin/python" - "$ODOO_SRC" <<'PY'
import sys, sysconfig, pathlib
pathlib.Path(sysconfig.get_paths()["purelib"], "odoo-src.pth").write_text(sys.argv[1] + "\n")
PY
    "$VENV/bin/pip" install -q -r "$ROOT/setup/requirements.txt" \
        || die "installing the suite's Python requirements failed."
    # OCA addons declare 'odoo==19.0.*', which no index serves: their own
    # dependencies are Odoo addons, so they are installed without resolving it.
    "$VENV/bin/pip" install -q --no-deps -r "$ROOT/setup/requirements-addons.txt" \
        || die "installing the OCA addons (helpdesk_mgmt) failed."
    echo "$want" > "$VENV/.stamp"
}

# ---------------------------------------------------------------- PostgreSQL
PGHOST_USED=""
ensure_postgres() {
    # A reachable server configured by the environment (PGHOST...) wins.
    if [ -n "${PGHOST:-}" ] && pg_isready -q 2>/dev/null; then
        PGHOST_USED="$PGHOST"; return 0
    fi
    apt_install postgresql postgresql-client
    local ver cluster="main"
    ver="$(pg_lsclusters -h 2>/dev/null | awk '{print $1}' | sort -V | tail -n1)"
    if [ -z "$ver" ]; then
        ver="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
        say "creating PostgreSQL $ver cluster"
        pg_createcluster "$ver" "$cluster" >/dev/null
    fi
    cluster="$(pg_lsclusters -h | awk -v v="$ver" '$1==v {print $2; exit}')"
    if ! pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
        say "starting PostgreSQL $ver/$cluster"
        # 9>&-: the server must not inherit the database job lock (fd 9) and hold it forever.
        pg_ctlcluster "$ver" "$cluster" start 9>&- || die "PostgreSQL $ver/$cluster did not start: see /var/log/postgresql."
    fi
    PGHOST_USED="/var/run/postgresql"
    export PGHOST="$PGHOST_USED"
    export PGPORT
    PGPORT="$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1==v && $2==c {print $3}')"
    local me; me="$(id -un)"
    if ! psql -d postgres -Atc "select 1" >/dev/null 2>&1; then
        say "creating PostgreSQL role '$me'"
        local as_pg="su postgres -c"
        [ "$(id -u)" -ne 0 ] && as_pg="sudo -u postgres sh -c"
        $as_pg "psql -p $PGPORT -qc \"CREATE ROLE \\\"$me\\\" LOGIN SUPERUSER\"" >/dev/null \
            || die "could not create the PostgreSQL role '$me': create it as the postgres user."
        $as_pg "createdb -p $PGPORT -O \"$me\" \"$me\"" >/dev/null 2>&1 || true
    fi
}

# ---------------------------------------------------------------- Odoo config
CONF="$STATE_DIR/odoo.conf"
ADDONS_PATH=""
write_config() {
    local site
    site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    ADDONS_PATH="$ROOT/addons,$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$site/odoo/addons"
    mkdir -p "$STATE_DIR/filestore"
    cat > "$CONF.new" <<CONF
[options]
addons_path = $ADDONS_PATH
data_dir = $STATE_DIR/filestore
db_host = ${PGHOST_USED}
db_port = ${PGPORT:-5432}
db_user = $(id -un)
admin_passwd = admin
http_interface = 127.0.0.1
http_port = ${SPS_HTTP_PORT:-8069}
list_db = True
log_level = warn
max_cron_threads = 1
CONF
    mv "$CONF.new" "$CONF"
}

odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"; }

db_exists() { psql -d postgres -Atc "select 1 from pg_database where datname='$1'" | grep -q 1; }

setup_all() {
    ensure_python
    ensure_odoo_src
    ensure_venv
    ensure_postgres
    write_config
}

# ---------------------------------------------------------------- databases
# Test databases are copies of a template holding the plain Odoo addons a
# profile depends on; the template is rebuilt only when Odoo or that list change.
template_for() {
    local deps="$1" demo="${2:-}" key
    key="$(printf '%s|%s|%s|%s' "$deps" "$demo" "$(stamp_of "$ODOO_SRC/odoo/release.py" "$VENV/.stamp")" \
        "$(git -C "$ODOO_SRC" rev-parse HEAD 2>/dev/null || ls -ld --time-style=+%s "$ODOO_SRC/addons" | awk '{print $6}')" \
        | sha1sum | cut -c1-10)"
    echo "sps_tpl_${demo:+demo_}$key"
}

copy_filestore() {
    local from="$STATE_DIR/filestore/filestore/$1" to="$STATE_DIR/filestore/filestore/$2"
    rm -rf "$to"
    if [ -d "$from" ]; then mkdir -p "$(dirname "$to")"; cp -a "$from" "$to"; fi
}

drop_db() {
    psql -d postgres -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$STATE_DIR/filestore/filestore/$1"
}

ensure_template() {
    # ensure_template DEPS [demo] -> prints the template name, building it when missing
    local deps="$1" demo="${2:-}" tpl
    tpl="$(template_for "$deps" "$demo")"
    if ! db_exists "$tpl" || ! psql -d "$tpl" -Atc "select 1 from ir_config_parameter where key='sps.template.ready'" 2>/dev/null | grep -q 1; then
        say "building template database $tpl ($deps)"
        drop_db "$tpl"
        local t0=$SECONDS
        odoo_bin -d "$tpl" -i "$deps" ${demo:+--with-demo} --stop-after-init --no-http \
            --log-level=warn >&2 \
            || die "installing $deps into $tpl failed (see the log above)."
        psql -d "$tpl" -qc "insert into ir_config_parameter (key, value) values ('sps.template.ready', '1')" >/dev/null
        say "template $tpl ready in $((SECONDS - t0))s"
    fi
    echo "$tpl"
}

new_db_from_template() {
    # new_db_from_template TEMPLATE DB
    drop_db "$2"
    createdb -T "$1" "$2" || die "could not copy database $1 to $2."
    copy_filestore "$1" "$2"
}
