import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../db/client'

/**
 * Builds an empty Taro app with the same Taro version, runner and config style as ours, so the
 * product's sizes can be read beside the framework's own floor measured in the same run.
 */
export function buildEmptyTaroApp(): { dir: string; ok: boolean } {
  // Inside miniapp/ so Taro finds the framework plugin npm nested there (its vite 4 pin clashes with vitest's).
  const dir = path.join(repoRoot, 'miniapp', '.bench', 'empty-taro-app')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(path.join(dir, 'src', 'pages', 'index'), { recursive: true })
  mkdirSync(path.join(dir, 'config'), { recursive: true })
  cpSync(path.join(repoRoot, 'miniapp', 'babel.config.js'), path.join(dir, 'babel.config.js'))
  cpSync(path.join(repoRoot, 'miniapp', 'src', 'index.html'), path.join(dir, 'src', 'index.html'))
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'empty-taro-app', private: true, browserslist: ['last 3 versions', 'Android >= 4.1', 'ios >= 8'] }),
  )
  writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: './dist/weapp', appid: 'touristappid', compileType: 'miniprogram' }))
  writeFileSync(
    path.join(dir, 'config', 'index.ts'),
    `import path from 'node:path'
import { defineConfig } from '@tarojs/cli'
const frameworkReactDir = path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json', { paths: [path.resolve(__dirname, '..')] }))
export default defineConfig<'vite'>({
  alias: { '@tarojs/plugin-framework-react': frameworkReactDir },
  projectName: 'empty', date: '2026-11-22', designWidth: 375,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src', outputRoot: \`dist/\${process.env.TARO_ENV}\`, plugins: [], framework: 'react',
  compiler: { type: 'vite' }, mini: {}, h5: { publicPath: '/', staticDirectory: 'static', router: { mode: 'hash' } },
})
`,
  )
  writeFileSync(path.join(dir, 'src', 'app.config.ts'), `export default defineAppConfig({ pages: ['pages/index/index'] })\n`)
  writeFileSync(
    path.join(dir, 'src', 'app.ts'),
    `import type { PropsWithChildren } from 'react'\nexport default function App({ children }: PropsWithChildren) { return children }\n`,
  )
  writeFileSync(
    path.join(dir, 'src', 'pages', 'index', 'index.tsx'),
    `import { View } from '@tarojs/components'\nexport default function Index() { return <View>hello</View> }\n`,
  )
  writeFileSync(path.join(dir, 'src', 'pages', 'index', 'index.config.ts'), `export default definePageConfig({ navigationBarTitleText: 'empty' })\n`)
  const taro = path.join(repoRoot, 'node_modules', '.bin', 'taro')
  let ok = true
  for (const type of ['weapp', 'h5']) {
    const result = spawnSync(taro, ['build', '--type', type], { cwd: dir, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
    ok &&= result.status === 0
  }
  return { dir, ok }
}
