/**
 * Safe defaults: two processes on one PGlite folder lost acknowledged writes without an error.
 * Now the folder is locked while open; a second opener is refused with a clear message, and the
 * lock of a process that crashed goes stale instead of locking the folder for good.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb, repoRoot } from '../../db/client'
import { PGLITE_LOCK_STALE_MS, PgliteDirLockedError } from '../../db/pglite-lock'
import { freePort } from '../harness/free-port'

const root = mkdtempSync(path.join(tmpdir(), 'xy-lock-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('one process per PGlite folder', () => {
  it('refuses a second open of the same folder while the first holds it, and frees it on close', async () => {
    const dir = path.join(root, 'in-process')
    const first = await openDb({ pgliteDataDir: dir })
    await expect(openDb({ pgliteDataDir: dir })).rejects.toBeInstanceOf(PgliteDirLockedError)
    await expect(openDb({ pgliteDataDir: dir })).rejects.toThrow(/正被另一个乡约进程使用.*already open in another process/s)
    await first.close()
    const again = await openDb({ pgliteDataDir: dir })
    await again.close()
  })

  it('takes over the lock a crashed process left behind once it is stale', async () => {
    const dir = path.join(root, 'crashed')
    // What a process killed with SIGKILL leaves: the lock, no longer refreshed.
    mkdirSync(`${dir}.lock`, { recursive: true })
    const fresh = new Date()
    utimesSync(`${dir}.lock`, fresh, fresh)
    await expect(openDb({ pgliteDataDir: dir })).rejects.toBeInstanceOf(PgliteDirLockedError)
    const old = new Date(Date.now() - PGLITE_LOCK_STALE_MS - 5_000)
    utimesSync(`${dir}.lock`, old, old)
    const handle = await openDb({ pgliteDataDir: dir })
    await handle.close()
  })

  it('a second server on the same PGLITE_DIR refuses to start, and the first keeps serving', async () => {
    const dir = path.join(root, 'two-servers')
    const first = await startServer(dir)
    try {
      expect(first.exitCode).toBeNull()
      const second = await startServer(dir)
      expect(second.exitCode, second.output()).toBe(75)
      expect(second.output()).toMatch(/拒绝启动 refusing to start: 数据库目录 .* 正被另一个乡约进程使用/)
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200)
    } finally {
      await first.stop()
    }
  }, 120_000)
})

/** Starts functions/server/serve.ts; resolves once it is healthy or has exited. */
async function startServer(dataDir: string): Promise<{ url: string; exitCode: number | null; output: () => string; stop: () => Promise<void> }> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: dataDir, DEMO_LOGIN: '0' }
  delete env.DATABASE_URL
  delete env.DATABASE_DRIVER
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], { cwd: repoRoot, env })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  return {
    url,
    get exitCode() {
      return child.exitCode
    },
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
