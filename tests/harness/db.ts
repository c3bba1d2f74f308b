import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { openDb, type DbHandle, type DriverName } from '../../db/client'
import { adminQuery, withDatabase } from './global-setup'
import { startWsProxy } from './ws-proxy'

export interface TestDatabase extends DbHandle {
  /** Connection string of this file's own database (Postgres server runs only). */
  url: string | null
  drop: () => Promise<void>
}

let counter = 0

/** A clean, migrated database for one test file. */
export async function createTestDatabase(options: { driver?: DriverName } = {}): Promise<TestDatabase> {
  const config = inject('testDb')
  if (config.kind === 'pglite') {
    const snapshot = new Blob([readFileSync(config.snapshotPath)])
    const handle = await openDb({ pgliteDataDir: 'memory://', pgliteLoadDataDir: snapshot })
    return { ...handle, url: null, drop: () => handle.close() }
  }
  counter += 1
  const name = `xy_${config.runId}_${process.pid}_${counter}`
  await createFromTemplate(config.serverUrl, name, config.templateName)
  const url = withDatabase(config.serverUrl, name)
  const driver = options.driver ?? (process.env.TEST_DB_DRIVER === 'neon' ? 'neon' : 'pg')
  const server = new URL(config.serverUrl)
  const proxy = driver === 'neon' ? await startWsProxy({ host: server.hostname, port: Number(server.port || 5432) }) : null
  const handle = await openDb({ databaseUrl: url, driver, neonWsProxy: proxy?.address })
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close()
      await proxy?.close()
      await adminQuery(config.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

async function createFromTemplate(serverUrl: string, name: string, template: string): Promise<void> {
  // Two files copying the template at the same instant can collide ("being accessed by other users").
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`)
      return
    } catch (error) {
      if (attempt >= 10) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
    }
  }
}

export function testDatabaseKind(): 'pg' | 'pglite' {
  return inject('testDb').kind
}
