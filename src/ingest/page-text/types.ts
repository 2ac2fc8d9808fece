import type { StoryDraft } from '../../content/index.js';

export interface ImportOptions {
  /** Where the text came from (file name, URL); stored as the draft's `source`. */
  source?: string;
  /**
   * "Now" for the import: dates live-ticker entries when the page prints no
   * date of its own. Defaults to the current time (then the result depends on
   * the clock, and a warning says so).
   */
  now?: Date;
}

export interface ImportResult {
  /** A draft that passed validateDraft. */
  draft: StoryDraft;
  /** Things an editor should check: guessed headline, dates without time, dropped lines … */
  warnings: string[];
}
