export * from './tenant-registry';
export * from './tenant-scope';
export * from './model-definition';
export * from './database-connection';
export * from './tenant-databases';
export * from './duplicate-key';
export {
  runInContext,
  currentContext,
  requireTenant,
  type RequestContext,
  type ContextActor,
} from '@tradepilot/context';
export * from './projection-stamps';
