import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

function dirSize(dir: string, exclude: readonly string[] = []): number {
  if (!existsSync(dir)) return 0
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (exclude.includes(full)) continue
    total += entry.isDirectory() ? dirSize(full, exclude) : statSync(full).size
  }
  return total
}

export interface WeappSizes {
  mainPackage: number
  subpackages: Record<string, number>
}

function subpackageRoots(distDir: string): string[] {
  const appJson = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  return (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, ''))
}

/** Main package = everything WeChat downloads first, i.e. all but the subpackage roots. */
export function weappSizes(distDir: string): WeappSizes {
  const roots = subpackageRoots(distDir)
  const subpackages: Record<string, number> = {}
  for (const root of roots) subpackages[root] = dirSize(path.join(distDir, root))
  return {
    mainPackage: dirSize(
      distDir,
      roots.map((root) => path.join(distDir, root)),
    ),
    subpackages,
  }
}

function h5FirstLoadFiles(distDir: string): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8')
  const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1] ?? '')
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1] ?? '')
  return [...new Set([...sources, ...preloads])].filter((src) => !/^https?:/.test(src)).map((src) => src.replace(/^\//, ''))
}

function gzipTotals(distDir: string, files: readonly string[]): { files: number; raw: number; gzip: number } {
  let raw = 0
  let gzip = 0
  for (const src of files) {
    const file = path.join(distDir, src)
    if (!existsSync(file)) continue
    const content = readFileSync(file)
    raw += content.length
    gzip += gzipSync(content, { level: 9 }).length
  }
  return { files: files.length, raw, gzip }
}

/** The JS a browser must fetch before first render: every script index.html references, gzipped. */
export function h5FirstLoadGzip(distDir: string): { files: number; raw: number; gzip: number } {
  return gzipTotals(distDir, h5FirstLoadFiles(distDir))
}

/** What the build's bundle report (miniapp/config/bundle-report.ts) says about each JS chunk. */
interface ChunkReport {
  page: string | null
  imports: string[]
  owners: Record<string, number>
}

function readReport(distDir: string): Record<string, ChunkReport> | null {
  const file = path.join(path.dirname(distDir), `bundle-report.${path.basename(distDir)}.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, ChunkReport>) : null
}

/**
 * The JS of the first screen a villager sees: the first load plus the first page's own chunk and
 * every chunk it imports. Split chunks move code out of the first load; this shows whether the
 * first page still needs it before it can paint.
 */
export function h5FirstScreenGzip(distDir: string, page = 'pages/home/index'): { files: number; raw: number; gzip: number } | null {
  const report = readReport(distDir)
  if (report === null) return null
  const files = new Set(h5FirstLoadFiles(distDir))
  const pageChunk = Object.entries(report).find(([, chunk]) => chunk.page === page)?.[0]
  if (pageChunk === undefined) return null
  const queue = [pageChunk]
  while (queue.length > 0) {
    const file = queue.pop() as string
    if (files.has(file) && file !== pageChunk) continue
    files.add(file)
    queue.push(...(report[file]?.imports ?? []).filter((next) => !files.has(next)))
  }
  return gzipTotals(distDir, [...files])
}

/** Rendered (pre-minification) bytes per npm package or source folder over the given chunks, largest first. */
export function ownersOf(distDir: string, which: 'h5-first-load' | 'weapp-main'): [string, number][] {
  const report = readReport(distDir)
  if (report === null) return []
  const firstLoad = which === 'h5-first-load' ? new Set(h5FirstLoadFiles(distDir)) : null
  const roots = which === 'weapp-main' ? subpackageRoots(distDir) : []
  const totals = new Map<string, number>()
  for (const [file, chunk] of Object.entries(report)) {
    const counted = firstLoad ? firstLoad.has(file) : !roots.some((root) => file.startsWith(`${root}/`))
    if (!counted) continue
    for (const [owner, bytes] of Object.entries(chunk.owners)) totals.set(owner, (totals.get(owner) ?? 0) + bytes)
  }
  return [...totals].sort((a, b) => b[1] - a[1])
}

/** The main package's files, largest first (bytes on disk, as WeChat counts them). */
export function weappMainFiles(distDir: string): [string, number][] {
  const roots = subpackageRoots(distDir).map((root) => path.join(distDir, root))
  const files: [string, number][] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (roots.includes(full)) continue
      if (entry.isDirectory()) walk(full)
      else files.push([path.relative(distDir, full), statSync(full).size])
    }
  }
  walk(distDir)
  return files.sort((a, b) => b[1] - a[1])
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
