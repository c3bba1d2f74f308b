/**
 * The secretary's roll call on an elderly secretary's phone: 375 px, the browser's font at 2×.
 * Each person is one compact block (name, then household and age: two lines, three with 需要代办),
 * the check it carries is a 44 px square at any font size, and nothing runs off the screen.
 * Screenshot: tests/artifacts/roll-call-2x.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, demoSession, openBrowser, screenshot, startProduct, type Browser, type Product, leaveApp } from './harness'

describe.skipIf(!chromiumPath)('roll call at 2× font', () => {
  let product: Product
  let doubled: Browser

  beforeAll(async () => {
    product = await startProduct()
    doubled = await openBrowser({ width: 375, height: 812, fontScale: 2 })
  }, 240_000)
  afterAll(async () => {
    await doubled?.close()
    await product?.stop()
  })

  it('shows each person as one compact block with a ≥ 44 px check', async () => {
    const session = await demoSession(product.baseUrl, DEMO_PEOPLE.secretary)
    const auth = { authorization: `Bearer ${session.token}` }
    const me = (await (await fetch(`${product.baseUrl}/api/me`, { headers: auth })).json()) as { memberships: { villageId: string }[] }
    const villageId = me.memberships[0]?.villageId ?? ''
    const { awardYear } = (await (await fetch(`${product.baseUrl}/api/land/years/current?villageId=${villageId}`, { headers: auth })).json()) as {
      awardYear: { meetings: { id: string; status: string }[] }
    }
    const meeting = awardYear.meetings.find((m) => m.status === 'open')
    expect(meeting, 'the demo has an open meeting').toBeTruthy()

    const { page } = doubled
    await leaveApp(page, product.baseUrl)
    await page.evaluate((s) => {
      localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
      localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
    }, session)
    await page.goto(`${product.baseUrl}/#/packages/land/control/index?meetingId=${meeting?.id ?? ''}&villageId=${villageId}`)
    const rows = page.locator('[data-testid="roll-call-row"]')
    await rows
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, 'roll-call-2x-failed')
        throw new Error(`no roll call rows: ${(await page.locator('body').innerText()).slice(0, 300)}`, { cause: error })
      })
    await rows.first().scrollIntoViewIfNeeded()
    await screenshot(page, 'roll-call-2x')

    const measured = await rows.evaluateAll((elements) =>
      elements.slice(0, 30).map((el) => {
        const box = el.getBoundingClientRect()
        const check = el.querySelector('[data-testid="roll-call-check"]')?.getBoundingClientRect()
        const font = parseFloat(getComputedStyle(el).fontSize)
        return {
          height: box.height,
          right: box.right,
          font,
          tagged: el.querySelector('.land-tag') !== null,
          checkWidth: check?.width ?? 0,
          checkHeight: check?.height ?? 0,
          text: (el.textContent ?? '').slice(0, 30),
        }
      }),
    )
    console.log(`[roll-call] ${measured.length} rows, heights ${measured.map((m) => Math.round(m.height)).join(' ')}, font ${measured[0]?.font}px`)
    expect(measured.length).toBeGreaterThan(5)
    for (const row of measured) {
      // The browser font really is doubled, and nothing runs off the screen.
      expect(row.font).toBeGreaterThanOrEqual(30)
      expect(row.right, row.text).toBeLessThanOrEqual(375)
      expect(row.checkWidth, row.text).toBeGreaterThanOrEqual(44)
      expect(row.checkHeight, row.text).toBeGreaterThanOrEqual(44)
      // Two lines of doubled text and a little air: the name, then household and age (a third for 需要代办).
      expect(row.height, row.text).toBeLessThanOrEqual((row.tagged ? 5.2 : 3.8) * row.font)
    }
    const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  }, 180_000)
})
