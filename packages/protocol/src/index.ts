export * from './channels.ts';
export * from './ids.ts';
export * from './links.ts';
export * from './schemas.ts';
export * from './time.ts';
export * from './types.ts';
export * from './validate.ts';
