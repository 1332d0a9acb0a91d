export * from './principal';
export * from './internal-token';
