export * from './action';
export * from './artifacts';
export * from './comments';
export * from './issues';
export * from './platform';
