export * from './app-process';
export * from './free-port';
export * from './local-stack';
export * from './internal-key-files';
export * from './demo-library';
export * from './demo-supervision';
export * from './demo-gateway';
export * from './own-apps';
