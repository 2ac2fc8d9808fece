/** Styles of topic pages (introduction, timeline); appended to the site's stylesheet. */
export const TOPIC_CSS = [
  '.intro p{font-size:1.125rem}',
  '.days,.days ol{list-style:none;margin:0;padding:0}',
  '.days h3{font-size:1rem;margin:1.5rem 0 .25rem;padding-bottom:.25rem;border-bottom:1px solid #c5ced8}',
  '.days li li{display:flex;gap:.75rem;margin:.5rem 0}',
  '.days li li>time{flex:0 0 5rem;color:#4a4a4a;font-variant-numeric:tabular-nums}',
].join('');
