export { EventRecorder, type RecordedEvent } from './event-recorder';
export { readTrace, waitForTrace, ancestry, type TraceSpan } from './jaeger-traces';
export {
  startTestStack,
  startReplica,
  dropPrefixedDatabases,
  deletePrefixedTopics,
  patientDeadlines,
  testUserPassword,
  type TestStack,
  type TestStackOptions,
} from './test-stack';
export { ServiceUnderTest } from './service-under-test';
export { inProcessServiceEnv } from './in-process-service-env';
export { PrivateFerretDB, PrivateKafka } from '@tradepilot/testing';
export {
  eventually,
  untilPasses,
  ferretDbDataDir,
  localInfraDir,
  repoRoot,
  uniqueSuffix,
  infraConnection,
} from '@tradepilot/testing';
export { StackKafka } from './stack-kafka';
export { testPrincipals, MovableClock } from './test-principals';
