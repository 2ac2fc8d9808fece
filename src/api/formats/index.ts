/**
 * The content API's output formats: pure functions from a public story (as
 * the site's read model gives it, figures resolved) to ninjs and NewsML-G2.
 * No HTTP, no database: the /api/v1 routes call these.
 */
export { storyToNinjs, type NinjsVersion } from './ninjs-out.js';
export { storyToNewsMlG2, KICKER_ROLE, CORRECTION_ROLE } from './newsml-g2-out.js';
export { NotPublicError, type OutputOptions } from './output-options.js';
