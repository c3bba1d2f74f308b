import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, demoSession, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

const TITLE = '下午松土（提醒测试）'
const VOLUNTEER = '金宝山'

/** 14:00 in Beijing, today if it is at least an hour away, else tomorrow: free of every demo duty. */
function nextAfternoon(): Date {
  const bj = new Date(Date.now() + 8 * 3600_000)
  let at = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate(), 14) - 8 * 3600_000
  if (at < Date.now() + 60 * 60_000) at += 24 * 3600_000
  return new Date(at)
}
const beijing = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000)

describe.skipIf(!chromiumPath)('reminders on H5: no WeChat there, so the page says where the reminder will be', () => {
  let product: Product
  let browser: Browser
  let villageId = ''
  const startsAt = nextAfternoon()

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser()
    const steward = await demoSession(product.baseUrl, DEMO_PEOPLE.gardenSteward)
    const me = (await (await fetch(`${product.baseUrl}/api/me`, { headers: { authorization: `Bearer ${steward.token}` } })).json()) as {
      memberships: { villageId: string; villageName: string }[]
    }
    villageId = me.memberships.find((m) => m.villageName.includes('41号院'))?.villageId ?? ''
    const created = await fetch(`${product.baseUrl}/api/garden/shifts/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${steward.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ villageId, title: TITLE, kind: 'weeding', startsAt: startsAt.toISOString(), durationMinutes: 30, capacity: 2 }),
    })
    expect(created.status).toBe(201)
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('a volunteer signs up and reads that the day-before reminder shows on the garden home', async () => {
    const { page } = browser
    await loginAs(page, product.baseUrl, VOLUNTEER)
    await page.goto(`${product.baseUrl}/#/packages/garden/month/index?villageId=${villageId}`)
    await page.locator('[data-testid="garden-month"]').waitFor({ timeout: 20_000 })
    if (beijing(startsAt).getUTCMonth() !== beijing(new Date()).getUTCMonth()) await page.getByText('下个月', { exact: true }).click()
    await page.locator(`[data-testid="garden-day-${beijing(startsAt).getUTCDate()}"]`).click()
    const card = page.locator(`[data-testid="garden-day-shift"][data-shift-title="${TITLE}"]`)
    await card.waitFor({ timeout: 20_000 })
    await card.locator('[data-testid="garden-sign-up"]').click()
    const note = card.locator('[data-testid="garden-reminder-note"]')
    await note.waitFor({ timeout: 20_000 })
    expect(await note.innerText()).toBe('值班前一天的提醒会显示在菜园首页，请记得来看。')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'garden-reminder-h5-signed-up')

    // The same card with the phone's font at 2×: the note wraps, nothing is cut off.
    const large = await openBrowser({ fontScale: 2 })
    try {
      await loginAs(large.page, product.baseUrl, VOLUNTEER)
      await large.page.goto(`${product.baseUrl}/#/packages/garden/month/index?villageId=${villageId}`)
      await large.page.locator('[data-testid="garden-month"]').waitFor({ timeout: 20_000 })
      if (beijing(startsAt).getUTCMonth() !== beijing(new Date()).getUTCMonth()) await large.page.getByText('下个月', { exact: true }).click()
      await large.page.locator(`[data-testid="garden-day-${beijing(startsAt).getUTCDate()}"]`).click()
      const bigNote = large.page.locator(`[data-testid="garden-day-shift"][data-shift-title="${TITLE}"] [data-testid="garden-reminder-note"]`)
      await bigNote.waitFor({ timeout: 20_000 })
      await bigNote.scrollIntoViewIfNeeded()
      expect(await large.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
      await screenshot(large.page, 'garden-reminder-h5-signed-up-2x')
    } finally {
      await large.close()
    }
  })
})
