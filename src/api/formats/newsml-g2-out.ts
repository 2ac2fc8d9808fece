import type { Story } from '../../content/index.js';
import { bodyHtml, bodyText, esc } from './body-html.js';
import { correctionText, mediaRendition, storyDates, storyType, textRightsHolder } from './story-fields.js';
import { outputContext, type OutputOptions } from './output-options.js';
import { storyPictures, type PublicPicture } from './public-pictures.js';

/**
 * A public story as an IPTC NewsML-G2 2.35 `newsItem` (power conformance),
 * valid against the IPTC XSD: a complete UTF-8 document with its declaration.
 *
 *  - guid: the same URI as ninjs (`{siteUrl}/api/v1/stories/{id}`); version:
 *    the story's version; catalogRef: the IPTC standards catalog (ninat, stat,
 *    irel, drol, cpnat);
 *  - rightsInfo: for the text, the agency of the source line or else the
 *    publisher; one more per picture (idrefs → its itemMeta link) with the
 *    copyright holder, the printed rights line as copyrightNotice and the
 *    licence as usageTerms;
 *  - itemMeta: itemClass (ninat:text, or ninat:video/audio), provider (the
 *    site), versionCreated, firstCreated, pubStatus stat:usable, altRep (the
 *    reader page), and a link rel="irel:associatedWith" per public picture
 *    (its file, media type, itemClass ninat:picture/graphic, caption as title);
 *  - contentMeta: contentCreated/contentModified, infoSource (source line),
 *    creator (authors with their pages), language, subjects (section and
 *    topics, identified by their pages' URIs), headline and the kicker
 *    (roleuri urn:lede:headline-role:kicker), dateline, by, creditline,
 *    description drol:summary (teaser) and the public corrections (roleuri
 *    urn:lede:description-role:correction);
 *  - contentSet: inlineXML application/xhtml+xml with an XHTML document whose
 *    body is body-html.ts's (each figure an <img> with width and height), and
 *    for video and audio the media file as remoteContent (duration in
 *    seconds, G2's default unit).
 * Links carry no width/height (G2's link has no such attributes): the
 * picture's size is on its <img> in the XHTML, and every width is in ninjs.
 * The urn:lede: role URIs are Lede's own names for roles IPTC has no code for.
 */

const NAR = 'http://iptc.org/std/nar/2006-10-01/';
const XHTML = 'http://www.w3.org/1999/xhtml';
const IPTC_CATALOG = 'http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml';
export const KICKER_ROLE = 'urn:lede:headline-role:kicker';
export const CORRECTION_ROLE = 'urn:lede:description-role:correction';

export function storyToNewsMlG2(story: Story, opts: OutputOptions): string {
  const ctx = outputContext(story, opts);
  const pictures = storyPictures(story, ctx);
  const all = [...(pictures.lead ? [pictures.lead] : []), ...pictures.body];
  const dates = storyDates(story);
  const type = storyType(story);
  const html = bodyHtml(story, { siteUrl: ctx.siteUrl, pictures });
  const plain = bodyText(story.body);
  const lang = story.language;
  const id = (p: PublicPicture) => `pic-${p.name}`;

  const x: string[] = [];
  x.push('<?xml version="1.0" encoding="UTF-8"?>');
  x.push(`<newsItem xmlns="${NAR}" guid="${esc(ctx.uri)}" version="${Math.max(1, Math.trunc(story.version) || 1)}" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="${esc(lang)}">`);
  x.push(`<catalogRef href="${IPTC_CATALOG}"/>`);

  x.push(`<rightsInfo><copyrightHolder><name>${esc(textRightsHolder(story, ctx))}</name></copyrightHolder></rightsInfo>`);
  for (const p of all) {
    if (!p.copyrightHolder && !p.creditLine && !p.usageTerms) continue;
    x.push(`<rightsInfo idrefs="${id(p)}">`
      + (p.copyrightHolder ? `<copyrightHolder><name>${esc(p.copyrightHolder)}</name></copyrightHolder>` : '')
      + (p.creditLine ? `<copyrightNotice>${esc(p.creditLine)}</copyrightNotice>` : '')
      + (p.usageTerms ? `<usageTerms>${esc(p.usageTerms)}</usageTerms>` : '')
      + '</rightsInfo>');
  }

  x.push('<itemMeta>');
  x.push(`<itemClass qcode="ninat:${type}"/>`);
  x.push(`<provider uri="${esc(ctx.siteUrl)}/"><name>${esc(ctx.siteName)}</name></provider>`);
  x.push(`<versionCreated>${esc(dates.versionCreated)}</versionCreated>`);
  x.push(`<firstCreated>${esc(dates.firstCreated)}</firstCreated>`);
  x.push('<pubStatus qcode="stat:usable"/>');
  x.push(`<altRep contenttype="text/html">${esc(ctx.canonical)}</altRep>`);
  for (const p of all) {
    const file = p.renditions[0]!;
    const title = p.caption ?? p.alt;
    x.push(`<link rel="irel:associatedWith" id="${id(p)}" href="${esc(file.href)}" contenttype="${esc(file.mimeType)}">`
      + `<itemClass qcode="ninat:${p.type}"/>${title ? `<title>${esc(title)}</title>` : ''}</link>`);
  }
  x.push('</itemMeta>');

  x.push('<contentMeta>');
  if (dates.contentCreated) x.push(`<contentCreated>${esc(dates.contentCreated)}</contentCreated>`);
  if (dates.contentModified) x.push(`<contentModified>${esc(dates.contentModified)}</contentModified>`);
  if (story.sourceLine) x.push(`<infoSource><name>${esc(story.sourceLine)}</name></infoSource>`);
  for (const a of story.authors) {
    const uri = ctx.authorUrl(a.name);
    x.push(`<creator${uri ? ` uri="${esc(uri)}"` : ''}><name>${esc(a.name)}</name></creator>`);
  }
  x.push(`<language tag="${esc(lang)}"/>`);
  x.push(`<subject type="cpnat:abstract" uri="${esc(ctx.sectionUrl)}"><name>${esc(story.section)}</name></subject>`);
  for (const t of story.topics) x.push(`<subject type="cpnat:abstract" uri="${esc(ctx.topicUrl(t))}"><name>${esc(t)}</name></subject>`);
  x.push(`<headline>${esc(story.headline)}</headline>`);
  if (story.kicker) x.push(`<headline roleuri="${KICKER_ROLE}">${esc(story.kicker)}</headline>`);
  if (story.dateline) x.push(`<dateline>${esc(story.dateline)}</dateline>`);
  const byline = story.byline ?? story.authors.map((a) => a.name).join(', ');
  if (byline) x.push(`<by>${esc(byline)}</by>`);
  if (story.sourceLine) x.push(`<creditline>${esc(story.sourceLine)}</creditline>`);
  if (story.teaser) x.push(`<description role="drol:summary">${esc(story.teaser)}</description>`);
  for (const c of story.corrections ?? []) x.push(`<description roleuri="${CORRECTION_ROLE}">${esc(correctionText(c, lang))}</description>`);
  x.push('</contentMeta>');

  x.push('<contentSet>');
  const words = plain.split(/\s+/).filter(Boolean).length;
  x.push(`<inlineXML contenttype="application/xhtml+xml" wordcount="${words}" charcount="${[...plain].length}">`
    + `<html xmlns="${XHTML}" xml:lang="${esc(lang)}" lang="${esc(lang)}"><head><title>${esc(story.headline)}</title></head>`
    + `<body>${html}</body></html></inlineXML>`);
  const media = mediaRendition(story, ctx);
  if (media) {
    x.push(`<remoteContent href="${esc(media.href)}" contenttype="${esc(media.mimeType)}"`
      + `${media.seconds !== undefined ? ` duration="${media.seconds}"` : ''}/>`);
  }
  x.push('</contentSet>');
  x.push('</newsItem>');
  return `${x.join('\n')}\n`;
}
