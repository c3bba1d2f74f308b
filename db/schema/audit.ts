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

/** The tip of each village's chain; locking this row serialises appends to that chain. */
export const auditHeads = pgTable('audit_heads', {
  villageId: uuid()
    .primaryKey()
    .references(() => villages.id),
  seq: integer().notNull(),
  hash: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export type AuditRow = typeof auditLog.$inferSelect
