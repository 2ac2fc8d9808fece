import { TOPIC_CSS } from './views/topic-css.js';

/**
 * The site's whole stylesheet, inlined into every page: one request less on a
 * cold cache and still far under the page-weight budget. Colours meet WCAG AA
 * contrast (text ≥ 4.5:1 on its background).
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;background:#fff}
a{color:#00457c}
a:hover,a:focus{color:#002a4d}
:focus-visible{outline:3px solid #d4570b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.site-header{background:#00345e;color:#fff}
.breaking{background:#a30016;color:#fff}
.breaking .bar{max-width:72rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline}
.breaking-label{font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.breaking a{color:#fff;font-weight:700;text-decoration:underline}
.breaking a:focus-visible{outline:3px solid #fff;outline-offset:2px}
.site-header .bar{max-width:72rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline}
.brand{color:#fff;font-weight:800;font-size:1.4rem;text-decoration:none;letter-spacing:.02em}
.brand:hover,.brand:focus{color:#fff;text-decoration:underline}
.site-nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.site-nav a{color:#fff;text-decoration:none;font-weight:600}
.site-nav a:hover,.site-nav a:focus,.site-nav a[aria-current]{text-decoration:underline}
main{max-width:72rem;margin:0 auto;padding:1rem}
.article{max-width:46rem}
.kicker{display:block;font-size:1rem;font-weight:700;color:#a3370b;letter-spacing:.01em;margin-bottom:.25rem}
h1{font-size:clamp(1.6rem,4vw,2.3rem);line-height:1.2;margin:.5rem 0 1rem}
h1 .headline{display:block}
h2{font-size:1.35rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
.teaser{font-weight:600;font-size:1.125rem}
.meta{color:#4a4a4a;font-size:.9375rem;margin:.5rem 0 1rem}
.meta p{margin:.1rem 0}
figure{margin:1.5rem 0}
figure img,.ph{display:block;width:100%;height:auto;background:#dfe6ee}
.ph{aspect-ratio:16/9;display:flex;align-items:flex-end;padding:.75rem;color:#2b3a4a;font-size:.875rem;background:linear-gradient(135deg,#dfe6ee,#b8c7d8)}
.ph.map{background:linear-gradient(135deg,#e3eedf,#c2d6b8)}
.ph.graphic{background:linear-gradient(135deg,#eee9df,#d8ccb8)}
figcaption{font-size:.9375rem;color:#333;padding-top:.4rem}
.credit{display:block;font-size:.8125rem;color:#4a4a4a}
blockquote{margin:0;font-size:1.2rem;font-style:italic;border-left:4px solid #00457c;padding:.25rem 0 .25rem 1rem}
.quote figcaption{padding-left:1.25rem}
.embed{border:1px solid #c5ced8;padding:.75rem 1rem;background:#f5f7fa}
.box{border-top:4px solid #00457c;background:#f5f7fa;padding:.25rem 1rem .5rem;margin:1.5rem 0}
.box>h2,.box>h3,.box>h4{margin:.5rem 0 .25rem;font-size:1.1rem}
.box p{margin:.5rem 0}
.dateline{font-weight:700}
p.dateline{margin-bottom:.25rem;font-size:.9375rem}
.source-line{color:#4a4a4a;font-size:.9375rem;margin:1.5rem 0 0}
.broadcast{border-top:1px solid #c5ced8;padding-top:.75rem;margin-top:2rem;color:#333}
.corrections{border-left:4px solid #b35900;padding:.25rem .75rem;margin:1.5rem 0;background:#fff8f0}
.ticker{list-style:none;padding:0;margin:1rem 0}
.ticker>li{border-left:3px solid #00457c;padding:0 0 .5rem 1rem;margin-bottom:1.5rem}
.ticker h2,.ticker h3{margin:.1rem 0 .25rem;font-size:1.15rem}
.ticker time{font-weight:700;color:#a3370b}
.badge{display:inline-block;font-size:.8125rem;font-weight:700;background:#00345e;color:#fff;padding:0 .4rem;border-radius:2px;margin-right:.4rem}
.badge.live{background:#b3261e}
.rail{margin-top:2.5rem;border-top:4px solid #00345e}
.rail h2{margin-top:.75rem}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1.25rem}
.card{display:flex;flex-direction:column}
.card figure{margin:0 0 .4rem}
.card .title{font-weight:700;line-height:1.3;margin:.2rem 0}
.card a{text-decoration:none;color:#1a1a1a}
.card a:hover .title,.card a:focus .title{text-decoration:underline}
.card .kicker{font-size:.875rem;margin:0}
.card p{margin:.2rem 0;font-size:.9375rem}
.lead-story{grid-column:1/-1}
.lead-story .title{font-size:1.6rem}
@media (min-width:48rem){.lead-story{display:grid;grid-template-columns:3fr 2fr;column-gap:1.5rem;align-content:start}.lead-story figure{grid-row:1/span 4}}
.section-block{margin:2rem 0}
.pager{display:flex;justify-content:space-between;margin:2rem 0}
.site-footer{background:#f0f3f6;margin-top:3rem}
.site-footer .bar{max-width:72rem;margin:0 auto;padding:1.5rem 1rem;font-size:.9375rem}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto}}
@media print{.site-header nav,.rail,.site-footer{display:none}}
.push-optin{border-bottom:1px solid #c5ced8;padding-bottom:1rem;margin-bottom:1rem}
.push-optin[hidden]{display:none}
.push-optin h2{font-size:1.15rem;margin:0 0 .5rem}
.push-optin fieldset{border:1px solid #8a96a3;border-radius:4px;margin:0 0 .75rem;padding:.5rem .75rem}
.push-optin fieldset fieldset{border:0;padding:0;margin:.25rem 0 0}
.push-optin legend{font-weight:700;padding:0 .25rem}
.push-optin fieldset fieldset legend{padding:0;font-weight:600}
.push-choices{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.push-choices label{display:inline-flex;align-items:center;gap:.4rem;min-height:2.75rem;cursor:pointer}
.push-choices input{width:1.25rem;height:1.25rem;margin:0;accent-color:#00457c}
.push-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:0}
.push-optin button{font:inherit;font-weight:600;min-height:2.75rem;padding:.4rem 1rem;border-radius:4px;border:2px solid #00457c;background:#00457c;color:#fff;cursor:pointer}
.push-optin button[type=button]{background:#fff;color:#00457c}
.push-optin button[hidden]{display:none}
.push-optin button:focus-visible,.push-choices input:focus-visible{outline:3px solid #d4570b;outline-offset:2px}
.push-status{min-height:1.6em;margin:.5rem 0 0;font-weight:600}
`.replace(/\n/g, '') + TOPIC_CSS;
