import { randomBytes } from 'node:crypto';
import type { Database } from '../../store/index.js';
import { AccountService } from '../account-service.js';
import { UserRepository } from '../../store/user-repository.js';
import { StoryRepository, TopicRepository } from '../../store/index.js';
import { demoStories } from './demo-stories.js';
import { demoTopics } from './demo-topics.js';
import { StoryService, joinTransaction } from '../story-service.js';

/**
 * Loads the demo stories, and the introductions of their topic pages, into an
 * empty database, all in one transaction, so a crash half-way leaves the
 * database empty and the next start tries again. Returns how many stories were
 * added (0 when the database already has stories; then nothing is written).
 */
export async function loadDemoContent(db: Database, now = new Date()): Promise<number> {
  if ((await new StoryRepository(db).count()) > 0) return 0;
  const drafts = demoStories(now);
  // Oldest first, so slugs and creation order follow the publishing order.
  drafts.sort((a, b) => Date.parse(String(a.firstPublishedAt)) - Date.parse(String(b.firstPublishedAt)));
  await db.transaction(async (tx) => {
    const service = new StoryService(joinTransaction(tx));
    for (const d of drafts) {
      const story = await service.create(d, { status: 'published', now });
      // One story shows how a public correction looks on the page and in its metadata.
      if (String(d.headline).startsWith('Haushalt für 2027')) {
        await service.update(story.id, { ...d, slug: story.slug }, {
          now,
          correction: 'In einer früheren Fassung stand, der Haushalt umfasse rund 41 Milliarden Euro. Richtig sind rund 14 Milliarden Euro.',
        });
      }
    }
    const topics = new TopicRepository(tx);
    for (const t of demoTopics()) await topics.upsert(t);
  });
  return drafts.length;
}

/** The address of the account `lede serve --demo` makes (example.org: never a real mailbox). */
export const DEMO_ACCOUNT_EMAIL = 'redaktion@example.org';

/**
 * Makes an admin account with a random password when the database has no
 * account at all (a fresh demo), and returns its login; undefined otherwise.
 * The password exists only in the return value (stored as its argon2id hash).
 */
export async function createDemoAccount(db: Database): Promise<{ email: string; password: string } | undefined> {
  if ((await new UserRepository(db).count()) > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  await new AccountService(db).createUser(
    { email: DEMO_ACCOUNT_EMAIL, name: 'Demo-Redaktion', role: 'admin', password, language: 'de' },
    { name: 'lede serve --demo' },
  );
  return { email: DEMO_ACCOUNT_EMAIL, password };
}
