import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import vitePluginImp from 'vite-plugin-imp'
import { bundleReport } from './bundle-report'
import { serviceWorker } from './service-worker'
import { splitChunks } from './split-chunks'
import { lightSchemas } from './light-schemas'
import { pureSharedConstants, subpackageCopies } from './subpackage-copies'
import devConfig from './dev'
import prodConfig from './prod'

const platform = process.env.TARO_ENV ?? 'weapp'
// Passed through `env` so the weapp bundle gets an inlined string even when the value only
// lives in the shell (a bare process.env.X survives into the bundle and crashes on a device).
const apiBase = process.env.TARO_APP_API_BASE ?? ''
// npm nests the React plugin under miniapp/ (its vite@4 peer clashes with the root vitest's vite),
// so the hoisted @tarojs/plugin-platform-h5 cannot find it on its own.
const frameworkReactDir = path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json', { paths: [path.resolve(__dirname, '..')] }))

/**
 * The H5 page runs only the app's own files (Content-Security-Policy `script-src 'self'`, from
 * functions/lib/security-headers.ts): Taro writes an inline script that sizes the root font in
 * px, which app.scss overrides anyway (html is pinned to 100%), so it is dropped from index.html.
 * Inline scripts only: the entry `<script type="module" src=…>` has attributes and stays.
 */
const noInlineScript = {
  name: 'xiangyue-no-inline-script',
  transformIndexHtml: {
    order: 'post' as const,
    handler: (html: string) => html.replace(/<script>(?:(?!<\/script>)[\s\S])*<\/script>\s*/g, ''),
  },
}

export default defineConfig<'vite'>(async (merge) => {
  const baseConfig: UserConfigExport<'vite'> = {
    projectName: 'xiangyue',
    date: '2025-11-22',
    // NutUI is drawn for a 375 wide design; using the same width keeps px meaning CSS px everywhere.
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: ['@tarojs/plugin-html'],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
    },
    defineConstants: {},
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@shared': path.resolve(__dirname, '..', '..', 'shared'),
      '@tarojs/plugin-framework-react': frameworkReactDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'vite',
      vitePlugins: [
        noInlineScript,
        vitePluginImp({
          libList: [
            {
              libName: '@nutui/nutui-react-taro',
              style: (name: string) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
              replaceOldImport: false,
              camel2DashComponentName: false,
            },
          ],
        }),
        lightSchemas(),
        pureSharedConstants(),
        ...(platform === 'weapp' ? [subpackageCopies()] : []),
        splitChunks(platform),
        bundleReport(),
        serviceWorker(platform),
      ],
    },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // 16px of design = 1rem; app.scss pins html to 100% so the reader's own browser font
        // size (and WeChat's WebView text size) scales the whole page.
        pxtransform: { enable: true, config: { baseFontSize: 16, minRootSize: 16, maxRootSize: 16 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
