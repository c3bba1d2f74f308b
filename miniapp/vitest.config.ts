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
      // The package's `main` is a UMD bundle with lottie inside that needs a real canvas.
      { find: /^@nutui\/nutui-react-taro$/, replacement: '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js' },
      { find: /^@\//, replacement: `${path.join(miniappDir, 'src')}/` },
      { find: /^@shared\//, replacement: `${path.join(repoRoot, 'shared')}/` },
      // Built by the app's build (config/light-schemas.ts); here the classic schemas stand in.
      { find: /^virtual:xy-light-schemas$/, replacement: path.join(miniappDir, 'config', 'light-schemas-classic.ts') },
    ],
  },
  // Build-time switches Taro's runtime expects its bundler to define; the DOM here is jsdom's.
  define: Object.fromEntries(
    [
      'ENABLE_INNER_HTML',
      'ENABLE_ADJACENT_HTML',
      'ENABLE_SIZE_APIS',
      'ENABLE_TEMPLATE_CONTENT',
      'ENABLE_CLONE_NODE',
      'ENABLE_CONTAINS',
      'ENABLE_MUTATION_OBSERVER',
      'DEPRECATED_ADAPTER_COMPONENT',
    ].map((flag) => [flag, 'false']),
  ),
  esbuild: { jsx: 'automatic' },
  test: {
    name: 'miniapp',
    // Root-relative globs must hold both standalone and as a project of the root config.
    dir: repoRoot,
    environment: 'jsdom',
    include: ['tests/miniapp/**/*.test.tsx'],
    setupFiles: [path.join(repoRoot, 'tests/miniapp/setup.ts')],
    env: { TARO_ENV: 'h5', TARO_APP_API_BASE: '' },
    css: false,
    server: { deps: { inline: [/@tarojs\//, /@nutui\//] } },
  },
})
