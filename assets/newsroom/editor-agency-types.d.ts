// Types of the editor's agency panel script (assets/newsroom/editor-agency.js),
// checked by tsconfig.assets.json. The answer mirrors the server's shapes
// (StoryAgencyView in src/services/wire-story-link.ts, agencyJson in
// src/api/wire-story-api.ts), restated here because those modules import Node.
import type { Block } from '../../src/content/types.js';
import type { EDITOR_AGENCY_TEXT } from '../../src/admin/i18n.js';

/** A newer agency version's text as story fields. */
export interface AgencyFields {
  kicker?: string;
  headline: string;
  teaser?: string;
  byline?: string;
  dateline?: string;
  body: Block[];
}

export type AgencyField = keyof AgencyFields;

export interface AgencyView {
  itemId: string;
  source: string;
  sourceName: string;
  guid: string;
  takenVersion: number;
  currentVersion: number;
  withdrawn: boolean;
  correction: boolean;
  embargoUntil?: string;
  alert?: 'withdrawn' | 'depublished';
  pubStatus: string;
  deskPath: string;
  update?: { version: number; correction: boolean; fields: AgencyFields; diff?: unknown };
}

/** GET /newsroom/api/stories/:id/agency (and the answer of …/agency/accept). */
export interface AgencyAnswer {
  agency: AgencyView | null;
  storyEmbargoUntil: string | null;
  /** What the panel shows, as one string (agencyKey on the server): a panel drawn with another key is redrawn. */
  key: string;
}

/** The panel's texts for the script (EDITOR_AGENCY_TEXT[lang].client). */
export type AgencyText = (typeof EDITOR_AGENCY_TEXT)['de']['client'];

/** The panel's JSON island (#agency-config), built by AgencyPanel in src/admin/editor-agency-panel.tsx. */
export interface AgencyConfig {
  storyId: string;
  /** The JSON the panel polls. */
  url: string;
  /** The editor page, whose panel replaces this one when the state changed. */
  page: string;
  /** The state the panel shows (agencyKey on the server). */
  key: string;
  canEdit: boolean;
  text: AgencyText;
}
