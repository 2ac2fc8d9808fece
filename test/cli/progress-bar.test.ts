import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgressBar } from '../../src/cli/progress-bar.js';

test('the progress bar redraws one line and fits the terminal width', () => {
  let out = '';
  const term = { columns: 60, write: (s: string) => ((out += s), true) };
  const bar = new ProgressBar(term, 4);
  bar.tick('eins.txt');
  bar.tick('ein-sehr-langer-dateiname-der-nicht-passt.txt');
  const frames = out.split('\r\x1b[2K').filter(Boolean);
  assert.equal(frames.length, 2);
  assert.equal(frames[0], '[' + '#'.repeat(8) + '-'.repeat(22) + '] 1/4 eins.txt');
  assert.equal(frames[1]!.length, 59, 'cut to the terminal width');
  assert.ok(frames[1]!.startsWith('[' + '#'.repeat(15) + '-'.repeat(15) + '] 2/4'));
  bar.done();
  assert.ok(out.endsWith('\r\x1b[2K'), 'the bar is erased at the end');
  assert.ok(!out.includes('\n'), 'never scrolls the terminal');
});
