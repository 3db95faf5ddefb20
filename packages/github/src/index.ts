export * from './action';
export * from './comments';
export * from './platform';
