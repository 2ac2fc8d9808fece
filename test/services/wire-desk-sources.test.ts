/**
 * Wire sources and their rules: checked with errors that name the field,
 * the push secret never shown back, a source with items deactivated rather
 * than deleted, LEDE_WIRE_SOURCES for headless setups. And the desk's event:
 * relayed between nodes, ignored by everything that serves readers.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { LedeError } from '../../src/content/index.js';
import { touchesReaders, wireReceived } from '../../src/events/event-bus.js';
import { decodeRelayMessage, encodeRelayMessage } from '../../src/events/event-relay.js';
import { StoryService } from '../../src/services/story-service.js';
import { WireDesk } from '../../src/services/wire-desk.js';
import { forEachEngine } from '../helpers/db.js';
import { testReader, wireDoc, wireItem } from './wire-desk-fixtures.js';

/** The paths of a VALIDATION error's issues (the fields it names). */
async function refusedFields(p: Promise<unknown>, code = 'VALIDATION'): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof LedeError, String(err));
    assert.equal(err.code, code, err.message);
    return err.issues.map((i) => i.path);
  }
  assert.fail('expected a refusal');
}

forEachEngine('wire desk: sources', (ctx) => {
  let desk: WireDesk;
  before(() => {
    desk = new WireDesk(ctx.db, new StoryService(ctx.db), { read: testReader(), log: () => undefined });
  });

  test('a source is saved with defaults, listed, and changed in place', async () => {
    const saved = await desk.saveSource({ id: 'dpa', name: 'dpa Basisdienst' });
    assert.deepEqual(
      [saved.id, saved.name, saved.format, saved.transport, saved.withdrawPolicy, saved.autoPublish, saved.active, saved.hasSecret, saved.settings],
      ['dpa', 'dpa Basisdienst', 'auto', 'manual', 'flag', [], true, false, {}],
    );
    const changed = await desk.saveSource({ id: 'dpa', name: 'dpa', format: 'digitalwires', transport: 'wireq', settings: { url: 'https://wireq.example.test/q', section: 'Nachrichten' }, withdrawPolicy: 'depublish' });
    assert.deepEqual([changed.format, changed.transport, changed.withdrawPolicy, changed.settings.url], ['digitalwires', 'wireq', 'depublish', 'https://wireq.example.test/q']);
    assert.deepEqual((await desk.listSources()).map((s) => s.id), ['dpa']);
  });

  test('bad fields are named, all at once, and nothing is stored', async () => {
    const fields = await refusedFields(desk.saveSource({
      id: 'DPA Nachrichten', name: '', format: 'nitf', transport: 'ftp', withdrawPolicy: 'delete', active: 'ja', settings: [],
      autoPublish: [{ when: { scheme: 'desk' }, publish: true }, { when: { scheme: 'farbe', code: 'rot' }, publish: 'ja' }],
    }));
    assert.deepEqual(fields.sort(), [
      'active', 'autoPublish[0].when', 'autoPublish[1].publish', 'autoPublish[1].when.scheme', 'format', 'id', 'name', 'settings', 'transport', 'withdrawPolicy',
    ]);
    assert.deepEqual(await refusedFields(desk.saveSource('dpa')), ['(source)']);
    assert.deepEqual(await refusedFields(desk.saveSource({ id: 'x', name: 'X', settings: { section: '' } })), ['settings.section']);
    assert.ok(!(await desk.listSources()).some((s) => s.id === 'x'));
  });

  test('a push source needs a secret, which is kept when not sent again and never listed', async () => {
    assert.deepEqual(await refusedFields(desk.saveSource({ id: 'push', name: 'Push', transport: 'push' })), ['secret']);
    assert.deepEqual(await refusedFields(desk.saveSource({ id: 'push', name: 'Push', transport: 'push', secret: 'kurz' })), ['secret']);
    const secret = 'ein-geheimnis-mit-genug-zeichen';
    const saved = await desk.saveSource({ id: 'push', name: 'Push', transport: 'push', secret });
    assert.equal(saved.hasSecret, true);
    assert.ok(!JSON.stringify(await desk.listSources()).includes(secret));
    await desk.saveSource({ id: 'push', name: 'Push (umbenannt)', transport: 'push' });
    assert.equal(await desk.sourceSecret('push'), secret);
    assert.deepEqual(await refusedFields(desk.saveSource({ id: 'push', name: 'Push', transport: 'push', secret: null })), ['secret']);
  });

  test('rules: checked, replaced in order, read back', async () => {
    await desk.saveSource({ id: 'kna', name: 'KNA' });
    assert.deepEqual((await refusedFields(desk.saveRules('kna', [{ scheme: 'desk', code: 'rel' }, { scheme: 'geo', section: 'Land' }, { scheme: 'nope', name: 'x', section: 'A' }, 'x']))).sort(),
      ['rules[0]', 'rules[1]', 'rules[2].scheme', 'rules[3]']);
    const rules = [{ scheme: 'desk', code: 'rel', section: 'Religion' }, { scheme: 'geo', name: 'Thüringen', topics: ['Thüringen', 'Thüringen'] }];
    await desk.saveRules('kna', rules);
    assert.deepEqual(await desk.rules('kna'), [{ scheme: 'desk', code: 'rel', section: 'Religion', topics: [] }, { scheme: 'geo', name: 'Thüringen', topics: ['Thüringen'] }]);
    await desk.saveRules('kna', []);
    assert.deepEqual(await desk.rules('kna'), []);
    await assert.rejects(desk.saveRules('afp', []), (e: unknown) => e instanceof LedeError && e.reason === 'no_wire_source');
  });

  test('a source with items is deactivated, not deleted; one without is deleted', async () => {
    await desk.saveSource({ id: 'epd', name: 'epd' });
    await desk.ingest('epd', wireDoc(wireItem()));
    await assert.rejects(desk.deleteSource('epd'), (e: unknown) => e instanceof LedeError && e.code === 'CONFLICT' && e.reason === 'wire_source_in_use' && /1 items/.test(e.message));
    await desk.saveSource({ id: 'leer', name: 'Leer' });
    await desk.deleteSource('leer');
    await assert.rejects(desk.source('leer'), (e: unknown) => e instanceof LedeError && e.code === 'NOT_FOUND');
    await assert.rejects(desk.deleteSource('leer'), (e: unknown) => e instanceof LedeError && e.code === 'NOT_FOUND');
  });

  test('LEDE_WIRE_SOURCES: sources with their rules; a bad entry stops with one line naming it, saving nothing', async () => {
    const env = JSON.stringify([
      { id: 'dpa-env', name: 'dpa (Umgebung)', transport: 'wireq', settings: { url: 'https://wireq.example.test/' }, rules: [{ scheme: 'desk', code: 'pl', section: 'Politik' }] },
      { id: 'push-env', name: 'Push', transport: 'push', secret: 'sechzehn-zeichen-lang!' },
    ]);
    const saved = await desk.configureFromEnv(env);
    assert.deepEqual(saved.map((s) => [s.id, s.transport, s.hasSecret]), [['dpa-env', 'wireq', false], ['push-env', 'push', true]]);
    assert.deepEqual(await desk.rules('dpa-env'), [{ scheme: 'desk', code: 'pl', section: 'Politik', topics: [] }]);

    const notJson = desk.configureFromEnv('[{"id": ');
    await assert.rejects(notJson, (e: unknown) => e instanceof LedeError && e.code === 'CONFIG' && /LEDE_WIRE_SOURCES must be a JSON array .* not JSON/.test(e.message));
    const bad = JSON.stringify([{ id: 'gut', name: 'Gut' }, { id: 'schlecht', name: 'Schlecht', transport: 'brieftaube' }]);
    assert.deepEqual(await refusedFields(desk.configureFromEnv(bad), 'CONFIG'), ['LEDE_WIRE_SOURCES[1].transport']);
    await assert.rejects(desk.configureFromEnv(bad), /LEDE_WIRE_SOURCES is invalid: LEDE_WIRE_SOURCES\[1\]\.transport: must be one of wireq, push, folder, s3, manual/);
    assert.ok(!(await desk.listSources()).some((s) => s.id === 'gut'), 'nothing of a bad setting is saved');
    assert.deepEqual(await refusedFields(desk.configureFromEnv('[{"id":"a","name":"A"},{"id":"a","name":"B"}]'), 'CONFIG'), ['LEDE_WIRE_SOURCES[1].id']);
    await assert.rejects(desk.configureFromEnv('{}'), /must be a JSON array/);
  });
});

test('wire.received travels between nodes and touches no reader page', () => {
  const event = wireReceived('3f2b8c1e-0000-4000-8000-000000000001');
  assert.equal(touchesReaders(event), false);
  assert.equal(touchesReaders({ type: 'story.published' }), true);
  const decoded = decodeRelayMessage(encodeRelayMessage('node-a', event).payload);
  assert.ok('event' in decoded, 'not read as unreadable (which would purge every page on the other nodes)');
  assert.deepEqual(decoded.event, event);
});
