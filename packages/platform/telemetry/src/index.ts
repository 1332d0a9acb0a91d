export { createLogger, redactedPaths, type Logger } from './logger';
export {
  startTelemetry,
  startTelemetryFromEnv,
  shutdownTelemetry,
  telemetryStarted,
  instrumentedLibraries,
  type TelemetryOptions,
} from './telemetry-sdk';
export { TenantSpanProcessor, tenantAttribute, actorRoleAttribute } from './tenant-span-processor';
export { CommandsAlwaysSampler, commandsAlwaysSampled, queryRatioFrom } from './command-sampler';
