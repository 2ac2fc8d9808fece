import type { NavSection } from './layout.js';

/** The reader's Web Push opt-in control for the page footer (issue 14; being built). */
export function pushOptInHtml(lang: string, sections: readonly NavSection[]): string {
  void lang;
  void sections;
  return '';
}
