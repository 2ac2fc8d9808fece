import assert from 'node:assert/strict';
import { test } from 'node:test';
import { typographicQuotes } from '../../src/site/typography.js';

test('German quotes become „…“', () => {
  assert.equal(typographicQuotes('schriftliche "Ideen" zur Beilegung', 'de'), 'schriftliche „Ideen“ zur Beilegung');
  assert.equal(typographicQuotes('"Ich habe", sagte er, "keine Zeit."', 'de'), '„Ich habe“, sagte er, „keine Zeit.“');
  assert.equal(typographicQuotes('eine "russland-feindliche" Hysterie', 'de'), 'eine „russland-feindliche“ Hysterie');
});

test('English quotes and apostrophes', () => {
  assert.equal(typographicQuotes('He said "no" and didn\'t stay', 'en'), 'He said “no” and didn’t stay');
});

test('text without straight quotes is unchanged', () => {
  assert.equal(typographicQuotes('„Schon“ richtig', 'de'), '„Schon“ richtig');
});
