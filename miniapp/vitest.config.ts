import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

const miniappDir = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(miniappDir, '..')

export default defineProject({
  root: repoRoot,
  resolve: {
    alias: [
      // Taro's H5 components are web components; the React build renders plain DOM under jsdom.
      { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
      { find: /^@\//, replacement: `${path.join(miniappDir, 'src')}/` },
      { find: /^@shared\//, replacement: `${path.join(repoRoot, 'shared')}/` },
    ],
  },
  esbuild: { jsx: 'automatic' },
  test: {
    name: 'miniapp',
    environment: 'jsdom',
    include: ['tests/miniapp/**/*.test.tsx'],
    setupFiles: [path.join(repoRoot, 'tests/miniapp/setup.ts')],
    env: { TARO_ENV: 'h5', TARO_APP_API_BASE: '' },
    css: false,
    server: { deps: { inline: [/@tarojs\//, /@nutui\//] } },
  },
})
