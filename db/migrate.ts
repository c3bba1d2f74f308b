import { existsSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import type { DbHandle } from './client'
import { migrationsFolder, queryRows } from './client'
// Imported, not read from disk: the bundled function carries the list of migrations it expects
// inside itself, so its readiness check needs no file beside it.
import journal from './migrations/meta/_journal.json' with { type: 'json' }

interface Journal {
  entries: { idx: number; tag: string; when: number }[]
}

export function readJournal(): Journal {
  return journal as Journal
}

/**
 * The folder of SQL files. In the esbuild bundle every module shares the bundle's own URL, so
 * `migrationsFolder` points beside the bundle; the project root (the working directory of
 * `npm start`, the tests and a Vercel function) is the fallback.
 */
function migrationsDir(): string {
  if (existsSync(path.join(migrationsFolder, 'meta', '_journal.json'))) return migrationsFolder
  return path.join(process.cwd(), 'db', 'migrations')
}

/** The tag of the newest migration this code ships, e.g. `0003_garden`. */
export function latestMigrationTag(): string {
  const entries = readJournal().entries
  return entries[entries.length - 1]?.tag ?? 'none'
}

/** Applies every pending committed migration; safe to run on every start. */
export async function runMigrations(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: migrationsDir() }
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
  const rows = await queryRows(handle.db, sql`select count(*) as count, max(created_at) as created_at from drizzle.__drizzle_migrations`)
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

/**
 * Whether the database already has every migration this code ships. drizzle's migrator applies
 * what is newer than the newest recorded `created_at`, so that one value decides; a database
 * ahead of the code (a newer release migrated it) is fine. A database never migrated has no
 * drizzle schema at all: that is "behind", not an error.
 */
export async function schemaIsCurrent(handle: DbHandle): Promise<boolean> {
  const latest = readJournal().entries.at(-1)
  if (!latest) return true
  let rows: unknown[]
  try {
    rows = await queryRows(handle.db, sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`)
  } catch (error) {
    // 42P01 undefined_table, 3F000 invalid_schema_name: nothing was ever migrated here.
    const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code
    if (code === '42P01' || code === '3F000') return false
    throw error
  }
  const applied = (rows[0] as { created_at: string | number | null } | undefined)?.created_at
  return applied != null && Number(applied) >= latest.when
}
