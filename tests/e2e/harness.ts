import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { adminQuery, withDatabase } from '../harness/global-setup'
import { chromiumPath } from './chromium'
import { freePort } from '../harness/free-port'

const root = path.resolve(import.meta.dirname, '..', '..')
export const artifactsDir = path.join(root, 'tests', 'artifacts')

export { chromiumPath }

export interface Product {
  baseUrl: string
  stop: () => Promise<void>
  logs: () => string
}

/**
 * Starts the product exactly as `npm start` serves it (same server entry, DEMO_LOGIN=1), on a
 * free port with its own fresh embedded database, so browser tests never share state.
 */
export async function startProduct(extraEnv: Record<string, string> = {}): Promise<Product> {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xy-e2e-db-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: dataDir, DEMO_LOGIN: '1', ...extraEnv }
  delete env.DATABASE_URL
  delete env.DATABASE_DRIVER
  // With a Postgres server under test, the product runs on its own new database there instead.
  const serverUrl = process.env.TEST_DATABASE_URL
  const databaseName = serverUrl ? `xy_e2e_${process.pid}_${port}` : null
  if (serverUrl && databaseName) {
    await adminQuery(serverUrl, `CREATE DATABASE ${databaseName}`)
    env.DATABASE_URL = withDatabase(serverUrl, databaseName)
  }
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], { cwd: root, env })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const baseUrl = `http://127.0.0.1:${port}`
  // Compiling the server and booting PGlite takes seconds alone and over a minute on a loaded 2-core machine.
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      const response = await fetch(`${baseUrl}/api/health`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not become healthy:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    baseUrl,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
      if (serverUrl && databaseName) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
    },
  }
}

export interface Browser {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

export async function openBrowser(
  options: {
    width?: number
    height?: number
    /** The browser's default font size as a multiple of 16 px: an elderly villager's phone at 2×. */
    fontScale?: number
    /** For audits that inject a script (axe): the app's CSP rightly refuses inline scripts. */
    bypassCSP?: boolean
  } = {},
): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not available')
  const profile = mkdtempSync(path.join(tmpdir(), 'xy-chromium-'))
  if (options.fontScale !== undefined && options.fontScale !== 1) {
    // Chromium reads the default font size from the profile's preferences, as its settings page writes it.
    mkdirSync(path.join(profile, 'Default'), { recursive: true })
    const webprefs = { default_font_size: Math.round(16 * options.fontScale), default_fixed_font_size: Math.round(13 * options.fontScale) }
    writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs } }))
  }
  const context = await chromium.launchPersistentContext(profile, {
    bypassCSP: options.bypassCSP ?? false,
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: options.width ?? 375, height: options.height ?? 812 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Logs in through the demo persona picker, as a person at the village meeting would. */
export async function loginAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  // Taro's H5 router keeps earlier pages in the document, hidden; only the picker on screen counts.
  await page.locator('[data-testid="persona-picker"]:visible .persona-card', { hasText: name }).first().click()
  await page.locator('[data-testid="home-greeting"]').waitFor({ timeout: 20_000 })
}

/**
 * Leaves the app for a same-origin page that runs no script, so the storage a test writes next is
 * read by a fresh app document. Writing it while an app document is still booting races the
 * redirect that boot schedules (no token: to 登录; a token on 登录: to 首页), and under load that
 * redirect lands after the test's own navigation.
 */
export async function leaveApp(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/api/health`)
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true })
  // Taro's H5 router slides pages in; a shot taken mid-transition shows two half pages.
  await page.waitForTimeout(700)
  const file = path.join(artifactsDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** A demo person's session, straight from the API (for tests that set up state without the UI). */
export async function demoSession(baseUrl: string, name: string): Promise<{ token: string; expiresAt: string }> {
  const { personas } = (await (await fetch(`${baseUrl}/api/auth/demo-personas`)).json()) as { personas: { personId: string; name: string }[] }
  const personId = personas.find((p) => p.name === name)?.personId
  if (!personId) throw new Error(`no demo persona ${name}`)
  const login = await fetch(`${baseUrl}/api/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId }) })
  if (!login.ok) throw new Error(`demo login for ${name}: ${login.status}`)
  return (await login.json()) as { token: string; expiresAt: string }
}
