import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * The stored answer to a write sent with an Idempotency-Key, committed in the same transaction as
 * the write itself: a retry after a lost response gets the first answer instead of a second effect.
 */
export const idempotencyRecords = pgTable(
  'idempotency_records',
  {
    // Anonymous writes share the principal "anonymous"; keys are client-generated UUIDs.
    principal: text().notNull(),
    key: text().notNull(),
    route: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull(),
    body: jsonb().$type<unknown>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
)
