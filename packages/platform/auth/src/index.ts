export * from './principal';
export * from './internal-token';
export * from './bounded-cache';
