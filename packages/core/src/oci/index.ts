export * from './artifact';
export * from './auth';
export * from './client';
export * from './http';
export * from './reference';
