import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorPath, parseProgrammePath, programmePath, storyPath, topicPath } from '../../src/content/index.js';

test('reader-site addresses the site and the newsroom share', () => {
  assert.equal(storyPath({ sectionSlug: 'politik', slug: 'haushalt-beschlossen' }), '/politik/haushalt-beschlossen');
  assert.equal(authorPath('katrin-schaefer'), '/autor/katrin-schaefer');
  assert.equal(topicPath('hochwasser-an-der-elbe'), '/thema/hochwasser-an-der-elbe');
});

test('a broadcast slot\'s path is Berlin wall-clock time, and reads back to the same instant', () => {
  assert.equal(programmePath('2022-01-21T12:00:00Z'), '/programm/2022-01-21/1300');
  assert.equal(programmePath('2022-07-01T11:05:00Z'), '/programm/2022-07-01/1305', 'summer time');
  const startsAt = parseProgrammePath('2022-01-21', '1300')!;
  assert.equal(startsAt, '2022-01-21T13:00:00+01:00');
  assert.equal(programmePath(startsAt), '/programm/2022-01-21/1300');
  for (const [date, time] of [['2022-02-30', '1300'], ['2022-01-21', '2460'], ['2022-1-21', '1300'], ['2022-01-21', '13:00']] as const) {
    assert.equal(parseProgrammePath(date, time), undefined, `${date} ${time}`);
  }
});
