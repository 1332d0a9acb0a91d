/** Where the real local servers listen; the defaults match infra/local/lib.sh. */
export interface InfraConnection {
  kafkaBrokers: string[];
  mongoUrl: string;
  otlpTracesUrl: string;
  jaegerQueryUrl: string;
}

export function infraConnection(env: NodeJS.ProcessEnv = process.env): InfraConnection {
  const kafkaHost = env['KAFKA_HOST'] ?? '127.0.0.1';
  const mongoHost = env['FERRETDB_HOST'] ?? '127.0.0.1';
  const jaegerHost = env['JAEGER_HOST'] ?? '127.0.0.1';
  return {
    kafkaBrokers: [`${kafkaHost}:${env['KAFKA_PORT'] ?? '9092'}`],
    mongoUrl: `mongodb://${mongoHost}:${env['FERRETDB_PORT'] ?? '27017'}/`,
    otlpTracesUrl: `http://${jaegerHost}:${env['JAEGER_OTLP_HTTP_PORT'] ?? '4318'}/v1/traces`,
    jaegerQueryUrl: `http://${jaegerHost}:${env['JAEGER_QUERY_PORT'] ?? '16686'}`,
  };
}
