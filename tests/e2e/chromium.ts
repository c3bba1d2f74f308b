import { existsSync } from 'node:fs'

/** Debian's chromium; Playwright's own browser download cannot work on these machines. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate): candidate is string =>
  Boolean(candidate && existsSync(candidate)),
)

export const requireBrowser = process.env.CI === 'true'

if (!chromiumPath) {
  const message =
    '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
    '!! Chromium not found (apt-get install -y chromium): browser tests SKIPPED !!\n' +
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  if (requireBrowser) throw new Error(`CI=true requires the browser tests to run.${message}`)
  console.warn(message)
}
