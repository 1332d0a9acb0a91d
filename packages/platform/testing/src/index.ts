export { infraConnection, type InfraConnection } from './infra-connection';
export {
  ensureInfra,
  ferretDbDataDir,
  infraScript,
  isAnswering,
  infraComponents,
  localInfraDir,
  type InfraComponent,
} from './local-infra';
export { eventually, type EventuallyOptions } from './eventually';
export { untilPasses } from './until-passes';
export { uniqueName, uniqueSuffix } from './unique-names';
export { repoRoot } from './repo-root';
export { PrivateFerretDB } from './private-ferretdb';
export { PrivateKafka } from './private-kafka';
export { testBrokerJvmFlags } from './test-broker-flags';
export { freePort, killServer } from './server-process';
export { forEachConcurrently } from './concurrent-each';
