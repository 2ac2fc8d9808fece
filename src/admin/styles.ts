import { AUDIT_CSS } from './audit-page.js';
import { EDITOR_CSS } from './editor-page.js';
import { EDITOR_AGENCY_CSS } from './editor-agency-panel.js';
import { IMPORT_CSS } from './import-page.js';
import { REVISIONS_CSS } from './revisions-page.js';
import { MEDIA_CSS } from './media-pages.js';
import { LIST_CSS } from './story-list-page.js';
import { TAXONOMY_CSS } from './taxonomy-page.js';
import { USERS_CSS } from './users-page.js';
import { WIRE_CSS } from './wire-common.js';

/** The newsroom's base stylesheet. Screens append their own rules (one constant per screen file) in NEWSROOM_CSS below. */
const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f8}
a{color:#0b4f8a}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.nr-header{background:#1d2b36;color:#fff}
.nr-header .bar{max-width:80rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
.nr-header a,.nr-header button.link{color:#fff}
.nr-header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;margin:0;padding:0}
.nr-header .who{margin-left:auto;display:flex;gap:.75rem;align-items:center}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
button,.button{font:inherit;padding:.4rem .9rem;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;border-radius:3px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#0b4f8a}
button.danger{background:#a61b1b;border-color:#a61b1b}
button.link{background:none;border:0;padding:0;text-decoration:underline;color:#0b4f8a}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{font:inherit;padding:.4rem;border:1px solid #6b7680;border-radius:3px;background:#fff;color:#1a1a1a;max-width:100%}
input[type=text],input[type=email],input[type=password],input[type=search],textarea{width:100%}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.notice{padding:.6rem .9rem;border-left:4px solid #0b4f8a;background:#fff;margin:1rem 0}
.notice.error{border-color:#a61b1b;background:#fff4f4}
.notice.ok{border-color:#1e7b34;background:#f2fbf4}
.panel{background:#fff;border:1px solid #d5dbe1;border-radius:4px;padding:1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d5dbe1;vertical-align:top}
.login{max-width:24rem;margin:3rem auto}
.muted{color:#4d5963}
.count{font-size:.85rem;color:#4d5963}
.count.over{color:#a61b1b;font-weight:600}
`;

/** The Eilmeldung notice in the header (src/admin/layout.tsx): empty, it takes no room; shown, a red bar marks it. */
const WIRE_NOTICE_CSS = `
.eil-notice{max-width:80rem;margin:0 auto;padding:0 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.eil-notice.shown{padding:.25rem 1rem .75rem}
.eil-notice.shown .eil-notice-text{border-left:.35rem solid #ff6b57;padding-left:.6rem}
.eil-notice-text p{margin:0;font-weight:600}
.eil-notice-text p+p{margin-top:.25rem;font-weight:400}
`;

/** Served as one file (hashed URL) so pages stay small and the CSP needs no inline styles. Append screen CSS here, one line each. */
export const NEWSROOM_CSS = [
  BASE_CSS,
  LIST_CSS,
  EDITOR_CSS,
  IMPORT_CSS,
  REVISIONS_CSS,
  USERS_CSS,
  AUDIT_CSS,
  TAXONOMY_CSS,
  MEDIA_CSS,
  WIRE_CSS,
  EDITOR_AGENCY_CSS,
  WIRE_NOTICE_CSS,
].join('\n');
