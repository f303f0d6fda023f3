# shellcheck shell=bash disable=SC2034  # SERVE_* are read by the scripts that source this
# Sourced by scripts/check-site and scripts/screenshot: start scripts/serve.py on a free
# 127.0.0.1 port in the background and stop it on exit.
#   serve_start DIR   -> sets SERVE_PID, SERVE_PORT, SERVE_URL (http://127.0.0.1:PORT)
# Needs WORK (a temporary directory the caller removes) to be set.

SERVE_PID=
serve_stop() {
    if [[ -n "${SERVE_PID}" ]]; then
        kill "${SERVE_PID}" 2>/dev/null || true
        wait "${SERVE_PID}" 2>/dev/null || true
        SERVE_PID=
    fi
}

serve_start() {
    local dir=$1 portfile="${WORK}/port" i
    python3 "$(dirname "${BASH_SOURCE[0]}")/serve.py" "${dir}" "${portfile}" &
    SERVE_PID=$!
    for ((i = 0; i < 100; i++)); do
        [[ -s "${portfile}" ]] && break
        if ! kill -0 "${SERVE_PID}" 2>/dev/null; then
            echo "error: the local web server exited at start" >&2
            SERVE_PID=
            return 1
        fi
        sleep 0.1
    done
    if [[ ! -s "${portfile}" ]]; then
        echo "error: the local web server did not start within 10 s" >&2
        return 1
    fi
    SERVE_PORT=$(<"${portfile}")
    SERVE_URL="http://127.0.0.1:${SERVE_PORT}"
}
