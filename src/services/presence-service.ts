import { PresenceRepository, type PresentUser } from '../store/presence-repository.js';
import type { Transactional } from './account-service.js';

/**
 * Who has a story open in the editor. A heartbeat is a (small) write, so it
 * goes through a service like every other: the endpoint only says who and
 * which story.
 */
export class PresenceService {
  constructor(private readonly db: Transactional) {}

  /** `userId` still has `storyId` open: records it and answers the others seen on it. */
  beat(storyId: string, userId: string): Promise<PresentUser[]> {
    return this.db.transaction((tx) => new PresenceRepository(tx).beat(storyId, userId));
  }

  /** `userId` closed the editor of `storyId`. */
  leave(storyId: string, userId: string): Promise<void> {
    return new PresenceRepository(this.db).leave(storyId, userId);
  }
}
