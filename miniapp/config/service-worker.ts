import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * H5 only: once Taro has written the app, Workbox writes `sw.js` beside it, so the app opens
 * offline after a first visit (a workshop head reloading 交货验收 in a shed without signal).
 *
 * - The whole build is precached (≈ 250 KB gzip, mostly what the first visit downloaded anyway):
 *   every page, not only the shell, opens offline, and none waits for a weak network to load.
 * - Pages (navigations) get the precached index.html; `/api/` is never cached and never answered
 *   by the worker: the app keeps its own offline queue and must know when the server is unreachable.
 * - skipWaiting + clientsClaim: a new build takes over as soon as it is installed, with no
 *   "please update" prompt for a villager to understand; src/lib/offline-shell.ts reloads into it
 *   only when that loses nothing (see there). cleanupOutdatedCaches drops the old precache.
 */
export function serviceWorker(platform: string): Plugin {
  let outDir = ''
  return {
    name: 'xiangyue:service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    async closeBundle() {
      if (platform !== 'h5') return
      // Loaded only here: the WeChat build never pays for Workbox's bundler.
      const { generateSW } = await import('workbox-build')
      const { count, size, warnings } = await generateSW({
        globDirectory: outDir,
        globPatterns: ['**/*.{html,js,css,png,svg,ico,woff,woff2}'],
        swDest: path.join(outDir, 'sw.js'),
        // Hashed file names change with their content, so Workbox needs no revision for them.
        dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.(js|css)$/,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // One file: the CSP allows only the app's own scripts, and one request is cheaper.
        inlineWorkboxRuntime: true,
        sourcemap: false,
        mode: 'production',
      })
      for (const warning of warnings) console.warn(`[sw] ${warning}`)
      console.log(`[sw] sw.js precaches ${count} files, ${Math.round(size / 1024)} KB`)
    },
  }
}
