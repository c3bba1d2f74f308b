/**
 * Safe defaults in the browser: the H5 app runs under its own Content-Security-Policy without a
 * single violation, another site cannot frame it (a vote button under someone else's page), and
 * 退出登录 on 我的 ends the session on the server — the token copied off the phone stops working.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, loginAs, openBrowser, type Browser, type Product, startProduct } from './harness'

describe.skipIf(!chromiumPath)('safe defaults in the H5 app', () => {
  let product: Product
  let browser: Browser
  let framer: Server
  const violations: string[] = []

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser()
    await browser.page.exposeFunction('xyReportViolation', (text: string) => violations.push(text))
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { xyReportViolation?: (text: string) => void }).xyReportViolation
        report?.(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`)
      })
    })
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
    await new Promise<void>((resolve) => (framer ? framer.close(() => resolve()) : resolve()))
  })

  it('logs in, opens 我的, logs out — no CSP violation, and the old token is refused at once', async () => {
    const { page } = browser
    await loginAs(page, product.baseUrl, DEMO_PEOPLE.secretary)
    const token = await page.evaluate(() => {
      const raw = localStorage.getItem('xy.session.token')
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : null
        return typeof parsed === 'object' && parsed && 'data' in parsed ? String((parsed as { data: unknown }).data) : raw
      } catch {
        return raw
      }
    })
    expect(token).toBeTruthy()
    const before = await fetch(`${product.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(before.status).toBe(200)

    await page.goto(`${product.baseUrl}/#/pages/mine/index`)
    await page.locator('[data-testid="mine-logout"]').click()
    await page.getByText('退出', { exact: true }).click()
    await page.waitForURL(/pages\/login/, { timeout: 20_000 })
    const after = await fetch(`${product.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(after.status).toBe(401)
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('session_revoked')
    expect(violations).toEqual([])
  })

  it('refuses to be framed by another site', async () => {
    framer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(`<!doctype html><iframe id="victim" src="${product.baseUrl}/#/pages/vote/index" width="375" height="600"></iframe>`)
    })
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve))
    // localhost, not 127.0.0.1: another origin than the product's.
    const framerUrl = `http://localhost:${(framer.address() as AddressInfo).port}/`
    const { page } = browser
    await page.goto(framerUrl)
    await page.waitForTimeout(1500)
    const child = page.frames().find((frame) => frame !== page.mainFrame())
    const loaded = child ? await child.evaluate(() => document.querySelector('#app') !== null).catch(() => false) : false
    expect(loaded).toBe(false)
  })
})
