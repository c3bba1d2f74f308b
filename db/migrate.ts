import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { DbHandle } from './client'
import { migrationsFolder, queryRows } from './client'

interface Journal {
  entries: { idx: number; tag: string; when: number }[]
}

export function readJournal(): Journal {
  return JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal
}

/** The tag of the newest migration this code ships, e.g. `0003_garden`. */
export function latestMigrationTag(): string {
  const entries = readJournal().entries
  return entries[entries.length - 1]?.tag ?? 'none'
}

/** Applies every pending committed migration; safe to run on every start. */
export async function runMigrations(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder }
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator')
    await migrate(handle.db as Parameters<typeof migrate>[0], config)
  } else if (handle.driver === 'pg') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator')
    await migrate(handle.db as Parameters<typeof migrate>[0], config)
  } else {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator')
    await migrate(handle.db as Parameters<typeof migrate>[0], config)
  }
}

export interface MigrationStatus {
  applied: number
  latestApplied: string
  shipped: number
  latestShipped: string
}

/** Reads what drizzle's migrator recorded, to report in /api/health and to refuse a stale schema. */
export async function migrationStatus(handle: DbHandle): Promise<MigrationStatus> {
  const journal = readJournal().entries
  const rows = await queryRows(
    handle.db,
    sql`select count(*) as count, max(created_at) as created_at from drizzle.__drizzle_migrations`,
  )
  const row = rows[0] as { count: string | number; created_at: string | number | null } | undefined
  const applied = Number(row?.count ?? 0)
  const latestWhen = row?.created_at == null ? null : Number(row.created_at)
  const latestApplied = journal.find((entry) => entry.when === latestWhen)?.tag ?? (applied ? 'unknown' : 'none')
  return {
    applied,
    latestApplied,
    shipped: journal.length,
    latestShipped: journal[journal.length - 1]?.tag ?? 'none',
  }
}
