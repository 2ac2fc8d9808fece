import type { Queryable } from './types.js';
import type { AutoPublishRule, WireRule, WireSource, WireSourceFormat, WireTransport, WithdrawPolicy } from './wire-source-queries.js';

/**
 * Wire sources and their category rules in the database. Checking what is
 * stored is the caller's job (services/wire-sources.ts); this only reads and
 * writes rows.
 */

export {
  WIRE_SOURCE_FORMATS, WIRE_TRANSPORTS, WITHDRAW_POLICIES,
  type AutoPublishRule, type WireCategoryMatch, type WireRule, type WireSource, type WireSourceFormat, type WireTransport, type WithdrawPolicy,
} from './wire-source-queries.js';

/** What is written for a source (secret: undefined keeps the stored one, null clears it). */
export interface WireSourceFields {
  id: string;
  name: string;
  format: WireSourceFormat;
  transport: WireTransport;
  settings: Record<string, unknown>;
  secret?: string | null;
  withdrawPolicy: WithdrawPolicy;
  autoPublish: AutoPublishRule[];
  active: boolean;
}

interface SourceRow {
  id: string;
  name: string;
  format: WireSourceFormat;
  transport: WireTransport;
  settings: Record<string, unknown>;
  has_secret: boolean;
  withdraw_policy: WithdrawPolicy;
  auto_publish: AutoPublishRule[];
  active: boolean;
  created_at: string;
  updated_at: string;
}

const SOURCE_SELECT = `SELECT id, name, format, transport, settings, secret IS NOT NULL AS has_secret, withdraw_policy, auto_publish,
  active, created_at, updated_at FROM wire_sources`;

function sourceFromRow(r: SourceRow): WireSource {
  return {
    id: r.id, name: r.name, format: r.format, transport: r.transport, settings: r.settings ?? {}, hasSecret: r.has_secret,
    withdrawPolicy: r.withdraw_policy, autoPublish: r.auto_publish ?? [], active: r.active, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export class WireSourceRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<WireSource[]> {
    return (await this.db.query<SourceRow>(`${SOURCE_SELECT} ORDER BY name, id`)).map(sourceFromRow);
  }

  async get(id: string): Promise<WireSource | undefined> {
    const rows = await this.db.query<SourceRow>(`${SOURCE_SELECT} WHERE id = $1`, [id]);
    return rows[0] && sourceFromRow(rows[0]);
  }

  async secret(id: string): Promise<string | undefined> {
    const rows = await this.db.query<{ secret: string | null }>('SELECT secret FROM wire_sources WHERE id = $1', [id]);
    return rows[0]?.secret ?? undefined;
  }

  /** Creates or replaces a source; returns whether it was new. */
  async save(s: WireSourceFields): Promise<boolean> {
    const rows = await this.db.query<{ created: boolean }>(
      `INSERT INTO wire_sources (id, name, format, transport, settings, secret, withdraw_policy, auto_publish, active)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, format = EXCLUDED.format, transport = EXCLUDED.transport,
         settings = EXCLUDED.settings, secret = ${s.secret === undefined ? 'wire_sources.secret' : 'EXCLUDED.secret'},
         withdraw_policy = EXCLUDED.withdraw_policy, auto_publish = EXCLUDED.auto_publish, active = EXCLUDED.active, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [s.id, s.name, s.format, s.transport, JSON.stringify(s.settings), s.secret ?? null, s.withdrawPolicy, JSON.stringify(s.autoPublish), s.active],
    );
    return rows[0]?.created === true;
  }

  /** Deletes a source without items; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM wire_sources WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  async itemCount(id: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM wire_items WHERE source = $1', [id]);
    return Number(rows[0]?.n ?? 0);
  }

  async rules(source: string): Promise<WireRule[]> {
    const rows = await this.db.query<{ scheme: string; code: string | null; name: string | null; section: string | null; topics: string[] }>(
      'SELECT scheme, code, name, section, topics FROM wire_rules WHERE source = $1 ORDER BY position', [source],
    );
    return rows.map((r) => ({
      scheme: r.scheme, ...(r.code !== null && { code: r.code }), ...(r.name !== null && { name: r.name }),
      ...(r.section !== null && { section: r.section }), topics: r.topics,
    }));
  }

  /** Replaces a source's rules with `rules`, in order. */
  async replaceRules(source: string, rules: WireRule[]): Promise<void> {
    await this.db.query('DELETE FROM wire_rules WHERE source = $1', [source]);
    if (!rules.length) return;
    const values = rules.map((_, i) => {
      const o = i * 7;
      return `($${o + 1}, $${o + 2}::int, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}::text[])`;
    });
    await this.db.query(
      `INSERT INTO wire_rules (source, position, scheme, code, name, section, topics) VALUES ${values.join(', ')}`,
      rules.flatMap((r, i) => [source, i, r.scheme, r.code ?? null, r.name ?? null, r.section ?? null, r.topics]),
    );
  }
}
