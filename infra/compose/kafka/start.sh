#!/bin/sh
# Kafka for the compose deployment: SASL/SCRAM on the internal listener, ACLs enforced.
# The SCRAM users (admin, one per service, the replay tool) come from the secrets volume and
# are added when the storage is first formatted (StorageTool --add-scram); later starts keep them.
set -eu
secrets=/secrets/platform
admin_password="$(cat "$secrets/kafka-admin-password")"
props=/tmp/server.properties
cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=SASL_PLAINTEXT://:19092,CONTROLLER://localhost:9093
advertised.listeners=SASL_PLAINTEXT://kafka:19092
inter.broker.listener.name=SASL_PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
# the controller listener is bound to localhost: its principal (ANONYMOUS) is the broker itself
super.users=User:admin;User:ANONYMOUS
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
log.dirs=/var/lib/kafka/data
num.partitions=3
# one broker: replication factor 1, min.insync 1 (production profile: 3 and 2, README)
default.replication.factor=1
min.insync.replicas=1
# the producers' KAFKA_MAX_MESSAGE_BYTES (the relay quarantines larger events)
message.max.bytes=1048576
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
# the healthcheck's client configuration (inside this container only)
cat > /tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
PROPS
set --
while IFS='=' read -r name password; do
  [ -n "$name" ] && set -- "$@" --add-scram "SCRAM-SHA-512=[name=$name,password=$password]"
done < "$secrets/kafka-scram-users"
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c "$props" "$@"
exec /opt/kafka/bin/kafka-server-start.sh "$props"
