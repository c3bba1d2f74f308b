import path from 'node:path'
import type { GetManualChunk, ManualChunkMeta, OutputAsset, OutputChunk } from 'rollup'
import type { Plugin } from 'vite'

/**
 * Chunking by who needs a module, replacing the Taro vite runner's rule ("every node_modules
 * module in `vendors`, every module with two importers in `common`"), which puts the code of
 * subpackage pages into what a phone downloads first.
 *
 * - WeChat: a module reached only from the pages of one subpackage goes into that subpackage
 *   (`packages/<name>/shared.js`, or the page itself when only one page uses it). What the main
 *   package's pages or two subpackages use stays in `vendors`/`common` (a subpackage cannot
 *   require another subpackage's files).
 * - H5: only what the app entry imports statically (the framework, the app shell) is in the
 *   first-load `vendors`/`common`; everything else is left to Rollup, which splits it by the set
 *   of pages (dynamic imports) that use it, so a page loads only what it shows.
 *
 * Subpackage roots follow app.config.ts: `packages/<name>`.
 */

const NODE_MODULES = /[\\/]node_modules[\\/]/
const SUBPACKAGE = /[\\/]src[\\/](packages[\\/][^\\/]+)[\\/]/
// The runner's own injected files and the framework must stay where the runner expects them.
const VITE_RUNNER = /node_modules[\\/]@tarojs[\\/]vite-runner/
const BABEL = [/node_modules[\\/]@babel[\\/]/, /commonjsHelpers\.js$/]
const FRAMEWORK = [
  /@tarojs[\\/]/,
  /node_modules[\\/]react-reconciler[\\/]/,
  /node_modules[\\/]react[\\/]/,
  /node_modules[\\/]scheduler[\\/]/,
  /node_modules[\\/]tslib[\\/]/,
]
const SHARED_CHUNK = 'shared'

/** The app entry and what Taro emits beside it (pages, comp, custom-wrapper: "implicitly loaded" after the app). */
function entryModules(meta: ManualChunkMeta): string[] {
  const entries = new Set<string>()
  for (const id of meta.getModuleIds()) {
    const info = meta.getModuleInfo(id)
    if (!info?.isEntry) continue
    entries.add(id)
    for (const page of info.implicitlyLoadedBefore) entries.add(page)
  }
  return [...entries]
}

const isVirtual = (id: string) => id.startsWith('\0') || id.includes('virtual:')

/** For each module, the set of groups (`main` or a subpackage root) whose entries reach it statically, and how many entries do. */
function reachFrom(entries: string[], meta: ManualChunkMeta, groupOf: (entry: string) => string) {
  const groups = new Map<string, Set<string>>()
  const entryCount = new Map<string, number>()
  for (const entry of entries) {
    const group = groupOf(entry)
    const seen = new Set<string>([entry])
    const queue = [entry]
    while (queue.length > 0) {
      const id = queue.pop() as string
      let set = groups.get(id)
      if (!set) groups.set(id, (set = new Set()))
      set.add(group)
      entryCount.set(id, (entryCount.get(id) ?? 0) + 1)
      for (const next of meta.getModuleInfo(id)?.importedIds ?? []) {
        if (!seen.has(next)) {
          seen.add(next)
          queue.push(next)
        }
      }
    }
  }
  return { groups, entryCount }
}

function weappManualChunks(): GetManualChunk {
  let reach: ReturnType<typeof reachFrom> | null = null
  return (id, meta) => {
    if (VITE_RUNNER.test(id)) return null
    if (BABEL.some((pattern) => pattern.test(id))) return 'babelHelpers'
    if (NODE_MODULES.test(id) && FRAMEWORK.some((pattern) => pattern.test(id))) return 'taro'
    if (reach === null) {
      const entries = entryModules(meta)
      reach = reachFrom(entries, meta, (entry) => SUBPACKAGE.exec(entry)?.[1]?.replace(/\\/g, '/') ?? 'main')
    }
    const groups = reach.groups.get(id)
    if (groups?.size === 1 && !groups.has('main')) {
      const [root] = [...groups]
      // One page only: Rollup keeps it in that page's file.
      return (reach.entryCount.get(id) ?? 0) > 1 ? `${root}/${SHARED_CHUNK}` : undefined
    }
    if (NODE_MODULES.test(id)) return 'vendors'
    const importers = meta.getModuleInfo(id)?.importers ?? []
    if (importers.length > 1 && !isVirtual(id)) return 'common'
    return undefined
  }
}

function h5ManualChunks(): GetManualChunk {
  let firstLoad: Set<string> | null = null
  return (id, meta) => {
    if (firstLoad === null) {
      const entries = [...meta.getModuleIds()].filter((moduleId) => meta.getModuleInfo(moduleId)?.isEntry)
      firstLoad = new Set(reachFrom(entries, meta, () => 'main').groups.keys())
    }
    if (!firstLoad.has(id)) return undefined
    if (NODE_MODULES.test(id) || /commonjsHelpers\.js$/.test(id)) return 'vendors'
    const importers = meta.getModuleInfo(id)?.importers ?? []
    if (importers.length > 1 && !isVirtual(id)) return 'common'
    return undefined
  }
}

/**
 * A subpackage's shared chunk carries styles too (land.scss, NutUI's Cell). Taro's style step
 * renames each chunk's CSS to `<chunk>.wxss` (the bundle keys keep their old names) and imports
 * only main-package common styles into app.wxss, so each page that requires its subpackage's
 * shared chunk imports that chunk's styles itself.
 */
function importSubpackageStyles(bundle: Record<string, OutputChunk | OutputAsset>, emit: (asset: { fileName: string; source: string }) => void) {
  const assets = new Map<string, OutputAsset>()
  for (const output of Object.values(bundle)) if (output.type === 'asset') assets.set(output.fileName, output)
  for (const output of Object.values(bundle)) {
    if (output.type !== 'chunk' || !(output.isEntry || output.isImplicitEntry)) continue
    const page = output.fileName
    const sharedJs = output.imports.find((file) => file.endsWith(`/${SHARED_CHUNK}.js`))
    if (!sharedJs) continue
    const sharedCss = sharedJs.replace(/\.js$/, '.wxss')
    if (!assets.has(sharedCss)) continue
    const pageCss = page.replace(/\.js$/, '.wxss')
    const line = `@import "${path.posix.relative(path.posix.dirname(page), sharedCss)}";\n`
    const existing = assets.get(pageCss)
    if (existing) existing.source = line + String(existing.source)
    else emit({ fileName: pageCss, source: line })
  }
}

export function splitChunks(platform: string): Plugin {
  const isH5 = platform === 'h5'
  return {
    name: 'xiangyue:split-chunks',
    apply: 'build',
    enforce: 'post',
    outputOptions(options) {
      return { ...options, manualChunks: isH5 ? h5ManualChunks() : weappManualChunks() }
    },
    generateBundle(_options, bundle) {
      if (isH5) return
      importSubpackageStyles(bundle, (asset) => this.emitFile({ type: 'asset', ...asset }))
    },
  }
}
