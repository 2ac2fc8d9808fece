import { LedeError } from '../content/index.js';
import { audit, type AuditActor } from '../store/audit-repository.js';
import { lockSetting, readSetting, writeSetting } from '../store/breaking-repository.js';
import type { Queryable } from '../store/types.js';
import type { Transactional } from './story-service.js';

/**
 * Settings an admin switches in the newsroom (issue 14: the four-eyes rule
 * for pushes). The endpoints ask for 'settings.manage'; every change is
 * audited as 'settings.changed' in the transaction that writes it.
 */
export const PUSH_FOUR_EYES = 'push.fourEyes';

/** Whether a push waits for a second editor (off unless an admin switched it on). */
export async function pushFourEyes(db: Queryable): Promise<boolean> {
  return (await readSetting(db, PUSH_FOUR_EYES)) === true;
}

export class NewsroomSettings {
  constructor(private readonly db: Transactional) {}

  pushFourEyes(): Promise<boolean> {
    return pushFourEyes(this.db);
  }

  /** Switches four eyes on or off; returns the new value. A switch to the value it has is not audited again. */
  async setPushFourEyes(actor: AuditActor, on: unknown): Promise<boolean> {
    if (typeof on !== 'boolean') {
      throw new LedeError('VALIDATION', 'the setting is invalid: on: must be true or false', {
        reason: 'input_invalid', issues: [{ path: 'on', message: 'must be true or false', code: 'bad_shape' }],
      });
    }
    await this.db.transaction(async (tx) => {
      // Read inside the transaction, so two admins switching at once audit what each actually changed.
      await lockSetting(tx, PUSH_FOUR_EYES);
      const before = await pushFourEyes(tx);
      if (before === on) return;
      await writeSetting(tx, PUSH_FOUR_EYES, on, actor.name.slice(0, 200));
      await audit(tx, actor, 'settings.changed', { detail: { key: PUSH_FOUR_EYES, from: before, to: on } });
    });
    return on;
  }
}
