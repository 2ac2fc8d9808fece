import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { ISSUE_CODES, LIMITS, LedeError, validateDraft, type Story, type ValidationIssue } from '../../src/content/index.js';
import { AccountService } from '../../src/services/account-service.js';
import { ISSUE_TEXT, errorText, fieldName, issueText, localizeError } from '../../src/admin/issue-text.js';
import { createApp } from '../../src/server/app.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../helpers/db.js';
import { Browser } from '../helpers/newsroom-browser.js';

const ok = {
  kind: 'article',
  headline: 'Stadtrat beschließt Radwegeplan',
  body: [{ type: 'paragraph', content: [{ text: 'Der Stadtrat hat am Abend den Radwegeplan beschlossen.' }] }],
};
const entry = (extra: Record<string, unknown> = {}) => ({ type: 'ticker-entry', time: '2026-11-25T08:00:00+01:00', title: 'Pegel steigt', ...extra });
const ticker = (body: unknown[]) => ({ ...ok, kind: 'liveticker', body });

/** Broken stories, between them every rule validateDraft has (a new rule needs a story here, or the coverage test fails). */
const BROKEN: Record<string, unknown> = {
  'no headline': { ...ok, headline: '' },
  'headline not text': { ...ok, headline: 42 },
  'headline too long': { ...ok, headline: 'x'.repeat(LIMITS.headline + 1) },
  'too many topics': { ...ok, topics: Array.from({ length: LIMITS.topics + 1 }, (_, i) => `Thema ${i}`) },
  'control character': { ...ok, kicker: 'Magde\u0007burg' },
  'javascript link': { ...ok, body: [{ type: 'embed', url: 'javascript:alert(1)' }] },
  'embargo not a time': { ...ok, embargoUntil: 'morgen früh' },
  'unknown kind': { ...ok, kind: 'podcast' },
  'zero width': { ...ok, lead: { kind: 'image', alt: 'Ein Radweg', src: '/bild.jpg', width: 0 } },
  'topics not a list': { ...ok, topics: 'Verkehr' },
  'block not an object': { ...ok, body: [42] },
  'lead without alt': { ...ok, lead: { kind: 'image', src: '/bild.jpg' } },
  'bad asset id': { ...ok, lead: { alt: '', assetId: 'kein-bild' } },
  'bad language': { ...ok, language: 'deutsch' },
  'bad slug': { ...ok, slug: 'Nicht Gültig' },
  'bad entry id': ticker([entry({ id: 'Eintrag_1' })]),
  'same entry id twice': ticker([entry({ id: 'a' }), entry({ id: 'a' })]),
  'entry in an entry': ticker([entry({ body: [entry()] })]),
  'empty entry': ticker([entry({ title: undefined })]),
  'updated before first publication': { ...ok, firstPublishedAt: '2026-11-25T10:00:00+01:00', updatedAt: '2026-11-25T09:00:00+01:00' },
  'video without media': { ...ok, kind: 'video' },
  'ticker without entries': ticker([]),
  'year 0000': { ...ok, firstPublishedAt: '0000-01-01T00:00:00Z' },
  'right-to-left override in the headline': { ...ok, headline: 'Radweg \u202eplan' },
  'picture in a box': { ...ok, body: [{ type: 'box', heading: 'Hintergrund', body: [{ type: 'figure', kind: 'image', alt: 'Ein Radweg', src: '/bild.jpg' }] }] },
  'broken character in a dateline': { ...ok, dateline: 'Magdeburg \ud800(dpa)' },
};

function issuesOf(input: unknown): ValidationIssue[] {
  const r = validateDraft(input);
  assert.equal(r.ok, false, 'the story should be refused');
  return r.ok ? [] : r.issues;
}

describe('issue texts', () => {
  const produced = new Map<string, ValidationIssue>();
  for (const [name, story] of Object.entries(BROKEN)) {
    for (const issue of issuesOf(story)) {
      assert.ok(issue.code, `${name}: ${issue.path}: ${issue.message} has no code`);
      if (!produced.has(issue.code)) produced.set(issue.code, issue);
    }
  }

  test('the broken stories produce every code validate.ts declares, and the table words exactly those', () => {
    assert.deepEqual([...produced.keys()].sort(), [...ISSUE_CODES].sort(), 'every declared code is reachable (and only those)');
    assert.deepEqual(Object.keys(ISSUE_TEXT).sort(), [...ISSUE_CODES].sort(), 'the table has every code, and nothing else');
  });

  test('every code has German and English words, different from each other and from the English message', () => {
    for (const [code, issue] of produced) {
      const de = issueText(issue, 'de');
      const en = issueText(issue, 'en');
      assert.ok(de.trim() && en.trim(), code);
      assert.notEqual(de, en, `${code}: German and English differ`);
      assert.ok(!de.includes(issue.message), `${code}: the German text is not the English message (${de})`);
      assert.doesNotMatch(de, /undefined|NaN|\[object/, `${code}: ${de}`);
      assert.doesNotMatch(en, /undefined|NaN|\[object/, `${code}: ${en}`);
    }
  });

  test('params carry the values the words need, and the message stays as it was', () => {
    const [long] = issuesOf(BROKEN['headline too long']);
    assert.deepEqual(long, {
      path: 'headline', message: `required, text of at most ${LIMITS.headline} characters, got ${LIMITS.headline + 1}`,
      code: 'too_long', params: { max: LIMITS.headline, got: LIMITS.headline + 1 },
    });
    assert.equal(issueText(long!, 'de'), `Überschrift: höchstens ${LIMITS.headline} Zeichen, jetzt ${LIMITS.headline + 1}`);
    assert.equal(issueText(long!, 'en'), `Headline: at most ${LIMITS.headline} characters, now ${LIMITS.headline + 1}`);
    const [kind] = issuesOf(BROKEN['unknown kind']);
    assert.deepEqual(kind!.params, { allowed: ['article', 'liveticker', 'video', 'audio'] });
    assert.equal(issueText(kind!, 'de'), 'Art: muss einer dieser Werte sein: article, liveticker, video, audio');
  });

  test('paths become field names in the editor\'s words', () => {
    const de: Record<string, string> = {
      headline: 'Überschrift', teaser: 'Teaser', kicker: 'Dachzeile', embargoUntil: 'Sperrfrist',
      'body[3]': 'Block 4', 'body[3].alt': 'Block 4: Alternativtext', 'lead.caption': 'Aufmacherbild: Bildunterschrift',
      'authors[0].name': 'Autor/in 1: Name', 'broadcast.startsAt': 'Sendeplatz: Beginn', 'topics[2]': 'Thema 3',
      'related[1].image.alt': 'Weiterführender Beitrag 2: Bild: Alternativtext',
      'body[0].body[1].content[0].text': 'Block 1: Eintragsblock 2: Textstück 1: Text',
      'body[2].items[0]': 'Block 3: Listenpunkt 1', 'media.durationSeconds': 'Audio/Video: Dauer (Sekunden)',
      '(story)': 'Beitrag', 'rules.0.kind': 'Regel 1: Art', somethingNew: 'somethingNew',
    };
    for (const [path, name] of Object.entries(de)) assert.equal(fieldName(path, 'de'), name, path);
    assert.equal(fieldName('body[3].alt', 'en'), 'Block 4: Alternative text');
    assert.equal(fieldName('lead.caption', 'en'), 'Lead image: Caption');
    assert.equal(fieldName('authors[0].name', 'en'), 'Author 1: Name');
    assert.equal(fieldName('broadcast.startsAt', 'en'), 'Broadcast slot: Starts at');
    assert.equal(fieldName('embargoUntil', 'en'), 'Embargo');
    // Agency copy: the place line, the public source line (the provenance field `source` is named apart from it), a box heading.
    assert.equal(fieldName('dateline', 'de'), 'Ortsmarke');
    assert.equal(fieldName('sourceLine', 'de'), 'Quellenangabe');
    assert.equal(fieldName('source', 'de'), 'Herkunft');
    assert.equal(fieldName('body[4].heading', 'de'), 'Block 5: Überschrift des Kastens');
    assert.equal(fieldName('sourceLine', 'en'), 'Source line');
    assert.match(issueText(issuesOf(BROKEN['picture in a box'])[0]!, 'de'),
      /^Block 1: .*Blocktyp: Ein Kasten enthält nur Absätze, Zwischenüberschriften, Listen und Zitate \(keine Bilder, Einbettungen, Kästen oder Ticker-Einträge\)$/);
  });

  test('an unknown code, or an issue without one, keeps its English message', () => {
    const odd = { path: 'headline', message: 'something new went wrong', code: 'brand_new' } as unknown as ValidationIssue;
    assert.equal(issueText(odd, 'de'), 'Überschrift: something new went wrong');
    assert.equal(issueText({ path: 'teaser', message: 'too clever' }, 'en'), 'Teaser: too clever');
    // The services' issues are worded by their code, whatever the English message says.
    assert.equal(issueText({ path: 'at', message: 'must be in the future', code: 'in_future' }, 'de'), 'Zeitpunkt: muss in der Zukunft liegen');
    assert.equal(issueText({ path: 'at', message: 'reworded in English', code: 'in_future' }, 'de'), 'Zeitpunkt: muss in der Zukunft liegen');
  });

  test('the top-level refusals of saving and moving a story are worded by their reason', () => {
    const move = new LedeError('VALIDATION', 'a draft story cannot be moved to depublished; from draft the moves are: in_review, scheduled, published',
      {
        reason: 'move_not_allowed', params: { from: 'draft', to: 'depublished', moves: 'in_review, scheduled, published' },
        issues: [{ path: 'to', message: 'from draft: in_review, scheduled, published', code: 'moves_from', params: { from: 'draft', moves: 'in_review, scheduled, published' } }],
      });
    assert.equal(errorText(move, 'de'),
      'Ein Beitrag im Status „Entwurf“ kann nicht auf „Depubliziert“ gesetzt werden. Möglich ist von dort: „In Prüfung“, „Geplant“, „Veröffentlicht“.');
    assert.match(errorText(move, 'en')!, /^A story in the status “Draft” cannot be moved to “Depublished”/);
    assert.equal(issueText(move.issues[0]!, 'de'), 'Status: von „Entwurf“ aus möglich: „In Prüfung“, „Geplant“, „Veröffentlicht“');

    const issues = issuesOf({ ...ok, headline: '' });
    const invalid = new LedeError('VALIDATION', 'story is invalid: headline: required, at most 200 characters', { reason: 'story_invalid', issues });
    assert.equal(errorText(invalid, 'de'), 'Der Beitrag kann so nicht gespeichert werden: Überschrift: Pflichtangabe, höchstens 200 Zeichen');

    const credit = new LedeError('VALIDATION', 'story cannot be published: lead: the picture 0d6c5f1e-0000-4000-8000-000000000000 has no credit line ("Bildrechte: …"); add one in the media library before publishing',
      {
        reason: 'publish_refused',
        issues: [{
          path: 'lead', message: 'the picture 0d6c5f1e-0000-4000-8000-000000000000 has no credit line ("Bildrechte: …"); add one in the media library before publishing',
          code: 'no_credit', params: { assetId: '0d6c5f1e-0000-4000-8000-000000000000' },
        }],
      });
    assert.match(errorText(credit, 'de')!, /^Der Beitrag kann nicht veröffentlicht werden: Aufmacherbild: Das Bild hat keine Bildrechte-Angabe/);

    const forbidden = new LedeError('FORBIDDEN', 'changing a published story is publishing, and your role (contributor) may not publish it', {
      reason: 'may_not_publish_live', params: { status: 'published', role: 'contributor', own: 'yes' },
    });
    assert.match(errorText(forbidden, 'de')!, /^Änderungen an einem Beitrag im Status „Veröffentlicht“ sind eine Veröffentlichung, und Ihre Rolle \(Mitarbeit\)/);
    const past = new LedeError('VALIDATION', '"at" is in the past; to publish now, move the story to published', {
      reason: 'schedule_in_past', issues: [{ path: 'at', message: 'must be in the future', code: 'in_future' }],
    });
    assert.match(errorText(past, 'de')!, /^Der gewählte Zeitpunkt liegt in der Vergangenheit/);
    // Unknown messages get no text: the client shows the English message.
    assert.equal(errorText(new LedeError('VALIDATION', 'something nobody planned for', { reason: 'unspecified' }), 'de'), undefined);
    const body = localizeError(new LedeError('VALIDATION', 'something nobody planned for', { reason: 'unspecified' }).toJSON().error, 'de');
    assert.equal('text' in body, false);
  });
});

const db0 = engines().find((e) => e.engine === 'pglite')!;

describe('the newsroom API words issues in the user\'s language', () => {
  const PASSWORD = 'redaktion-passwort-1';
  let db: Database;
  let app: Hono;
  const browsers: Record<'de' | 'en', Browser> = {} as Record<'de' | 'en', Browser>;

  before(async () => {
    db = await db0.open();
    app = createApp(db, { siteName: 'Lede Test', siteUrl: 'http://localhost' });
    const accounts = new AccountService(db);
    for (const language of ['de', 'en'] as const) {
      await accounts.createUser({ email: `cvd-${language}@example.org`, name: `CvD ${language}`, role: 'editor', password: PASSWORD, language }, { name: 'test' });
      const b = new Browser(app);
      await b.apiLogin(`cvd-${language}@example.org`, PASSWORD);
      browsers[language] = b;
    }
  });
  after(async () => {
    await db?.close();
  });

  test('a refused save: German text for the German editor, English for the English one, the message unchanged', async () => {
    const created = await browsers.de.json<Story>('POST', '/newsroom/api/stories', ok);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const story = created.body;
    const broken = { ...ok, headline: 'Ü'.repeat(230), embargoUntil: '25.11.2026 18:00' };
    const expected = issuesOf(broken);

    const answers: Record<string, { error: { code: string; message: string; text?: string; issues: Array<ValidationIssue & { text?: string }> } }> = {};
    for (const lang of ['de', 'en'] as const) {
      const res = await browsers[lang].json('PUT', `/newsroom/api/stories/${story.id}`, { story: broken }, { 'if-match': `"v${story.version}"` });
      assert.equal(res.status, 422, JSON.stringify(res.body));
      answers[lang] = res.body;
      const { error } = res.body;
      assert.equal(error.code, 'VALIDATION');
      assert.match(error.message, /^story is invalid: headline: required, text of at most 200 characters, got 230; embargoUntil: must be an ISO 8601/);
      // path, message, code and params exactly as validateDraft says them; text beside them.
      assert.deepEqual(error.issues.map(({ text: _t, ...rest }: { text?: string }) => rest), expected);
    }
    const de = answers.de!.error;
    const en = answers.en!.error;
    const byPath = (e: typeof de, path: string) => e.issues.find((i) => i.path === path)!;
    assert.equal(byPath(de, 'headline').text, 'Überschrift: höchstens 200 Zeichen, jetzt 230');
    assert.equal(byPath(en, 'headline').text, 'Headline: at most 200 characters, now 230');
    assert.equal(byPath(de, 'embargoUntil').text, 'Sperrfrist: muss ein Datum mit Uhrzeit und Zeitzone sein, z. B. 2022-01-21T13:00:00+01:00');
    assert.equal(byPath(en, 'embargoUntil').text, 'Embargo: must be a date and time with time zone, e.g. 2022-01-21T13:00:00+01:00');
    assert.equal(byPath(de, 'headline').message, 'required, text of at most 200 characters, got 230');
    assert.equal(byPath(de, 'embargoUntil').message, 'must be an ISO 8601 date-time with offset, e.g. 2022-01-21T13:00:00+01:00');
    assert.match(de.text!, /^Der Beitrag kann so nicht gespeichert werden: Überschrift: höchstens 200 Zeichen, jetzt 230; Sperrfrist: /);
    assert.match(en.text!, /^The story cannot be saved like this: Headline: at most 200 characters, now 230; Embargo: /);
  });

  test('a move that does not exist is refused in the user\'s words', async () => {
    const created = await browsers.en.json<Story>('POST', '/newsroom/api/stories', { ...ok, headline: 'Noch ein Entwurf' });
    const story = created.body;
    const de = await browsers.de.json('POST', `/newsroom/api/stories/${story.id}/transitions`, { to: 'depublished' }, { 'if-match': `"v${story.version}"` });
    assert.equal(de.status, 422);
    assert.match(de.body.error.message, /^a draft story cannot be moved to depublished/);
    assert.match(de.body.error.text, /^Ein Beitrag im Status „Entwurf“ kann nicht auf „Depubliziert“ gesetzt werden\./);
    assert.match(de.body.error.issues[0].text, /^Status: von „Entwurf“ aus möglich: „In Prüfung“/);
    const en = await browsers.en.json('POST', `/newsroom/api/stories/${story.id}/transitions`, { to: 'depublished' }, { 'if-match': `"v${story.version}"` });
    assert.match(en.body.error.text, /^A story in the status “Draft” cannot be moved to “Depublished”\./);
  });

  test('the refusals of real answers are worded by their reason (a reason without words fails here)', async () => {
    const de = browsers.de;
    const story = (await de.json<Story>('POST', '/newsroom/api/stories', { ...ok, headline: 'Für die Gründe' })).body;
    const ifMatch = { 'if-match': `"v${story.version}"` };
    const calls: Array<[string, () => Promise<{ status: number; body: any }>, RegExp]> = [
      ['story_invalid', () => de.json('PUT', `/newsroom/api/stories/${story.id}`, { story: { ...ok, headline: '' } }, ifMatch), /^Der Beitrag kann so nicht gespeichert werden: Überschrift/],
      ['move_not_allowed', () => de.json('POST', `/newsroom/api/stories/${story.id}/transitions`, { to: 'depublished' }, ifMatch), /^Ein Beitrag im Status „Entwurf“/],
      ['schedule_in_past', () => de.json('POST', `/newsroom/api/stories/${story.id}/transitions`, { to: 'scheduled', at: '2020-01-01T10:00:00+01:00' }, ifMatch), /Vergangenheit/],
      ['schedule_needs_time', () => de.json('POST', `/newsroom/api/stories/${story.id}/transitions`, { to: 'scheduled' }, ifMatch), /./],
      ['correction_published_only', () => de.json('PUT', `/newsroom/api/stories/${story.id}`, { story: { ...ok, headline: 'Für die Gründe' }, correction: 'Korrigiert.' }, ifMatch), /./],
      ['not_liveticker', () => de.json('POST', `/newsroom/api/stories/${story.id}/ticker-entries`, { text: 'Neu' }), /./],
      ['wrong_password', () => de.json('PUT', '/newsroom/api/me/password', { current: 'ganz-falsches-passwort', next: 'ein-neues-passwort-1' }), /./],
      ['no_story', () => de.json('GET', '/newsroom/api/stories/gibt-es-nicht'), /./],
      ['slug_taken', () => de.json('POST', '/newsroom/api/stories', { ...ok, headline: 'Anders', slug: story.slug }), /./],
    ];
    const missing: string[] = [];
    for (const [reason, call, words] of calls) {
      const res = await call();
      assert.ok(res.status >= 400 && res.status < 500, `${reason}: ${res.status} ${JSON.stringify(res.body)}`);
      const text = res.body.error?.text as string | undefined;
      if (!text || !words.test(text) || /[a-z]+ (is|are|must|cannot|may) /.test(text)) missing.push(`${reason}: ${res.body.error?.message} → ${text}`);
    }
    assert.deepEqual(missing, []);
    // The API's password change: a short new password is named by field.
    const short = await de.json('PUT', '/newsroom/api/me/password', { current: PASSWORD, next: 'kurz' });
    assert.equal(short.status, 422);
    assert.match(short.body.error.issues[0].text, /^Neues Passwort: /);
  });

  test('without a session there is no text, only the English answer', async () => {
    const anonymous = new Browser(app);
    const res = await anonymous.json('GET', '/newsroom/api/stories');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.text, undefined);
  });
});
