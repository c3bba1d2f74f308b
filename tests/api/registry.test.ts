import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { routes } from '../../functions/routes'

const apiDir = fileURLToPath(new URL('../../functions/api/', import.meta.url))

/** Every module under functions/api, as Vercel's file routing sees them (helpers start with `_`). */
function apiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('_')) return []
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return apiFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** The path Vercel serves a file at: functions/api/land/history.ts is /api/land/history. */
function servedAt(file: string): string {
  const relative = path.relative(apiDir, file).split(path.sep).join('/')
  return `/api/${relative.replace(/\.ts$/, '').replace(/\/index$/, '')}`
}

describe('the route registry (functions/routes.ts)', () => {
  it('lists every file under functions/api that exports a route exactly once, at the path the file is served at', async () => {
    const files = apiFiles(apiDir)
    expect(files.length).toBeGreaterThan(100)
    const exported: { file: string; route: unknown }[] = []
    for (const file of files) {
      const module = (await import(pathToFileURL(file).href)) as { route?: unknown }
      if (module.route !== undefined) exported.push({ file, route: module.route })
    }
    for (const { file, route } of exported) {
      const listed = routes.filter((entry) => entry === route)
      expect(listed, path.relative(apiDir, file)).toHaveLength(1)
      expect(listed[0]?.path, path.relative(apiDir, file)).toBe(servedAt(file))
    }
    // Nothing is registered that no file serves (a route defined outside functions/api).
    expect(routes).toHaveLength(exported.length)
  })

  it('gives each path one route', () => {
    const paths = routes.map((route) => route.path)
    expect(new Set(paths).size).toBe(paths.length)
  })
})
