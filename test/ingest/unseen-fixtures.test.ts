/**
 * The unseen-page fixture set (test/fixtures/page-text-unseen, issue 15) is
 * well formed, so the scoring bench measures what it claims to. This does NOT
 * check how well the importer does on them: bench/import-score.bench.ts
 * reports that as figures.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIELD_KINDS, SPLITS, UNSEEN_FIXTURES, creditWords, loadFixtureSet, type UnseenFixture } from '../../bench/import-score.bench.js';

const STRING_KINDS = new Set(['kicker', 'headline', 'teaser']);
const LIST_KINDS = new Set(['captions', 'credits', 'subheadings']);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function nonEmptyString(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}

/** Everything wrong with one fixture's expectations, as readable lines. */
function problems(fx: UnseenFixture): string[] {
  const out: string[] = [];
  const where = `${fx.split}/${fx.name}`;
  if (!nonEmptyString(fx.site)) out.push(`${where}: no site`);
  if (!nonEmptyString(fx.pageKind)) out.push(`${where}: no pageKind`);
  if (!nonEmptyString(fx.shape)) out.push(`${where}: no shape`);
  if (fx.now !== undefined && Number.isNaN(Date.parse(fx.now))) out.push(`${where}: now is not a date`);
  if (fx.text.trim() === '') out.push(`${where}: empty page text`);
  const fields = fx.fields as Record<string, unknown> | undefined;
  if (!fields || typeof fields !== 'object' || Object.keys(fields).length === 0) {
    out.push(`${where}: no expected fields`);
    return out;
  }
  for (const [kind, value] of Object.entries(fields)) {
    if (!(FIELD_KINDS as readonly string[]).includes(kind)) out.push(`${where}: unknown field kind ${kind}`);
    else if (STRING_KINDS.has(kind)) {
      if (!nonEmptyString(value)) out.push(`${where}: ${kind} is not a non-empty string`);
    } else if (LIST_KINDS.has(kind)) {
      if (!Array.isArray(value) || value.length === 0 || !value.every(nonEmptyString)) out.push(`${where}: ${kind} is not a non-empty list of texts`);
    } else if (kind === 'tickerEntries') {
      if (!Array.isArray(value) || value.length === 0) out.push(`${where}: tickerEntries is empty`);
      else for (const [i, e] of value.entries()) {
        const entry = e as { time?: unknown; title?: unknown };
        const timeOk = entry.time === null || (typeof entry.time === 'string' && TIME.test(entry.time));
        const titleOk = entry.title === null || nonEmptyString(entry.title);
        if (!timeOk || !titleOk || (entry.time === null && entry.title === null)) out.push(`${where}: tickerEntries[${i}] needs a time "HH:MM" or null and a title or null, not both null`);
      }
    }
  }
  return out;
}

describe('unseen-page fixtures (issue 15)', () => {
  const sets = Object.fromEntries(SPLITS.map((s) => [s, loadFixtureSet(s)])) as Record<(typeof SPLITS)[number], UnseenFixture[]>;
  const all = SPLITS.flatMap((s) => sets[s]);

  it('every page text has its .expected.json and every .expected.json its page', () => {
    for (const split of SPLITS) {
      const files = readdirSync(path.join(UNSEEN_FIXTURES, split));
      const texts = files.filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
      const expected = files.filter((f) => f.endsWith('.expected.json')).map((f) => f.slice(0, -'.expected.json'.length)).sort();
      assert.deepEqual(expected, texts, `${split}: pages and expectations pair up`);
      assert.deepEqual(files.filter((f) => !f.endsWith('.txt') && !f.endsWith('.expected.json')), [], `${split}: nothing else in the folder`);
    }
  });

  it('there are at least 24 pages, and at least a quarter of them are held out', () => {
    assert.ok(all.length >= 24, `${all.length} pages`);
    assert.ok(sets.heldout.length * 4 >= all.length, `${sets.heldout.length} of ${all.length} held out`);
    assert.ok(sets.tune.length > 0);
  });

  it('page names are unique across the two sets (a page is either tuned on or held out)', () => {
    const names = all.map((f) => f.name.replace(/^\d+-/, ''));
    assert.equal(new Set(names).size, names.length);
  });

  it('every expectation names known field kinds with non-empty values', () => {
    assert.deepEqual(all.flatMap(problems), []);
  });

  it('expected texts occur in their page, so a perfect importer could recover them', () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    const missing: string[] = [];
    for (const fx of all) {
      const page = squash(fx.text);
      const texts = [fx.fields.kicker, fx.fields.headline, fx.fields.teaser, ...(fx.fields.captions ?? []), ...(fx.fields.subheadings ?? []),
        ...(fx.fields.tickerEntries ?? []).map((e) => e.title)];
      for (const t of texts) if (t && !page.includes(squash(t))) missing.push(`${fx.split}/${fx.name}: ${t}`);
    }
    assert.deepEqual(missing, []);
  });

  it('expected credits occur in their page as credit words (labels, brackets and separators aside), so the bench can match them', () => {
    const missing: string[] = [];
    for (const fx of all) {
      const page = creditWords(fx.text);
      for (const c of fx.fields.credits ?? []) if (creditWords(c) === '' || !page.includes(creditWords(c))) missing.push(`${fx.split}/${fx.name}: ${c}`);
    }
    assert.deepEqual(missing, []);
  });

  it('the set covers tickers, video pages, English pages and the miss kinds the issue lists', () => {
    const kinds = new Set(all.map((f) => f.pageKind));
    for (const k of ['article', 'ticker', 'video']) assert.ok(kinds.has(k), `a ${k} page`);
    const shapes = all.map((f) => f.shape.toLowerCase());
    const has = (re: RegExp) => shapes.some((s) => re.test(s));
    assert.ok(has(/joined by a space/), 'kicker and headline joined by a space');
    assert.ok(has(/without a label/), 'a credit without a label');
    assert.ok(has(/headline twice|repeating the headline/), 'a headline that appears twice');
    assert.ok(has(/byline line between kicker and headline/), 'a byline between kicker and headline');
    assert.ok(has(/relative/) && has(/"14\.3\.2024, 9:53 uhr"/) && has(/without any time/), 'ticker time forms and untimed titles');
    assert.ok(has(/crawler chunk/) && has(/navigation lines at the top|metadata line/), 'a crawler chunk and a page starting with metadata');
    assert.ok(has(/english/), 'an English page');
  });
});
