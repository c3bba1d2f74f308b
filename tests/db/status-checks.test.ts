import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { is, sql } from 'drizzle-orm'
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client'
import * as schema from '../../db/schema'
import { COUNT_UNITS } from '../../shared/piecework'
import { z } from '../../shared/zod'
import { setupApi } from '../harness/api'

/*
 * Every closed column (a status, a kind, a role…) is backed by the database, not only by zod: the
 * tuple in shared/ gives the column its `text({ enum })` type, and a CHECK on the column accepts
 * exactly the tuple's values. The columns are found from the drizzle tables themselves, so a new
 * closed column whose CHECK was forgotten fails here.
 */

const api = await setupApi()

interface ClosedColumn {
  table: string
  column: string
  values: readonly string[]
}

function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
}

const tables: unknown[] = Object.values(schema)
const enumColumns: ClosedColumn[] = tables.flatMap((table) => {
  if (!is(table, PgTable)) return []
  const config = getTableConfig(table)
  return config.columns.flatMap((column) => {
    const values = (column as { enumValues?: readonly string[] }).enumValues
    if (!values?.length) return []
    return [{ table: config.name, column: column.keyAsName ? snakeCase(column.name) : column.name, values }]
  })
})
/**
 * Closed by a CHECK but typed as plain text: the material rules carry GRAMS and the count units in
 * one string (shared/piecework/material.ts), so these two columns do not take the enum type.
 */
const checkOnlyColumns: ClosedColumn[] = [
  { table: 'material_movements', column: 'unit', values: COUNT_UNITS },
  { table: 'piece_operations', column: 'count_unit', values: COUNT_UNITS },
]
const closedColumns = [...enumColumns, ...checkOnlyColumns]

const checkRows = z.array(z.object({ name: z.string(), definition: z.string() }))
type SingleColumnCheck = z.infer<typeof checkRows>[number]
const countRows = z.array(z.object({ n: z.number() }))

/** The CHECK constraints that read this column and no other (or, with `alone` false, among others). */
async function checksOn(table: string, column: string, alone = true): Promise<SingleColumnCheck[]> {
  return checkRows.parse(
    await queryRows(
      api.db,
      sql`
    select c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    where c.contype = 'c' and c.conrelid = ${table}::regclass and a.attname = ${column} and (cardinality(c.conkey) = 1 or not ${alone})
    order by c.conname`,
    ),
  )
}

interface PgFailure {
  code?: string
  constraint?: string
}

/** The Postgres error under drizzle's wrapper (PGlite and node-postgres both carry code and constraint). */
function pgFailure(error: unknown): PgFailure {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, constraint } = current as PgFailure
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, constraint }
    current = (current as { cause?: unknown }).cause
  }
  return {}
}

async function failureOf(work: Promise<unknown>): Promise<PgFailure> {
  try {
    await work
  } catch (error) {
    return pgFailure(error)
  }
  return {}
}

const OUTSIDE = 'not_in_the_tuple'

describe('every closed column is backed by a CHECK', () => {
  it('finds the closed columns from the drizzle tables (so the sweep below is not empty)', () => {
    expect(closedColumns.length).toBeGreaterThanOrEqual(35)
    for (const expected of [
      'land_meetings.status',
      'land_notices.status',
      'land_award_years.status',
      'garden_swaps.status',
      'pay_periods.status',
      'memberships.role',
    ]) {
      expect(closedColumns.map((c) => `${c.table}.${c.column}`)).toContain(expected)
    }
  })

  it.each(closedColumns.map((c) => [`${c.table}.${c.column}`, c] as const))(
    '%s: its CHECK accepts the tuple and refuses anything else',
    async (_label, closed) => {
      const checks = await checksOn(closed.table, closed.column)
      expect(checks, `${closed.table}.${closed.column} has no CHECK of its own`).not.toEqual([])

      // The database's own constraints, evaluated on a scratch table holding only this column.
      const probe = `probe_${closed.table}_${closed.column}`
      await api.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`create temp table "${probe}" ("${closed.column}" text) on commit drop`))
        for (const check of checks) await tx.execute(sql.raw(`alter table "${probe}" add constraint "${check.name}" ${check.definition}`))
        for (const value of closed.values) await tx.execute(sql`insert into ${sql.identifier(probe)} values (${value})`)
        for (const outside of [OUTSIDE, closed.values[0]!.toUpperCase() + ' ', '']) {
          await tx.execute(sql`savepoint outside`)
          const failure = await failureOf(tx.execute(sql`insert into ${sql.identifier(probe)} values (${outside})`))
          expect(failure.code, `${closed.table}.${closed.column} accepted ${JSON.stringify(outside)}`).toBe('23514')
          await tx.execute(sql`rollback to savepoint outside`)
        }
        await tx.execute(sql.raw(`drop table "${probe}"`))
      })
    },
  )

  it.each(closedColumns.map((c) => [`${c.table}.${c.column}`, c] as const))('%s: the real table refuses a value outside the tuple', async (_label, closed) => {
    const present = sql`${sql.identifier(closed.column)} is not null`
    const [row] = countRows.parse(await queryRows(api.db, sql`select count(*)::int as n from ${sql.identifier(closed.table)} where ${present}`))
    if (!row || row.n === 0) return // no demo row to change; the constraint itself is proven above
    const failure = await failureOf(
      api.db.transaction(async (tx) => {
        // Triggers (append-only tables, foreign keys) would refuse first and hide the CHECK.
        await tx.execute(sql`set local session_replication_role = replica`)
        await tx.execute(
          sql`update ${sql.identifier(closed.table)} set ${sql.identifier(closed.column)} = ${OUTSIDE} where ctid = (select ctid from ${sql.identifier(closed.table)} where ${present} limit 1)`,
        )
      }),
    )
    expect(failure.code).toBe('23514')
    // Postgres checks constraints in name order, so a rule tying the status to another column
    // (garden_matters_decided) may be the one that speaks first: any CHECK reading the column will do.
    expect((await checksOn(closed.table, closed.column, false)).map((c) => c.name)).toContain(failure.constraint)
  })

  it('has no list CHECK in the database on a column without a tuple (a CHECK and a tuple that drifted apart)', async () => {
    const rows = z.array(z.object({ table: z.string(), column: z.string(), name: z.string() })).parse(
      await queryRows(
        api.db,
        sql`
      select c.conrelid::regclass::text as table, a.attname as column, c.conname as name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_namespace n on n.oid = (select relnamespace from pg_class where oid = c.conrelid)
      where c.contype = 'c' and cardinality(c.conkey) = 1 and n.nspname = 'public'
        and pg_get_constraintdef(c.oid) like '%= ANY (ARRAY[%'
        and a.atttypid = 'text'::regtype`,
      ),
    )
    const known = new Set(closedColumns.map((c) => `${c.table}.${c.column}`))
    expect(rows.filter((r) => !known.has(`${r.table.replaceAll('"', '')}.${r.column}`))).toEqual([])
  })

  it('declares no closed column as a bare literal union in db/schema (it would escape the sweep above)', () => {
    const dir = path.join(import.meta.dirname, '../../db/schema')
    const offenders = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        readFileSync(path.join(dir, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ where: `${file}:${index + 1}`, line }))
          .filter(({ line }) => /text\([^)]*\)\.\$type<\s*'/.test(line)),
      )
    expect(offenders).toEqual([])
  })
})
