export * from './intake.js';
export * from './embedded-metadata.js';
export * from './storage.js';
export * from './renditions.js';
export * from './asset-repository.js';
export * from './media-library.js';
export * from './s3-storage.js';
export * from './media-uses.js';
