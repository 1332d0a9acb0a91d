// Loaded with --require before main.js: tracing must patch modules before they are first required.
import { startTelemetryFromEnv } from '@tradepilot/telemetry';

startTelemetryFromEnv('practices');
