/**
 * Load with `node --require @tradepilot/telemetry/register main.js` (service name from
 * OTEL_SERVICE_NAME), or call `startTelemetryFromEnv` from an app's own instrumentation file.
 * Instrumentation patches modules as they are required, so it must run before express, mongoose
 * or kafkajs load.
 */
import { startTelemetryFromEnv } from './telemetry-sdk';

startTelemetryFromEnv(process.env['OTEL_SERVICE_NAME'] ?? 'tradepilot');
