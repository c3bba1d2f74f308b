/**
 * `npm run build:api`: the deployable function, every route in one ES module, all dependencies
 * inlined (dist/api/index.mjs). Vercel ships this file (api/index.mjs re-exports it), the API
 * smoke test serves it with plain `node`, and bench/bundle-cold-start.ts measures it.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Metafile, type Plugin } from 'esbuild'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const defaultOutfile = path.join(repoRoot, 'dist', 'api', 'index.mjs')

/**
 * zod re-exports all of its ~50 locales (`z.locales`, `z.core.locales`) through one index, which
 * a bundler cannot drop: 390 KB of a function that speaks Chinese. The index is replaced by one
 * holding the two locales the code uses (English, zod's default, and shared/zod.ts's zh-CN).
 */
const zodLocalesUsed: Plugin = {
  name: 'zod-locales-used',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    )
    builder.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js"\nexport { default as zhCN } from "./zh-CN.js"\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }))
  },
}

export interface ApiBundle {
  outfile: string
  bytes: number
  metafile: Metafile
}

export async function buildApiBundle(outfile: string = defaultOutfile): Promise<ApiBundle> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'functions', 'handler.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Whitespace and syntax only: names stay readable in a production stack trace.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [zodLocalesUsed],
    // The embedded database loads its WebAssembly from beside its own module, so it cannot be
    // inlined; production never opens it (DATABASE_URL is required there) and does not ship it.
    external: ['@electric-sql/pglite'],
    // Bundled CommonJS (pg, ws, exceljs) calls require() for Node's built-ins.
    banner: { js: "import { createRequire as __xyCreateRequire } from 'node:module'; const require = __xyCreateRequire(import.meta.url);" },
  })
  return { outfile, bytes: statSync(outfile).size, metafile: result.metafile }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await buildApiBundle(process.argv[2] ? path.resolve(process.argv[2]) : defaultOutfile)
  console.log(`[build:api] ${path.relative(repoRoot, bundle.outfile)}: ${(bundle.bytes / 1024).toFixed(0)} KB, one file`)
}
