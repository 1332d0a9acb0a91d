#!/usr/bin/env bash
# FerretDB v1.24.2 (MongoDB wire protocol) on its SQLite backend, built from our Go tools module.
set -euo pipefail
COMPONENT=ferretdb
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

DATA_DIR="$FERRETDB_DATA_DIR"
MODULE_DIR="$INFRA_LOCAL_DIR/ferretdb"
# the binary is keyed by the module files, so a version bump rebuilds it
BINARY="$TRADEPILOT_CACHE/bin/ferretdb-$(cat "$MODULE_DIR/go.mod" "$MODULE_DIR/go.sum" | sha256sum | cut -c1-12)"
VERSION="$(sed -n 's#^[[:space:]]*github.com/FerretDB/FerretDB \(v[^ ]*\).*#\1#p' "$MODULE_DIR/go.mod")"

built() { [ -x "$BINARY" ]; }

build() {
  if built; then build_cached "FerretDB $VERSION" "$BINARY"; return 0; fi
  require_tool go "Go 1.24 or newer (https://go.dev/doc/install; Debian backports: golang-1.24)"
  mkdir -p "$(dirname "$BINARY")"
  build_step "building FerretDB $VERSION from the Go module proxy, about a minute" vendored_build
}

# FerretDB panics at start unless build/version/version.txt is embedded, and the module zip has
# none (FerretDB #2982). It cannot be overlaid inside GOMODCACHE, so the build vendors our tools
# module in a scratch copy outside the tree and writes that file into the vendored package.
vendored_build() (
  work="$TRADEPILOT_CACHE/build/ferretdb"
  rm -rf "$work" && mkdir -p "$work" && cp "$MODULE_DIR/go.mod" "$MODULE_DIR/go.sum" "$work/" && cd "$work" &&
    go mod vendor &&
    echo "$VERSION" > vendor/github.com/FerretDB/FerretDB/build/version/version.txt &&
    go build -mod=vendor -o "$BINARY.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb &&
    mv "$BINARY.tmp" "$BINARY" &&
    rm -rf "$work"
)

start() {
  if running_pid "$DATA_DIR" >/dev/null; then wait_ready ferretdb "$DATA_DIR"; log "already running"; return 0; fi
  built || build
  mkdir -p "$DATA_DIR/sqlite"
  start_detached "$DATA_DIR" "$DATA_DIR/server.log" env GOGC="$FERRETDB_GOGC" "$BINARY" \
    --listen-addr="$FERRETDB_HOST:$FERRETDB_PORT" \
    --handler=sqlite --sqlite-url="file:$DATA_DIR/sqlite/?_pragma=synchronous($FERRETDB_SQLITE_SYNCHRONOUS)" \
    --telemetry=disable --debug-addr=- --log-level=warn --state-dir="$DATA_DIR"
  wait_ready ferretdb "$DATA_DIR"
  log "ready on $FERRETDB_HOST:$FERRETDB_PORT"
}

stop() { stop_pid "$DATA_DIR" 15; }
status() { status_of ferretdb "$DATA_DIR" "mongodb://$FERRETDB_HOST:$FERRETDB_PORT"; }

dispatch "$@"
