/**
 * Which reads are sent often enough to be worth preparing, for both engines
 * (open-embedded-database.ts PREPAREs them, open-server-database.ts names
 * them). Planning a read of `stories` (a dozen indexes) cost about as much as
 * running it, so a SELECT sent PREPARE_AFTER times gets a statement name; at
 * most MAX_NAMED texts do, and at most MAX_TRACKED are counted, so ad-hoc SQL
 * cannot grow the maps. One statement only: a text with a `;` would run
 * whatever follows it when prepared.
 */
const SELECT = /^\s*select\b/i;
const PREPARE_AFTER = 3;
const MAX_NAMED = 200;
const MAX_TRACKED = 2_000;

export class HotReads {
  /** Per text: times seen, its statement name, or false once it must never be prepared. */
  readonly #texts = new Map<string, number | string | false>();
  #named = 0;

  /**
   * The statement name for `sql` once it is hot, with `fresh` the first time
   * (the caller prepares it then); undefined for a read that goes the usual way.
   */
  nameFor(sql: string): { name: string; fresh: boolean } | undefined {
    const known = this.#texts.get(sql);
    if (typeof known === 'string') return { name: known, fresh: false };
    if (known === false || !SELECT.test(sql) || sql.includes(';')) return undefined;
    const seen = (known ?? 0) + 1;
    if (seen >= PREPARE_AFTER && this.#named < MAX_NAMED) {
      const name = `lede_read_${++this.#named}`;
      this.#texts.set(sql, name);
      return { name, fresh: true };
    }
    if (known !== undefined || this.#texts.size < MAX_TRACKED) this.#texts.set(sql, seen);
    return undefined;
  }

  /** `sql` is never prepared again (its PREPARE failed, or its plan went stale under a changed table). */
  forget(sql: string): void {
    this.#texts.set(sql, false);
  }
}
