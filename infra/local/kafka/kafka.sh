#!/usr/bin/env bash
# Apache Kafka, single-node KRaft (broker + controller), from Maven Central jars.
set -euo pipefail
COMPONENT=kafka
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

DATA_DIR="$KAFKA_DATA_DIR"
ARTIFACT_DIR="$TRADEPILOT_CACHE/kafka-$KAFKA_VERSION"
CLASSPATH_FILE="$ARTIFACT_DIR/classpath"

built() { [ -s "$CLASSPATH_FILE" ] && classpath_present; }

build() {
  if built; then build_cached "Kafka $KAFKA_VERSION jars" "$ARTIFACT_DIR (jars in ~/.m2)"; return 0; fi
  require_tool java "a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)"
  require_tool mvn "Apache Maven 3.8+ (Debian: apt-get install maven)"
  mkdir -p "$ARTIFACT_DIR"
  build_step "resolving the Kafka $KAFKA_VERSION jars from Maven Central" \
    mvn -B -f "$INFRA_LOCAL_DIR/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE"
}

classpath_present() {
  local jar
  for jar in $(tr ':' ' ' < "$CLASSPATH_FILE"); do [ -f "$jar" ] || return 1; done
}

# KAFKA_SCRAM_USERS="admin:secret,plans:secret2" (optional): the client listener speaks
# SASL_PLAINTEXT with SCRAM-SHA-512 for these users (created at format time with --add-scram),
# ACLs are enforced, and the first user is the super user (the broker itself uses it).
: "${KAFKA_SCRAM_USERS:=}"

scram_user() { echo "${KAFKA_SCRAM_USERS%%,*}"; }
if [ -n "$KAFKA_SCRAM_USERS" ]; then
  # the readiness probe signs in as the super user
  SCRAM_ADMIN="$(scram_user)"
  export KAFKA_SASL_USERNAME="${SCRAM_ADMIN%%:*}" KAFKA_SASL_PASSWORD="${SCRAM_ADMIN#*:}"
fi

write_config() {
  local listener=PLAINTEXT
  [ -z "$KAFKA_SCRAM_USERS" ] || listener=SASL_PLAINTEXT
  cat > "$DATA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=$listener://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=$listener://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=$listener
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,$listener:$listener
log.dirs=$DATA_DIR/log
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# the producers' KAFKA_MAX_MESSAGE_BYTES default (relay quarantines larger events); same in infra/compose/kafka/start.sh
message.max.bytes=1048576
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  [ -n "$KAFKA_SCRAM_USERS" ] || return 0
  local admin; admin="$(scram_user)"
  # the controller listener stays on loopback without SASL: its principal (ANONYMOUS) is the broker itself
  cat >> "$DATA_DIR/server.properties" <<PROPS
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin%%:*}" password="${admin#*:}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:${admin%%:*};User:ANONYMOUS
allow.everyone.if.no.acl.found=false
PROPS
}

scram_arguments() {
  local user
  local IFS=','
  for user in $KAFKA_SCRAM_USERS; do
    printf '%s\n' --add-scram "SCRAM-SHA-512=[name=${user%%:*},password=${user#*:}]"
  done
}

new_cluster_id() {
  local id
  # Kafka refuses an id that starts with '-' on its command line
  until id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" && [ "${id:0:1}" != "-" ]; do :; done
  echo "$id"
}

# Class data sharing: the classes a broker loads, archived once per Kafka classpath and Java
# runtime (the first broker that stops cleanly writes them at exit; `stop` moves the file into the
# cache). Every later JVM, the format tool's too, maps them instead of loading and verifying them:
# a broker's start took 2.6 -> 1.6 CPU-s, the format tool's 2.2 -> 1.4 (C1, serial GC; G1 alike).
# A JVM that finds the archive unusable says so in its log and starts without it.
cds_archive() {
  local java_bin jvm_lib runtime=""
  java_bin="$(readlink -f "$(command -v java)")"
  jvm_lib="$(dirname "$java_bin")/../lib/server/libjvm.so"
  [ -f "$jvm_lib" ] && runtime="$(stat -c '%s %Y' "$jvm_lib")"
  echo "$ARTIFACT_DIR/classes-$( { cat "$CLASSPATH_FILE"; echo "$java_bin $runtime"; } | sha256sum | cut -c1-12).jsa"
}

set_java_run() {
  # $1: "broker" may write the class archive when there is none yet
  local archive cds=()
  archive="$(cds_archive)"
  if [ -s "$archive" ]; then
    cds=("-XX:SharedArchiveFile=$archive")
  elif [ "${1:-}" = broker ]; then
    # (without its notes on each class it leaves out)
    cds=("-XX:ArchiveClassesAtExit=$DATA_DIR/classes.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  # shellcheck disable=SC2206
  JAVA_RUN=(java $KAFKA_HEAP $KAFKA_JVM_FLAGS "${cds[@]}" -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$INFRA_LOCAL_DIR/kafka/log4j2.xml" "-Dkafka.logs.dir=$DATA_DIR"
    -cp "$(cat "$CLASSPATH_FILE")")
}

start() {
  if running_pid "$DATA_DIR" >/dev/null; then wait_ready kafka "$DATA_DIR"; log "already running"; return 0; fi
  built || build
  mkdir -p "$DATA_DIR/log"
  write_config
  # one cluster id per data dir, so a restart reuses the formatted log
  set_java_run
  # each JVM started costs seconds on a busy machine: a restart skips the formatting, a first
  # start makes its cluster id here (a base64url UUID, as StorageTool random-uuid does)
  if [ ! -s "$DATA_DIR/log/meta.properties" ]; then
    [ -s "$DATA_DIR/cluster.id" ] || new_cluster_id > "$DATA_DIR/cluster.id"
    local scram=()
    [ -z "$KAFKA_SCRAM_USERS" ] || mapfile -t scram < <(scram_arguments)
    "${JAVA_RUN[@]}" kafka.tools.StorageTool format --ignore-formatted -t "$(cat "$DATA_DIR/cluster.id")" \
      -c "$DATA_DIR/server.properties" "${scram[@]}" >> "$DATA_DIR/console.log" 2>&1
  fi

  set_java_run broker
  start_detached "$DATA_DIR" "$DATA_DIR/console.log" "${JAVA_RUN[@]}" kafka.Kafka "$DATA_DIR/server.properties"
  wait_ready kafka "$DATA_DIR"
  log "ready on $KAFKA_HOST:$KAFKA_PORT"
}

stop() {
  stop_pid "$DATA_DIR" 30
  keep_class_archive
}

keep_class_archive() {
  # the broker wrote its classes at exit: the first such file becomes the cached archive (a rename,
  # so a JVM starting meanwhile maps a whole file or none)
  local written="$DATA_DIR/classes.jsa" archive
  [ -s "$written" ] || return 0
  [ -s "$CLASSPATH_FILE" ] || return 0
  archive="$(cds_archive)"
  if [ -s "$archive" ]; then rm -f "$written"; return 0; fi
  mv -f "$written" "$archive.$$" && mv -f "$archive.$$" "$archive"
}
status() { status_of kafka "$DATA_DIR" "$KAFKA_HOST:$KAFKA_PORT"; }

dispatch "$@"
