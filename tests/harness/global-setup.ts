import type { PGlite } from '@electric-sql/pglite'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDb } from '../../db/client'
import { runMigrations } from '../../db/migrate'

/**
 * Migrates once per run, then every test file starts from a copy: a PGlite data-dir snapshot, or
 * (with TEST_DATABASE_URL) a Postgres template database. Each run uses its own names and drops them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  if (serverUrl) {
    const templateName = `xy_tpl_${runId}`
    await adminQuery(serverUrl, `CREATE DATABASE ${templateName}`)
    const handle = await openDb({ databaseUrl: withDatabase(serverUrl, templateName), driver: 'pg', poolMax: 1 })
    await runMigrations(handle)
    await handle.close()
    project.provide('testDb', { kind: 'pg', serverUrl, templateName, runId })
    return async () => {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`)
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'xy-pglite-'))
  const handle = await openDb({ pgliteDataDir: 'memory://' })
  await runMigrations(handle)
  const client = (handle.db as unknown as { $client: PGlite }).$client
  const snapshot = await client.dumpDataDir('none')
  const snapshotPath = path.join(dir, 'migrated.tar')
  writeFileSync(snapshotPath, Buffer.from(await snapshot.arrayBuffer()))
  await handle.close()
  project.provide('testDb', { kind: 'pglite', snapshotPath, runId })
  return async () => rmSync(dir, { recursive: true, force: true })
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pg'; serverUrl: string; templateName: string; runId: string } | { kind: 'pglite'; snapshotPath: string; runId: string }
  }
}
