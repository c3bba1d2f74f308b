import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full))
    else newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the mini-program for `type` once per run, and only when its sources are newer than the last build. */
export function buildMiniappIfStale(type: 'h5' | 'weapp', marker: string): void {
  const built = path.join(root, 'miniapp', 'dist', type, marker)
  const sources = Math.max(
    newestMtime(path.join(root, 'miniapp', 'src')),
    newestMtime(path.join(root, 'miniapp', 'config')),
    newestMtime(path.join(root, 'shared')),
  )
  if (existsSync(built) && statSync(built).mtimeMs > sources && process.env.E2E_REBUILD !== '1') return
  console.log(`[${type}] building the mini-program…`)
  // Vitest sets NODE_ENV=test, under which Taro's build dies ("Unexpected early exit").
  const build = spawnSync('npm', ['run', `build:${type}`], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error(`${type} build failed`)
}
