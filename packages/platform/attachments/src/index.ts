export * from './attachment-models';
export * from './attachment-store';
export * from './attachment-access';
export * from './attachment-errors';
export * from './attachment-routes';
export * from './content-types';
export * from './service-attachments';
export * from './xlsx-limits';
