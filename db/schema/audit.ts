import { bigserial, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { people, villages } from './core'

/**
 * Append-only, hash-chained per village: entry n's hash covers entry n-1's hash and entry n's
 * content, so an edited or deleted row breaks every hash after it. Rows are never updated.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    seq: integer().notNull(),
    actorPersonId: uuid().references(() => people.id),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    // Kept as the exact ISO text that was hashed, so verification never depends on timestamp rounding.
    recordedAt: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [unique().on(t.villageId, t.seq), index().on(t.villageId, t.subjectType, t.subjectId)],
)

/**
 * Entries written by a change's own transaction, not yet linked into the chain. Writing here takes
 * no lock, so concurrent writes (votes, sign-ups, collections) never queue behind one village's
 * chain; `sealAudit` moves them into `audit_log` in batches, in commit order.
 */
export const auditOutbox = pgTable(
  'audit_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    actorPersonId: uuid().references(() => people.id),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    recordedAt: text().notNull(),
  },
  (t) => [index().on(t.villageId, t.id)],
)

/** The tip of each village's chain; locking this row serialises sealing of that chain. */
export const auditHeads = pgTable('audit_heads', {
  villageId: uuid()
    .primaryKey()
    .references(() => villages.id),
  seq: integer().notNull(),
  hash: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export type AuditRow = typeof auditLog.$inferSelect
