import type { Story } from '../../content/index.js';
import { bodyHtml, bodyText } from './body-html.js';
import { correctionText, mediaRendition, storyDates, storyType, textRightsHolder } from './story-fields.js';
import { clean, outputContext, type OutputOptions } from './output-options.js';
import { storyPictures, type PublicPicture } from './public-pictures.js';

/**
 * A public story as IPTC ninjs 3.1 (camelCase) or 2.2 (the same fields in
 * lower case), valid against the IPTC JSON schemas.
 *
 * Field homes:
 *  - uri: the story's API address by id (`{siteUrl}/api/v1/stories/{id}`),
 *    stable across slug changes; version: the story's version number;
 *    firstCreated: first publication; versionCreated: when this version was
 *    saved; pubStatus: usable (only public stories are ever formatted);
 *  - type: text (article, live ticker), video or audio; profile: the story kind;
 *  - headlines: main, and the kicker with role "kicker";
 *  - descriptions: the teaser (role "summary"), the source line (role
 *    "creditline", as agencies send it) and each public correction (role
 *    "correction", with its time in the text: edNote is for editors, so the
 *    corrections that the page prints go where consumers show text);
 *  - bodies: HTML (role "main", escaped, see body-html.ts) and plain text;
 *  - by: the byline (else the authors' names); people: the authors with
 *    rel "author" and their author page; located: the dateline;
 *  - subjects: the section (rel "section") and topics (rel "topic"), each
 *    identified by its page on the site (that is Lede's scheme: a subject's
 *    uri is where readers find it);
 *  - infoSources: the source line; copyrightHolder: the agency named in the
 *    source line, else the publisher;
 *  - associations: the lead picture ("lead") and the body pictures
 *    ("picture-1" …), each with caption, alt text, rights (copyrightHolder,
 *    copyrightNotice = the printed rights line, usageTerms = the licence) and
 *    renditions (href, width, height, contentType); lapsed pictures are absent;
 *  - renditions: the reader page ("web", text/html: ninjs 3 has no links
 *    field, and the page is the story rendered for the web) and, for video
 *    and audio, the media file ("media", with its duration).
 * Not carried: related teasers and the broadcast slot (they have their own
 * API resources), the internal `source` and every newsroom field.
 */

export type NinjsVersion = '3.1' | '2.2';

const SCHEMA_URL: Record<NinjsVersion, string> = {
  '3.1': 'https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json',
  '2.2': 'https://www.iptc.org/std/ninjs/ninjs-schema_2.2.json',
};

export function storyToNinjs(story: Story, opts: OutputOptions, version: NinjsVersion = '3.1'): Record<string, unknown> {
  if (version !== '3.1' && version !== '2.2') throw new Error(`ninjs version ${JSON.stringify(version)} is not offered (3.1 or 2.2)`);
  const ctx = outputContext(story, opts);
  const pictures = storyPictures(story, ctx);
  const dates = storyDates(story);
  const html = bodyHtml(story, { siteUrl: ctx.siteUrl, pictures });
  const plain = bodyText(story.body);

  const headlines = [{ role: 'main', contentType: 'text/plain', value: story.headline }];
  if (story.kicker) headlines.push({ role: 'kicker', contentType: 'text/plain', value: story.kicker });
  const descriptions: Record<string, string>[] = [];
  if (story.teaser) descriptions.push({ role: 'summary', contentType: 'text/plain', value: story.teaser });
  if (story.sourceLine) descriptions.push({ role: 'creditline', contentType: 'text/plain', value: story.sourceLine });
  for (const c of story.corrections ?? []) descriptions.push({ role: 'correction', contentType: 'text/plain', value: correctionText(c, story.language) });

  const byline = story.byline ?? story.authors.map((a) => a.name).join(', ');
  const people = story.authors.map((a) => {
    const uri = ctx.authorUrl(a.name);
    return { name: a.name, rel: 'author', ...(uri && { uri }) };
  });
  const subjects = [
    { name: story.section, rel: 'section', uri: ctx.sectionUrl },
    ...story.topics.map((t) => ({ name: t, rel: 'topic', uri: ctx.topicUrl(t) })),
  ];
  const renditions: Record<string, unknown>[] = [{ name: 'web', href: ctx.canonical, contentType: 'text/html' }];
  const media = mediaRendition(story, ctx);
  if (media) renditions.push({ name: 'media', href: media.href, contentType: media.mimeType, ...(media.seconds !== undefined && { duration: media.seconds }) });
  const associations = [...(pictures.lead ? [pictures.lead] : []), ...pictures.body].map((p) => association(p));
  const holder = textRightsHolder(story, ctx);

  const doc: Record<string, unknown> = {
    uri: ctx.uri,
    standard: { name: 'ninjs', version, schema: SCHEMA_URL[version] },
    type: storyType(story),
    profile: story.kind,
    representationType: 'full',
    version: String(story.version),
    firstCreated: dates.firstCreated,
    versionCreated: dates.versionCreated,
    ...(dates.contentCreated && { contentCreated: dates.contentCreated }),
    pubStatus: 'usable',
    language: story.language,
    ...(holder && { copyrightHolder: holder }),
    headlines,
    ...(descriptions.length && { descriptions }),
    bodies: [
      { role: 'main', contentType: 'text/html', charCount: [...plain].length, wordCount: words(plain), value: html },
      { role: 'plain', contentType: 'text/plain', value: plain },
    ],
    ...(byline && { by: byline }),
    ...(people.length && { people }),
    ...(story.dateline && { located: story.dateline }),
    subjects,
    ...(story.sourceLine && { infoSources: [{ name: story.sourceLine, role: 'source' }] }),
    ...(associations.length && { associations }),
    renditions,
  };
  const cleaned = cleanDeep(doc) as Record<string, unknown>;
  return version === '3.1' ? cleaned : toNinjs22(cleaned);
}

function association(p: PublicPicture): Record<string, unknown> {
  const descriptions: Record<string, string>[] = [];
  if (p.caption) descriptions.push({ role: 'caption', contentType: 'text/plain', value: p.caption });
  if (p.alt) descriptions.push({ role: 'alt', contentType: 'text/plain', value: p.alt });
  if (p.credit) descriptions.push({ role: 'creditline', contentType: 'text/plain', value: p.credit });
  return {
    name: p.name,
    uri: p.uri,
    type: p.type,
    representationType: 'partial',
    ...(descriptions.length && { descriptions }),
    ...(p.creator && { by: p.creator }),
    ...(p.copyrightHolder && { copyrightHolder: p.copyrightHolder }),
    ...(p.creditLine && { copyrightNotice: p.creditLine }),
    ...(p.usageTerms && { usageTerms: p.usageTerms }),
    renditions: p.renditions.map((r) => ({
      name: r.name, href: r.href, contentType: r.mimeType, ...(r.width && { width: r.width }), ...(r.height && { height: r.height }),
    })),
  };
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Every string with the characters JSON and XML consumers choke on (NUL, lone surrogates …) dropped. */
function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = cleanDeep(v);
    return out;
  }
  return value;
}

/** ninjs 2.2 spells every field of 3.1 that this writer uses in lower case (3.1 renamed them, nothing else). */
function toNinjs22(value: unknown): Record<string, unknown> {
  const lower = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(lower);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k.toLowerCase()] = lower(x);
      return out;
    }
    return v;
  };
  return lower(value) as Record<string, unknown>;
}

