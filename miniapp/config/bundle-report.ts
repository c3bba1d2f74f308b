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
  if (repo >= 0) return `src/${clean.slice(repo + '/miniapp/src/'.length).split('/').slice(0, 2).join('/')}`
  const shared = clean.indexOf('/shared/')
  if (shared >= 0) return `shared/${clean.slice(shared + '/shared/'.length)}`
  return path.basename(clean)
}

/**
 * Writes `dist/bundle-report.<platform>.json` (beside the output, not in it: the WeChat package
 * size counts every file of its folder): for every emitted JS chunk, its rendered bytes per owner
 * (npm package or source folder). `bench/sizes.ts` reads it to show what the first load and the
 * WeChat main package are made of, so a size goal can be argued from the contents, not guessed.
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
      const chunks: Record<string, Record<string, number>> = {}
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue
        const owners: Record<string, number> = {}
        for (const [id, module] of Object.entries(output.modules)) {
          const owner = ownerOf(id)
          owners[owner] = (owners[owner] ?? 0) + module.renderedLength
        }
        chunks[fileName] = owners
      }
      const reportDir = path.dirname(outDir)
      mkdirSync(reportDir, { recursive: true })
      writeFileSync(path.join(reportDir, `bundle-report.${path.basename(outDir)}.json`), `${JSON.stringify(chunks, null, 1)}\n`)
    },
  }
}
