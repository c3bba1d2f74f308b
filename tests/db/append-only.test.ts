import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client'
import { z } from '../../shared/zod'
import { setupApi } from '../harness/api'

/*
 * The append-only tables (history a village must be able to read back as first written) share one
 * trigger function, append_only(): an edit, a removal or a truncate is refused whichever table it is.
 */

const api = await setupApi()

const APPEND_ONLY = [
  'audit_log',
  'garden_points_ledger',
  'garden_beds',
  'garden_plantings',
  'garden_harvests',
  'garden_bed_corrections',
  'garden_planting_corrections',
  'garden_harvest_corrections',
  'piece_collections',
  'land_meeting_changes',
].sort()

const triggerRows = z.array(z.object({ table: z.string(), events: z.string() }))

async function appendOnlyTriggers(): Promise<z.infer<typeof triggerRows>> {
  // tgtype bits: 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE.
  return triggerRows.parse(
    await queryRows(
      api.db,
      sql`
    select t.tgrelid::regclass::text as table,
           concat_ws(',', case when t.tgtype & 8 > 0 then 'delete' end, case when t.tgtype & 16 > 0 then 'update' end, case when t.tgtype & 32 > 0 then 'truncate' end) as events
    from pg_trigger t join pg_proc p on p.oid = t.tgfoid
    where p.proname = 'append_only' and not t.tgisinternal`,
    ),
  )
}

function pgCodeOf(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code } = current as { code?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

async function codeOf(statement: ReturnType<typeof sql>): Promise<string | undefined> {
  try {
    await api.db.execute(statement)
  } catch (error) {
    return pgCodeOf(error)
  }
  return undefined
}

describe('append-only tables', () => {
  it('are guarded by the one shared function, against update, delete and truncate', async () => {
    const triggers = await appendOnlyTriggers()
    expect([...new Set(triggers.map((t) => t.table))].sort()).toEqual(APPEND_ONLY)
    for (const table of APPEND_ONLY) {
      const events = triggers.filter((t) => t.table === table).flatMap((t) => t.events.split(','))
      expect(events.sort(), table).toEqual(['delete', 'truncate', 'update'])
    }
  })

  it('no copy of the refusal is left beside it', async () => {
    const rows = z.array(z.object({ name: z.string() })).parse(
      await queryRows(
        api.db,
        sql`
      select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname like '%append_only%'`,
      ),
    )
    expect(rows.map((r) => r.name)).toEqual(['append_only'])
  })

  it.each(APPEND_ONLY)('%s refuses an edit, a removal and a truncate, and keeps its rows', async (table) => {
    const count = async () =>
      z.array(z.object({ n: z.number() })).parse(await queryRows(api.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n
    const before = await count()
    const id = sql.identifier(table)
    // Touching every row with a no-op assignment is still an edit; on an empty table it changes nothing to refuse.
    if (before) {
      expect(await codeOf(sql`update ${id} set id = id`)).toBe('P0001')
      expect(await codeOf(sql`delete from ${id}`)).toBe('P0001')
    }
    expect(await codeOf(sql`truncate ${id} cascade`)).toBe('P0001')
    expect(await count()).toBe(before)
  })

  it('names the table and hints which rule refused it', async () => {
    try {
      await api.db.execute(sql`delete from garden_points_ledger`)
      expect.unreachable('the delete went through')
    } catch (error) {
      let current: unknown = error
      let found: { message?: string; hint?: string } = {}
      for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
        const candidate = current as { message?: string; hint?: string; cause?: unknown }
        if (candidate.hint) found = candidate
        current = candidate.cause
      }
      expect(found.hint).toBe('garden_points_append_only')
      expect(found.message).toContain('garden_points_ledger is append-only')
    }
  })
})
