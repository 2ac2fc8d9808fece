/**
 * What the desk's pages and API read about wire items and sources besides
 * the list (wire-queries.ts): the names of statuses, formats, transports and
 * withdrawal policies. The read side takes them from here, never from the
 * repositories that write.
 */
export { WIRE_STATUSES, type WireStatus } from './wire-repository.js';
export { WIRE_SOURCE_FORMATS, WIRE_TRANSPORTS, WITHDRAW_POLICIES, type WireRule, type WireSource } from './wire-source-repository.js';
