# Shared by the infra/local scripts: locations, ports and process helpers.
# Every value can be overridden from the environment.

INFRA_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_LOCAL_DIR/../.." && pwd)"

: "${TRADEPILOT_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/tradepilot}"
: "${TRADEPILOT_INFRA_DIR:=$REPO_ROOT/.infra}"

: "${KAFKA_VERSION:=4.1.1}"
: "${KAFKA_HOST:=127.0.0.1}"
: "${KAFKA_PORT:=9092}"
: "${KAFKA_CONTROLLER_PORT:=9093}"
: "${KAFKA_HEAP:=-Xms256m -Xmx512m}"
# JIT and GC of the broker JVM (a fault test that restarts brokers passes its own: see PrivateKafka)
: "${KAFKA_JVM_FLAGS:=-XX:+UseG1GC}"
: "${KAFKA_DATA_DIR:=$TRADEPILOT_INFRA_DIR/kafka}"

: "${FERRETDB_HOST:=127.0.0.1}"
: "${FERRETDB_PORT:=27017}"
: "${FERRETDB_DATA_DIR:=$TRADEPILOT_INFRA_DIR/ferretdb}"
# SQLite's fsync policy: WAL with `normal` survives a killed process (only a power loss can undo
# the last commits) and spares an fsync per written document; the crash tests' servers use `full`
: "${FERRETDB_SQLITE_SYNCHRONOUS:=normal}"
# Go's collector target: FerretDB allocates for every document it converts; at the default (100)
# collection took a sixth of its CPU in a test run, at 400 a fortieth, for ~12 MB more memory
: "${FERRETDB_GOGC:=400}"

: "${JAEGER_HOST:=127.0.0.1}"
: "${JAEGER_OTLP_GRPC_PORT:=4317}"
: "${JAEGER_OTLP_HTTP_PORT:=4318}"
: "${JAEGER_QUERY_PORT:=16686}"
: "${JAEGER_QUERY_GRPC_PORT:=16685}"
: "${JAEGER_DATA_DIR:=$TRADEPILOT_INFRA_DIR/jaeger}"

: "${INFRA_READY_TIMEOUT_S:=90}"

export TRADEPILOT_CACHE TRADEPILOT_INFRA_DIR KAFKA_VERSION KAFKA_HOST KAFKA_PORT KAFKA_CONTROLLER_PORT \
  KAFKA_DATA_DIR FERRETDB_HOST FERRETDB_PORT FERRETDB_DATA_DIR FERRETDB_SQLITE_SYNCHRONOUS FERRETDB_GOGC JAEGER_HOST JAEGER_OTLP_GRPC_PORT \
  JAEGER_OTLP_HTTP_PORT JAEGER_QUERY_PORT JAEGER_QUERY_GRPC_PORT JAEGER_DATA_DIR

log() { printf '[%s] %s\n' "$COMPONENT" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$COMPONENT" "$*" >&2; exit 1; }

require_tool() {
  # $1 command, $2 what to install when it is missing
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH. Install $2, then run this again."
}

# One readable line per build phase; the tools' own chatter goes to $DATA_DIR/build.log and is
# shown only when the phase fails.
build_cached() {
  # $1 what, $2 where it is cached
  log "$1: cached in $2"
}

build_step() {
  # $1 what is being built, rest: the command (a function must stop at its own first error:
  # errexit does not apply inside a tested command)
  local what="$1" logf="$DATA_DIR/build.log" started rc=0
  shift
  mkdir -p "$DATA_DIR" "$TRADEPILOT_CACHE"
  # the cache is shared by every checkout on this machine: one build of a server at a time
  {
    if ! flock -n 8; then
      log "waiting for another checkout's build into $TRADEPILOT_CACHE"
      flock 8
    fi
    if built; then log "$what: built meanwhile by another checkout"; return 0; fi
    started=$SECONDS
    printf '[%s] %s (not cached; log: %s) … ' "$COMPONENT" "$what" "${logf#"$REPO_ROOT"/}" >&2
    "$@" >"$logf" 2>&1 || rc=$?
  } 8>"$TRADEPILOT_CACHE/.build-$COMPONENT.lock"
  if [ "$rc" -eq 0 ]; then
    printf 'done in %ss\n' "$((SECONDS - started))" >&2
    return 0
  fi
  printf 'failed after %ss. The end of %s:\n' "$((SECONDS - started))" "$logf" >&2
  tail -n 40 "$logf" | sed 's/^/    /' >&2
  exit 1
}

pid_file() { echo "$1/server.pid"; }

running_pid() {
  # prints the pid recorded in data dir $1 when that process is alive
  local f; f="$(pid_file "$1")"
  [ -f "$f" ] || return 1
  local pid; pid="$(cat "$f")"
  [ -n "$pid" ] && alive "$pid" && echo "$pid"
}

alive() {
  # a killed server can linger as a zombie until it is reaped; that is not alive
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [ -n "$state" ] && [ "${state:0:1}" != Z ]
}

start_detached() {
  # $1 data dir, $2 log file, rest: command. Runs in its own session so it outlives this shell.
  local dir="$1" logf="$2"; shift 2
  # 9>&- : the server must not inherit the lock infra.sh holds on fd 9
  setsid nohup "$@" >>"$logf" 2>&1 < /dev/null 9>&- &
  echo $! > "$(pid_file "$dir")"
}

stop_pid() {
  # $1 data dir, $2 seconds to wait before SIGKILL
  local dir="$1" grace="${2:-20}" pid
  pid="$(running_pid "$dir")" || { rm -f "$(pid_file "$dir")"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "did not stop within ${grace}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$(pid_file "$dir")"
}

probe() {
  # $1 component (kafka|ferretdb|jaeger): asks the server itself, see probe.mjs
  node "$INFRA_LOCAL_DIR/probe.mjs" "$1"
}

wait_ready() {
  # $1 component, $2 data dir: polls the server until it answers, the process dies, or the timeout
  # (one probe process polling, not one per attempt)
  local pid status=0
  pid="$(running_pid "$2")" || die "the process exited during start; see $2/server.log"
  node "$INFRA_LOCAL_DIR/probe.mjs" "$1" --wait "$INFRA_READY_TIMEOUT_S" --pid "$pid" >/dev/null 2>&1 || status=$?
  case "$status" in
    0) ;;
    3) die "the process exited during start; see $2/server.log" ;;
    *) die "not ready after ${INFRA_READY_TIMEOUT_S}s; see $2/server.log" ;;
  esac
}

dispatch() {
  # common command line of every server script
  case "${1:-}" in
    build) build ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    logs) tail -n "${LINES_TO_SHOW:-50}" "$DATA_DIR/server.log" 2>/dev/null || log "no log yet at $DATA_DIR/server.log" ;;
    *) echo "usage: $0 build|start|stop|status|logs" >&2; exit 2 ;;
  esac
}

status_of() {
  # $1 component, $2 data dir, $3 address shown
  local pid
  if pid="$(running_pid "$2")"; then
    if probe "$1" >/dev/null 2>&1; then echo "$1: up (pid $pid, $3)"; return 0; fi
    echo "$1: not answering (pid $pid alive, $3; see $2/server.log)"; return 1
  fi
  if probe "$1" >/dev/null 2>&1; then echo "$1: up on $3 but not started by these scripts"; return 0; fi
  echo "$1: down"; return 1
}
