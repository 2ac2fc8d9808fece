/**
 * Crash safety and several nodes (issue 13): a process killed with SIGKILL
 * right after committing a publish leaves its delivery in the outbox, and a
 * new worker sends it exactly once; two workers on one PostgreSQL database
 * send every delivery exactly once between them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src/store/index.js';
import { createServices } from '../../src/services/index.js';
import { WebhookWorker } from '../../src/services/webhook-worker.js';
import { forEachEngine, openOptions } from '../helpers/db.js';
import { ROOT } from '../helpers/pglite-template.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const worker = (db: import('../../src/store/types.js').Database, node: string) =>
  new WebhookWorker(db, { siteUrl: 'https://news.example.org', send: { allowPrivate: true }, retryDelay: () => 0, node });

forEachEngine('webhooks across crashes and nodes', (ctx) => {
  test('kill -9 between the commit and the delivery: a new worker delivers it exactly once', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const sub = await createServices(ctx.db, { webhooksAllowPrivate: true }).webhooks.create({ url: receiver.url, events: ['story.published'] });
      receiver.setSecret(sub.secret);
      await ctx.db.close(); // the embedded directory admits one process: hand it to the child
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/webhook-child.ts'), JSON.stringify({ open: openOptions(ctx.target) })], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const storyId = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c;
          const m = /committed (\S+)\n/.exec(out);
          if (m) resolve(m[1]!);
        });
        void exited.then(() => reject(new Error(`the child ended before committing: ${err.slice(-1000)}`)));
      });
      child.kill('SIGKILL');
      await exited;
      assert.equal(child.signalCode, 'SIGKILL');
      assert.equal(receiver.received.length, 0, 'the child never sent anything');

      const db = await ctx.reopen();
      const w = worker(db, 'survivor');
      while (await w.runOnce() > 0);
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0]!.body.data.id, storyId);
      assert.equal(receiver.received[0]!.verified, true);
      while (await w.runOnce() > 0);
      assert.equal(receiver.received.length, 1, 'exactly once');
    } finally {
      await receiver.close();
    }
  });

  test('two workers on the same database send each delivery once', async (t) => {
    if (ctx.engine === 'pglite') return t.skip('PGlite admits one process: one worker is the whole cluster');
    const receiver = await startWebhookReceiver();
    const second = await openDatabase(openOptions(ctx.target, { onWarning: () => undefined }));
    try {
      const services = createServices(ctx.db, { webhooksAllowPrivate: true });
      // The test before left its subscription (to a receiver now closed): its deliveries would be retried forever here.
      for (const old of await services.webhooks.list()) await services.webhooks.remove(old.id);
      const sub = await services.webhooks.create({ url: receiver.url, events: ['story.published', 'story.updated'] });
      receiver.setSecret(sub.secret);
      const stories = [];
      for (let i = 0; i < 30; i++) {
        stories.push(await services.stories.create({ kind: 'article', headline: `Lage ${i}`, body: [] }, { status: 'published' }));
      }
      for (const s of stories.slice(0, 10)) await services.stories.update(s.id, { kind: 'article', headline: `Lage ${s.headline} neu`, body: [] });
      const a = worker(ctx.db, 'a');
      const b = worker(second, 'b');
      const run = async (w: WebhookWorker) => {
        for (let idle = 0; idle < 3;) idle = (await w.runOnce()) > 0 ? 0 : idle + 1;
      };
      await Promise.all([run(a), run(b), run(a), run(b)]);
      const ids = receiver.received.map((r) => r.id);
      assert.equal(ids.length, 40);
      assert.equal(new Set(ids).size, 40, 'no delivery sent twice');
      assert.ok(receiver.received.every((r) => r.verified));
      // Per story: published before updated, whichever node sent which.
      for (const s of stories.slice(0, 10)) {
        assert.deepEqual(receiver.received.filter((r) => r.body.data.id === s.id).map((r) => r.body.type), ['story.published', 'story.updated']);
      }
      const nodes = await ctx.db.query<{ node: string }>('SELECT DISTINCT node FROM webhook_attempts');
      assert.ok(nodes.length >= 1);
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});
