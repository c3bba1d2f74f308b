import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * Two build steps that keep the WeChat main package to what the tab pages show.
 *
 * 1. `pureSharedConstants`: every top-level constant of `shared/` (mostly zod schemas) is built
 *    inside a call marked pure, so Rollup drops the ones a chunk does not use. Without it, a tab
 *    page that imports `roleLabels` from shared/roles.ts also gets `roleSchema`, and with it all
 *    of classic zod (its chained API attaches every method to every schema). Same evaluation, in
 *    the same order; only unused constants go.
 *
 * 2. `subpackageCopies` (WeChat only): what Taro's webpack runner calls `optimizeMainPackage`,
 *    which its vite runner lacks. A module that a subpackage's code imports from node_modules,
 *    from `shared/` or from the feature API modules (`src/api/*` but request.ts and api-error.ts)
 *    is resolved to a copy of its own for that subpackage (the same file, with `?xy-sub=<name>`),
 *    so split-chunks.ts puts it into that subpackage. Rollup gives a module one chunk, and a
 *    subpackage may only require the main package's files, so without copies anything two
 *    subpackages share (classic zod, NutUI) lands in the main package that every phone downloads
 *    first. Never copied: the framework (one React, one Taro runtime), CommonJS files (the
 *    CommonJS plugin recognises them by extension), and app modules that hold state or classes
 *    whose identity matters (sessions, ApiError).
 */

const repoRoot = path.resolve(__dirname, '..', '..')
const sharedDir = path.join(repoRoot, 'shared') + path.sep
const sharedZod = path.join(repoRoot, 'shared', 'zod.ts')
const appApiDir = path.join(repoRoot, 'miniapp', 'src', 'api') + path.sep
const SUBPACKAGE = /[\\/]miniapp[\\/]src[\\/]packages[\\/]([^\\/]+)[\\/]/
const TAG = /[?&]xy-sub=([a-z0-9-]+)/
const NODE_MODULES = /[\\/]node_modules[\\/]/
const NEVER_COPIED = [
  /[\\/]node_modules[\\/]@tarojs[\\/]/,
  /[\\/]node_modules[\\/](react|react-dom|react-reconciler|scheduler|tslib)[\\/]/,
  /[\\/]node_modules[\\/]@babel[\\/]/,
  /[\\/]node_modules[\\/]@swc[\\/]helpers[\\/]/,
  /[\\/]node_modules[\\/]vite[\\/]/,
]
const SINGLE_APP_MODULES = new Set(['request.ts', 'api-error.ts', 'light.ts', 'light-check.ts'])

const cleanId = (id: string) => id.replace(/\?.*$/, '')

function subpackageOf(importer: string): string | null {
  const tagged = TAG.exec(importer)
  if (tagged?.[1]) return tagged[1]
  return SUBPACKAGE.exec(importer)?.[1] ?? null
}

const commonJs = new Map<string, boolean>()
function isCommonJs(file: string): boolean {
  let known = commonJs.get(file)
  if (known === undefined) {
    let text = ''
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      // unreadable: leave it alone
    }
    known = !/\.(m?js|ts|tsx|css|scss)$/.test(file) || /\bmodule\.exports\b|\bexports\.[A-Za-z_$]|\brequire\(/.test(text)
    commonJs.set(file, known)
  }
  return known
}

function copiedPerSubpackage(id: string): boolean {
  if (id.startsWith('\0') || id.includes('?')) return false
  if (id.startsWith(sharedDir)) return true
  if (id.startsWith(appApiDir)) return !SINGLE_APP_MODULES.has(path.basename(id))
  if (!NODE_MODULES.test(id) || NEVER_COPIED.some((pattern) => pattern.test(id))) return false
  return !isCommonJs(id)
}

export function subpackageCopies(): Plugin {
  return {
    name: 'xiangyue:subpackage-copies',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || source.startsWith('\0')) return null
      const subpackage = subpackageOf(importer)
      if (subpackage === null) return null
      const resolved = await this.resolve(source, cleanId(importer), { ...options, skipSelf: true })
      if (!resolved || resolved.external || !copiedPerSubpackage(resolved.id)) return resolved
      return { ...resolved, id: `${resolved.id}?xy-sub=${subpackage}` }
    },
    load(id) {
      // Vite's own loader would read the file too; reading here keeps the copy's id as it is.
      if (!TAG.test(id)) return null
      return readFileSync(cleanId(id), 'utf8')
    },
    transform(code, id) {
      // The main package's own shared/zod.ts (untagged) builds no schema: its answers are checked
      // by light-check.ts, and shared/ constants it shows drop their schemas (pureSharedConstants).
      // Its z.config, with the zh-CN locale, would still put ≈ 4 KB of zod into every phone's
      // first download. Marked free of side effects, Rollup drops it when nothing the main package
      // keeps uses its `z`, and keeps it, config and all, as soon as something does. Each
      // subpackage's copy configures zod for that subpackage before its first schema.
      if (id !== sharedZod) return null
      return { code, map: null, moduleSideEffects: false }
    },
  }
}

interface Node {
  type: string
  start: number
  end: number
}
interface VariableDeclaration extends Node {
  declarations: { init: Node | null }[]
}
interface Statement extends Node {
  declaration?: Node | null
}

const ALREADY_PURE = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'Literal', 'ClassExpression', 'Identifier'])

export function pureSharedConstants(): Plugin {
  return {
    name: 'xiangyue:pure-shared-constants',
    enforce: 'post',
    transform(code, id) {
      if (!cleanId(id).startsWith(sharedDir)) return null
      const program = this.parse(code) as unknown as { body: Statement[] }
      const edits: { at: number; text: string }[] = []
      for (const statement of program.body) {
        const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
        if (declaration?.type !== 'VariableDeclaration') continue
        for (const { init } of (declaration as VariableDeclaration).declarations) {
          if (!init || ALREADY_PURE.has(init.type)) continue
          edits.push({ at: init.start, text: '/* @__PURE__ */ (() => (' }, { at: init.end, text: '))()' })
        }
      }
      if (edits.length === 0) return null
      let out = code
      for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.text + out.slice(edit.at)
      return { code: out, map: null }
    },
  }
}
