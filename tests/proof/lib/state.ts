import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { IdRef } from './generate'

type Row = Record<string, unknown>

export async function rows<T extends Row>(db: Db, text: string): Promise<T[]> {
  const result = await db.execute(sql.raw(text))
  return (result as unknown as { rows: T[] }).rows
}

export interface TableInfo {
  name: string
  columns: Set<string>
}

export async function publicTables(db: Db): Promise<TableInfo[]> {
  const cols = await rows<{ table_name: string; column_name: string }>(
    db,
    `select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name`,
  )
  const byTable = new Map<string, Set<string>>()
  for (const c of cols) byTable.set(c.table_name, (byTable.get(c.table_name) ?? new Set()).add(c.column_name))
  return [...byTable].map(([name, columns]) => ({ name, columns }))
}

/**
 * A cheap fingerprint of every table: row count and the sum of the rows' `xmin` (the id of the
 * transaction that wrote each row version). Any committed insert, update or delete changes it;
 * a rolled-back write leaves no visible row version, so it does not.
 */
export async function fingerprintQuery(db: Db): Promise<() => Promise<string>> {
  // Attempt counters change on refused requests by design; every other table must not.
  const tables = (await publicTables(db)).filter((t) => t.name !== 'rate_limits')
  const text = tables
    .map((t) => `select '${t.name}' as t, count(*)::text as n, coalesce(sum((xmin::text)::bigint), 0)::text as x from "${t.name}"`)
    .join(' union all ')
  return async () => {
    const result = await rows<{ t: string; n: string; x: string }>(db, text)
    return result.map((r) => `${r.t}:${r.n}:${r.x}`).join('|')
  }
}

/**
 * A change log for the test database only: a row-level trigger on every public table appends the
 * table's name to `proof_changes` inside the writing transaction, so a rolled-back request leaves
 * nothing and any committed insert, update or delete (or truncate) leaves a row. Reading the
 * newest id is one index probe, cheap enough to check after every single request.
 */
export async function installChangeLog(db: Db): Promise<{ mark: () => Promise<number>; since: (mark: number) => Promise<string[]> }> {
  const tables = await publicTables(db)
  await db.execute(sql.raw(`create table if not exists proof_changes (id bigserial primary key, t text not null)`))
  await db.execute(
    sql.raw(`create or replace function proof_log_change() returns trigger language plpgsql as $$
      begin insert into proof_changes (t) values (TG_TABLE_NAME); return null; end $$`),
  )
  for (const t of tables) {
    // Attempt counters are written by refused requests by design (a wrong invite code counts).
    if (t.name === 'proof_changes' || t.name === 'rate_limits') continue
    await db.execute(sql.raw(`create trigger proof_log_row after insert or update or delete on "${t.name}" for each row execute function proof_log_change()`))
    await db.execute(sql.raw(`create trigger proof_log_truncate after truncate on "${t.name}" for each statement execute function proof_log_change()`))
  }
  return {
    mark: async () => Number((await rows<{ id: string | number | null }>(db, 'select max(id) as id from proof_changes'))[0]?.id ?? 0),
    since: async (mark) =>
      (await rows<{ t: string; n: string | number }>(db, `select t, count(*) as n from proof_changes where id > ${Number(mark)} group by t order by t`)).map(
        (r) => `${r.t}×${r.n}`,
      ),
  }
}

export function diffFingerprints(before: string, after: string): string[] {
  const a = new Map(before.split('|').map((p) => [p.split(':')[0], p]))
  return after.split('|').filter((p) => a.get(p.split(':')[0]) !== p)
}

interface PoolRow {
  id: string
  village: string | null
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** Field names whose rows live under another table name. */
const ALIASES: Record<string, string> = { candidate: 'nomination', signup: 'signup', to_person: 'person', on_behalf_of_person: 'person' }

/** Real row ids by table, so generated bodies reach the handlers (and their authorisation) instead of 404. */
export class IdPool {
  private byTable = new Map<string, PoolRow[]>()
  private fieldTables = new Map<string, string[]>()

  constructor(private readonly db: Db) {}

  private villageExpr: Map<string, string> | null = null

  /** How to find each table's village: its own column, or through foreign keys (≤ 3 hops). */
  private async villageExpressions(tables: TableInfo[]): Promise<Map<string, string>> {
    const fks = await rows<{ table_name: string; column_name: string; ref_table: string }>(
      this.db,
      `select kcu.table_name, kcu.column_name, ccu.table_name as ref_table
         from information_schema.table_constraints tc
         join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
         join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`,
    )
    const info = new Map(tables.map((t) => [t.name, t]))
    const expr = (table: string, alias: string, depth: number): string | null => {
      if (table === 'villages') return `${alias}.id::text`
      if (info.get(table)?.columns.has('village_id')) return `${alias}.village_id::text`
      if (table === 'people') return `(select m.village_id::text from memberships m where m.person_id = ${alias}.id order by m.village_id limit 1)`
      if (depth >= 3) return null
      const out = fks
        .filter((fk) => fk.table_name === table && fk.ref_table !== table)
        .sort((a, b) => Number(a.ref_table === 'people') - Number(b.ref_table === 'people'))
      for (const fk of out) {
        const next = `a${depth}`
        const inner = expr(fk.ref_table, next, depth + 1)
        if (inner) return `(select ${inner} from "${fk.ref_table}" ${next} where ${next}.id = ${alias}."${fk.column_name}")`
      }
      return null
    }
    return new Map(tables.map((t) => [t.name, expr(t.name, 't0', 0) ?? 'null::text']))
  }

  async refresh(): Promise<void> {
    const tables = await publicTables(this.db)
    this.villageExpr ??= await this.villageExpressions(tables)
    const parts: string[] = []
    for (const t of tables) {
      if (!t.columns.has('id') || t.name === 'audit_log' || t.name === 'proof_changes') continue
      const village = this.villageExpr.get(t.name) ?? 'null::text'
      parts.push(`(select '${t.name}' as t, t0.id::text as id, ${village} as village from "${t.name}" t0 order by t0.id desc limit 400)`)
    }
    const result = await rows<{ t: string; id: string; village: string | null }>(this.db, parts.join(' union all '))
    const next = new Map<string, PoolRow[]>()
    for (const r of result) next.set(r.t, [...(next.get(r.t) ?? []), { id: r.id, village: r.village }])
    this.byTable = next
    this.fieldTables.clear()
  }

  private tablesFor(field: string): string[] {
    const cached = this.fieldTables.get(field)
    if (cached) return cached
    let stem = snake(field.replace(/Ids?$/, ''))
    stem = ALIASES[stem] ?? stem
    if (stem.endsWith('person')) stem = 'person'
    const names = [...this.byTable.keys()]
    const exact = stem === 'person' ? ['people'] : names.filter((n) => n === `${stem}s` || n.endsWith(`_${stem}s`) || n === stem || n.endsWith(`_${stem}`))
    const loose = exact.length ? exact : names.filter((n) => n.includes(stem))
    this.fieldTables.set(field, loose)
    return loose
  }

  pick(ref: IdRef, village: string, forceOwn = false): string {
    if (ref.scope === 'random' && !forceOwn) return ref.random
    const candidates = this.tablesFor(ref.field).flatMap((t) => this.byTable.get(t) ?? [])
    const scoped = ref.scope === 'own' || forceOwn ? candidates.filter((r) => r.village === village || r.village === null) : candidates
    const list = scoped.length ? scoped : candidates
    return list[ref.n % Math.max(1, list.length)]?.id ?? ref.random
  }

  /** Replaces every IdRef in a generated value; `villageId` fields take the actor's village. */
  resolve(value: unknown, village: string, forceOwn = false): unknown {
    if (value instanceof IdRef) {
      if (value.field === 'villageId' && (value.scope === 'own' || forceOwn)) return village
      return this.pick(value, village, forceOwn)
    }
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, village, forceOwn))
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value))
        Object.defineProperty(out, k, { value: this.resolve(v, village, forceOwn), enumerable: true, writable: true, configurable: true })
      return out
    }
    return value
  }
}
