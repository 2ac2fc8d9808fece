export * from './types.js';
export * from './time.js';
export * from './slug.js';
export * from './ids.js';
export * from './paths.js';
export * from './validate.js';
export * from './errors.js';
export * from './error-reasons.js';
