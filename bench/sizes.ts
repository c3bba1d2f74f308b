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

/** Main package = everything WeChat downloads first, i.e. all but the subpackage roots. */
export function weappSizes(distDir: string): WeappSizes {
  const appJson = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, ''))
  const subpackages: Record<string, number> = {}
  for (const root of roots) subpackages[root] = dirSize(path.join(distDir, root))
  return { mainPackage: dirSize(distDir, roots.map((root) => path.join(distDir, root))), subpackages }
}

/** The JS a browser must fetch before first render: every script index.html references, gzipped. */
export function h5FirstLoadGzip(distDir: string): { files: number; raw: number; gzip: number } {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8')
  const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1] ?? '')
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1] ?? '')
  let raw = 0
  let gzip = 0
  const files = [...new Set([...sources, ...preloads])].filter((src) => !/^https?:/.test(src))
  for (const src of files) {
    const file = path.join(distDir, src.replace(/^\//, ''))
    if (!existsSync(file)) continue
    const content = readFileSync(file)
    raw += content.length
    gzip += gzipSync(content, { level: 9 }).length
  }
  return { files: files.length, raw, gzip }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
