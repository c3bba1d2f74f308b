import { execFileSync } from 'node:child_process'
import path from 'node:path'
import type { Plugin } from 'vite'

const VIRTUAL = 'virtual:xy-light-schemas'
const repoRoot = path.resolve(__dirname, '..', '..')

/**
 * `virtual:xy-light-schemas`: the checks the main package gives answers, derived from the shared
 * schemas when the app is built (light-schemas-source.ts, run through tsx because the schemas are
 * TypeScript modules of the repository): plans, run by src/api/light-check.ts. Tests alias it to
 * the classic schemas themselves (light-schemas-classic.ts), so the app's tests check with zod;
 * tests/miniapp/light-schemas.test.tsx proves the two accept the same.
 */
export function lightSchemas(): Plugin {
  let source: string | undefined
  return {
    name: 'xiangyue:light-schemas',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null
      source ??= execFileSync(process.execPath, ['--import', 'tsx', path.join('miniapp', 'config', 'light-schemas-source.ts')], {
        cwd: repoRoot,
        encoding: 'utf8',
      })
      return source
    },
  }
}
