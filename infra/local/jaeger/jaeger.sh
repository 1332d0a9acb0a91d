#!/usr/bin/env bash
# Jaeger v1.76.0 cmd/jaeger (= Jaeger 2.13, an OTel collector), memory storage, loopback only.
set -euo pipefail
COMPONENT=jaeger
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

DATA_DIR="$JAEGER_DATA_DIR"
MODULE_DIR="$INFRA_LOCAL_DIR/jaeger"
BINARY="$TRADEPILOT_CACHE/bin/jaeger-$(cat "$MODULE_DIR/go.mod" "$MODULE_DIR/go.sum" | sha256sum | cut -c1-12)"
VERSION="$(sed -n 's#^[[:space:]]*github.com/jaegertracing/jaeger \(v[^ ]*\).*#\1#p' "$MODULE_DIR/go.mod")"

built() { [ -x "$BINARY" ]; }

build() {
  if built; then build_cached "Jaeger $VERSION" "$BINARY"; return 0; fi
  require_tool go "Go 1.24 or newer (https://go.dev/doc/install; Debian backports: golang-1.24)"
  mkdir -p "$(dirname "$BINARY")"
  build_step "building Jaeger $VERSION from the Go module proxy, several minutes" compile
}

compile() {
  go -C "$MODULE_DIR" build -o "$BINARY.tmp" github.com/jaegertracing/jaeger/cmd/jaeger &&
    mv "$BINARY.tmp" "$BINARY"
}

start() {
  if running_pid "$DATA_DIR" >/dev/null; then wait_ready jaeger "$DATA_DIR"; log "already running"; return 0; fi
  built || build
  mkdir -p "$DATA_DIR"
  start_detached "$DATA_DIR" "$DATA_DIR/server.log" "$BINARY" --config="$MODULE_DIR/config.yaml"
  wait_ready jaeger "$DATA_DIR"
  log "ready: OTLP http://$JAEGER_HOST:$JAEGER_OTLP_HTTP_PORT, query http://$JAEGER_HOST:$JAEGER_QUERY_PORT"
}

stop() { stop_pid "$DATA_DIR" 15; }
status() { status_of jaeger "$DATA_DIR" "http://$JAEGER_HOST:$JAEGER_QUERY_PORT"; }

dispatch "$@"
