import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration } from '../../src/content/index.js';

test('formatDuration: rounding carries into the next unit (issue 9: 7199 s read "1 Std 60 min")', () => {
  assert.equal(formatDuration(7199), '2 Std');
  assert.equal(formatDuration(7170), '2 Std', '119.5 min rounds up to two hours');
  assert.equal(formatDuration(7169), '1 Std 59 min');
  assert.equal(formatDuration(3599), '59:59 min');
  assert.equal(formatDuration(3599.6), '1 Std', 'not "59:60 min"');
  assert.equal(formatDuration(119.6), '2 min', 'not "1:60 min"');
  assert.equal(formatDuration(59.6), '1 min', 'not "60 s"');
});

test('formatDuration: each format around its boundaries', () => {
  assert.equal(formatDuration(0), '1 s', 'never "0 s"');
  assert.equal(formatDuration(0.4), '1 s');
  assert.equal(formatDuration(59), '59 s');
  assert.equal(formatDuration(60), '1 min');
  assert.equal(formatDuration(61), '1:01 min');
  assert.equal(formatDuration(154), '2:34 min');
  assert.equal(formatDuration(600), '10 min');
  assert.equal(formatDuration(3600), '1 Std');
  assert.equal(formatDuration(3629), '1 Std', 'seconds below half a minute are dropped from an hour on');
  assert.equal(formatDuration(3630), '1 Std 1 min');
  assert.equal(formatDuration(3900), '1 Std 5 min');
  assert.equal(formatDuration(10_799), '3 Std');
  assert.equal(formatDuration(36_000), '10 Std');
});
