import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { chromiumPath } from './chromium'

const root = path.resolve(import.meta.dirname, '..', '..')
const builtIndex = path.join(root, 'miniapp', 'dist', 'h5', 'index.html')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full))
    else newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the H5 app once per run, and only when its sources are newer than the last build. */
export default function setup(): void {
  if (!chromiumPath) return
  const sources = Math.max(
    newestMtime(path.join(root, 'miniapp', 'src')),
    newestMtime(path.join(root, 'miniapp', 'config')),
    newestMtime(path.join(root, 'shared')),
  )
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs > sources && process.env.E2E_REBUILD !== '1') return
  console.log('[e2e] building the H5 app…')
  // Vitest sets NODE_ENV=test, under which Taro's H5 build dies ("Unexpected early exit").
  const build = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error('H5 build failed')
}
