/**
 * H5: registers the service worker that miniapp/config/service-worker.ts has Workbox write, so
 * the app (and the workshop's offline collect screen) opens without a network after one visit.
 *
 * A new build installs in the background and takes over at once (skipWaiting + clientsClaim).
 * This page then reloads into it only while that loses nothing: in the first seconds after the
 * app was opened, before anyone has typed. Later, the page carries on with the build it has and
 * the next opening is the new one, so a head halfway through typing counts never loses them.
 */
const RELOAD_WITHIN_MS = 8000

export function registerOfflineShell(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const container = navigator.serviceWorker
  // The first install also "changes" the controller (clientsClaim); that is not an update.
  const wasControlled = container.controller !== null
  let reloaded = false
  container.addEventListener('controllerchange', () => {
    if (!wasControlled || reloaded || performance.now() > RELOAD_WITHIN_MS) return
    reloaded = true
    window.location.reload()
  })
  const register = () => {
    container.register('/sw.js').catch((error: unknown) => {
      // No worker (a development build, a browser that refuses it): the app works online as before.
      console.warn('[sw] not registered', error)
    })
  }
  // After the page has loaded, so the worker's downloads never compete with the first screen.
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
