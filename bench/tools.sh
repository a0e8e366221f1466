# Sourced by setup/bench and setup/load after setup/lib.sh: the virtualenv of
# the measuring tools (Locust, matplotlib), kept apart from Odoo's so that
# Locust's gevent never changes the pins Odoo runs with.
TOOLS_VENV="$STATE_DIR/venv-tools"

ensure_tools_venv() {
    local want
    want="$(stamp_of "$ROOT/setup/requirements-load.txt")"
    if [ -x "$TOOLS_VENV/bin/python" ] && [ "$(cat "$TOOLS_VENV/.stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    say "building the tools virtualenv in $TOOLS_VENV (Locust, matplotlib)"
    "$PY" -m venv "$TOOLS_VENV"
    "$TOOLS_VENV/bin/pip" install -q -r "$ROOT/setup/requirements-load.txt" \
        || die "installing Locust and matplotlib (setup/requirements-load.txt) failed."
    echo "$want" > "$TOOLS_VENV/.stamp"
}
