/**
 * What the read side (newsroom pages, API) may know of wire sources: the
 * allowed values and the shapes. Writing is wire-source-repository.ts's
 * (through services/wire-desk.ts).
 */

export const WIRE_SOURCE_FORMATS = ['auto', 'digitalwires', 'ninjs', 'newsml-g2'] as const;
export type WireSourceFormat = (typeof WIRE_SOURCE_FORMATS)[number];
export const WIRE_TRANSPORTS = ['wireq', 'push', 'folder', 's3', 'manual'] as const;
export type WireTransport = (typeof WIRE_TRANSPORTS)[number];
export const WITHDRAW_POLICIES = ['flag', 'depublish'] as const;
export type WithdrawPolicy = (typeof WITHDRAW_POLICIES)[number];

/** A category a rule matches: scheme plus code (qcode, tail after the last ":" also counts) or name, case-insensitively. */
export interface WireCategoryMatch {
  scheme: string;
  code?: string;
  name?: string;
}

/** Auto-publish: an incoming item with a matching category is taken over and published by the system. */
export interface AutoPublishRule {
  when: WireCategoryMatch;
  publish: true;
}

export interface WireSource {
  id: string;
  name: string;
  format: WireSourceFormat;
  transport: WireTransport;
  /** What the transport needs (URL, folder, bucket prefix…) and `section`, the default section of stories taken over. */
  settings: Record<string, unknown>;
  /** True when a push secret is set (the secret itself is only handed to the push transport). */
  hasSecret: boolean;
  withdrawPolicy: WithdrawPolicy;
  autoPublish: AutoPublishRule[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A mapping rule: a category to a section and/or topics. */
export interface WireRule extends WireCategoryMatch {
  section?: string;
  topics: string[];
}
