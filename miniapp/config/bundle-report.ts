import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'

/** Where a module's bytes are charged: its npm package, or its folder under the repository. */
export function ownerOf(id: string): string {
  const clean = id.replace(/^\0/, '').split('?')[0] ?? id
  const inModules = clean.split(/[\\/]node_modules[\\/]/)
  if (inModules.length > 1) {
    const rest = (inModules[inModules.length - 1] ?? '').split(/[\\/]/)
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? clean)
  }
  const repo = clean.indexOf('/miniapp/src/')
  if (repo >= 0)
    return `src/${clean
      .slice(repo + '/miniapp/src/'.length)
      .split('/')
      .slice(0, 2)
      .join('/')}`
  const shared = clean.indexOf('/shared/')
  if (shared >= 0) return `shared/${clean.slice(shared + '/shared/'.length)}`
  return path.basename(clean)
}

export interface ChunkReport {
  /** The source page (e.g. `pages/home/index`) when this chunk is a page's own file. */
  page: string | null
  /** Chunks this one imports statically (loaded with it). */
  imports: string[]
  /** Rendered bytes (before minification) per owner. */
  owners: Record<string, number>
}

/**
 * Writes `dist/bundle-report.<platform>.json` (beside the output, not in it: the WeChat package
 * size counts every file of its folder): for every emitted JS chunk, its page, its static imports
 * and its rendered bytes per owner (npm package or source folder). `bench/sizes.ts` reads it
 * to show what the H5 first load and the WeChat main package are made of, so a size goal can
 * be argued from the contents, not guessed.
 */
export function bundleReport(): Plugin {
  let outDir = ''
  return {
    name: 'xiangyue:bundle-report',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    generateBundle(_options, bundle) {
      const chunks: Record<string, ChunkReport> = {}
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        const owners: Record<string, number> = {}
        for (const [id, module] of Object.entries(output.modules)) {
          // XY_REPORT_FILES=1 charges bytes per file instead, to see inside one package.
          const owner = process.env.XY_REPORT_FILES ? id.replace(/^.*node_modules[\\/]/, '') : ownerOf(id)
          owners[owner] = (owners[owner] ?? 0) + module.renderedLength
        }
        const facade = output.facadeModuleId?.replace(/^\0/, '').split('?')[0] ?? ''
        const at = facade.indexOf('/miniapp/src/')
        const page = at >= 0 ? facade.slice(at + '/miniapp/src/'.length).replace(/\.[jt]sx?$/, '') : null
        chunks[output.fileName] = { page, imports: output.imports, owners }
      }
      const reportDir = path.dirname(outDir)
      mkdirSync(reportDir, { recursive: true })
      writeFileSync(path.join(reportDir, `bundle-report.${path.basename(outDir)}.json`), `${JSON.stringify(chunks, null, 1)}\n`)
    },
  }
}
