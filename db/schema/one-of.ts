import { sql } from 'drizzle-orm'
import { check, type AnyPgColumn } from 'drizzle-orm/pg-core'

/*
 * The database's half of a closed set. The tuple is the one in shared/ that the zod schema and
 * the column's `text({ enum })` type also read, so the three cannot drift;
 * tests/db/status-checks.test.ts proves every such column has its CHECK and that it refuses a
 * value outside the tuple.
 */

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')
}

/** The column holds one of the tuple's values. NULL passes, as for any CHECK: NOT NULL is the column's own business. */
export function oneOf(name: string, column: AnyPgColumn, values: readonly [string, ...string[]]) {
  return check(name, sql`${column} in (${sql.raw(quoted(values))})`)
}

/** Every element of a text[] column is one of the tuple's values. */
export function allOf(name: string, column: AnyPgColumn, values: readonly [string, ...string[]]) {
  return check(name, sql`${column} <@ array[${sql.raw(quoted(values))}]::text[]`)
}
