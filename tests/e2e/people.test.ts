/**
 * Who is who, as the secretary meets it: the 花名册 from the home page, a search for 包巴特尔 (two
 * households, told apart by 组, 户号 and birth year), one 组, and the roll call of the open village
 * meeting, where both 包巴特尔 and both 其其格 stand. At 375 px with 大字, and at twice the browser's
 * font, as an elderly cadre's phone is set. Screenshots in tests/artifacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, demoSession, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

interface Layout {
  overflow: number
  smallText: string[]
  overlaps: number
}

/** No sideways scroll, no text under 16 px, and no two cards drawn over each other. */
async function layoutOf(page: Page, cardSelector: string): Promise<Layout> {
  return page.evaluate((selector) => {
    const doc = document.documentElement
    const smallText: string[] = []
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 0)
      const box = el.getBoundingClientRect()
      if (own && box.width > 0 && !el.closest('.taro-tabbar__tabbar') && parseFloat(getComputedStyle(el).fontSize) < 16)
        smallText.push((el.textContent ?? '').trim().slice(0, 12))
    }
    const cards = [...document.querySelectorAll(selector)].map((el) => el.getBoundingClientRect())
    let overlaps = 0
    for (let i = 1; i < cards.length; i++) if ((cards[i]?.top ?? 0) < (cards[i - 1]?.bottom ?? 0) - 0.5) overlaps++
    return { overflow: Math.max(doc.scrollWidth, document.body.scrollWidth) - doc.clientWidth, smallText, overlaps }
  }, cardSelector)
}

describe.skipIf(!chromiumPath)('the secretary tells namesakes apart: 花名册 and roll call', () => {
  let product: Product
  let villageId = ''
  let meetingId = ''

  beforeAll(async () => {
    product = await startProduct()
    const { token } = await demoSession(product.baseUrl, DEMO_PEOPLE.secretary)
    const get = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${product.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T
    const me = await get<{ memberships: { villageId: string; villageName: string }[] }>('/api/me')
    villageId = me.memberships.find((membership) => membership.villageName === '高井嘎查')?.villageId ?? ''
    const current = await get<{ awardYear: { meetings: { id: string; status: string }[] } }>(`/api/land/years/current?villageId=${villageId}`)
    meetingId = current.awardYear.meetings.find((meeting) => meeting.status === 'open')?.id ?? ''
    expect(meetingId).not.toBe('')
  })
  afterAll(async () => {
    await product?.stop()
  })

  describe.each([
    { setting: '大字', fontScale: 1, largeFont: true },
    { setting: '2× font', fontScale: 2, largeFont: false },
  ])('at 375 px with $setting', ({ setting, fontScale, largeFont }) => {
    let browser: Browser
    const tag = setting === '大字' ? 'large-font' : 'font-2x'
    beforeAll(async () => {
      browser = await openBrowser({ width: 375, height: 812, fontScale })
      await loginAs(browser.page, product.baseUrl, DEMO_PEOPLE.secretary)
      if (largeFont) await browser.page.evaluate(() => localStorage.setItem('xy.largeFont', JSON.stringify({ data: true })))
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('finds both 包巴特尔 in the 花名册, each with his 组, 户号 and birth year', async () => {
      const { page } = browser
      await page.goto(`${product.baseUrl}/#/pages/home/index`)
      await page.reload()
      await page.getByText('花名册', { exact: true }).first().click()
      await page.locator('[data-testid="directory-person"]').first().waitFor({ timeout: 20_000 })
      expect(await page.locator('[data-testid="directory-total"]').innerText()).toMatch(/^共\d+人$/)
      await page.locator('[data-testid="directory-query"] input, input[data-testid="directory-query"]').first().fill('包巴特尔')
      await page.locator('[data-testid="directory-search"]').click()
      await expect.poll(() => page.locator('[data-testid="directory-total"]').innerText(), { timeout: 20_000 }).toBe('找到5人')
      const labels = await page.locator('[data-testid="directory-person-label"]').allInnerTexts()
      expect(new Set(labels).size).toBe(labels.length)
      expect(labels).toEqual(expect.arrayContaining(['包巴特尔（二组15号，1956年生）', '包巴特尔（四组33号，1982年生）']))
      const cards = await page.locator('[data-testid="directory-person"]').allInnerTexts()
      expect(cards.find((card) => card.includes('二组15号，1956年生'))).toContain('老年户')
      const layout = await layoutOf(page, '[data-testid="directory-person"]')
      // The page scrolls inside the app, not the window: bring the two namesakes into the shot.
      await page.locator('[data-testid="directory-person"]', { hasText: '二组15号，1956年生' }).scrollIntoViewIfNeeded()
      await screenshot(page, `people-directory-namesakes-${tag}`)
      await page.locator('[data-testid="directory-person"]', { hasText: '四组33号，1982年生' }).scrollIntoViewIfNeeded()
      await screenshot(page, `people-directory-namesakes-${tag}-2`)
      expect(layout).toEqual({ overflow: 0, smallText: [], overlaps: 0 })

      // One 组 at a time, as a 组长 reads the roll.
      await page.locator('[data-testid="directory-query"] input, input[data-testid="directory-query"]').first().fill('')
      await page.locator('[data-testid="directory-search"]').click()
      await page.locator('[data-testid="directory-group"]', { hasText: '四组' }).click()
      await expect.poll(() => page.locator('[data-testid="directory-total"]').innerText(), { timeout: 20_000 }).toMatch(/^共\d+人（四组）$/)
      const group = await page.locator('[data-testid="directory-person"]').allInnerTexts()
      expect(group.length).toBeGreaterThan(0)
      expect(group.every((card) => card.includes('四组'))).toBe(true)
      await page.locator('[data-testid="directory-person"]').first().scrollIntoViewIfNeeded()
      const groupLayout = await layoutOf(page, '[data-testid="directory-person"]')
      await screenshot(page, `people-directory-group-${tag}`)
      expect(groupLayout).toEqual({ overflow: 0, smallText: [], overlaps: 0 })
    })

    it('reads the roll call with every namesake told apart', async () => {
      const { page } = browser
      await page.goto(`${product.baseUrl}/#/packages/land/control/index?meetingId=${meetingId}&villageId=${villageId}`)
      await page.locator('[data-testid="roll-call-person"]').first().waitFor({ timeout: 20_000 })
      const roll = await page.locator('[data-testid="roll-call-person"]').allInnerTexts()
      // Each row: the name, then its 组/户号 and age on the next line (and 需要代办 where marked).
      const names = roll.map((row) =>
        row
          .replace(/需要代办\s*$/, '')
          .trim()
          .replace(/\s*\n\s*/g, ' '),
      )
      expect(new Set(names).size).toBe(names.length)
      const namesakes = (name: string) => names.filter((line) => new RegExp(`^${name}\\s*[一二三四五六七八九十]+组`).test(line))
      expect(namesakes('包巴特尔'), names.join(' | ')).toHaveLength(2)
      expect(namesakes('其其格'), names.join(' | ')).toHaveLength(2)
      await page.locator('[data-testid="roll-call-person"]', { hasText: '其其格' }).first().scrollIntoViewIfNeeded()
      const layout = await layoutOf(page, '[data-testid="roll-call-row"]')
      await screenshot(page, `people-roll-call-namesakes-${tag}`)
      expect(layout.overflow).toBe(0)
      expect(layout.overlaps).toBe(0)
    })
  })

  it('keeps past years reachable: 2023’s allocation and notice, at 2× font', async () => {
    const browser = await openBrowser({ width: 375, height: 812, fontScale: 2 })
    try {
      const { page } = browser
      await loginAs(page, product.baseUrl, '李福')
      await page.goto(`${product.baseUrl}/#/packages/land/history/index?villageId=${villageId}`)
      const y2023 = page.locator('[data-testid="history-year"]', { hasText: '2023年：10户' })
      await y2023.waitFor({ timeout: 20_000 })
      expect(await y2023.innerText()).toContain('一组2号 乌优塔户、一组3号 双金户、一组5号 梅荣户、一组6号 玉山户')
      await y2023.locator('[data-testid="history-open-allocations"]').click()
      const rows = y2023.locator('[data-testid="history-allocations"] .land-row')
      await rows.first().waitFor({ timeout: 20_000 })
      const lines = await rows.allInnerTexts()
      expect(lines).toHaveLength(10)
      expect(new Set(lines).size).toBe(10)
      expect(lines.some((line) => line.includes('一组6号 玉山户'))).toBe(true)
      await y2023.scrollIntoViewIfNeeded()
      const layout = await layoutOf(page, '[data-testid="history-year"]')
      await screenshot(page, 'people-history-2023-font-2x')
      expect(layout).toEqual({ overflow: 0, smallText: [], overlaps: 0 })
      await y2023.locator('[data-testid="history-open-notice"]').click()
      // The history page stays in the DOM, hidden, under the notice: look in the notice's own list.
      await page.locator('[data-testid="notice-awards"]', { hasText: '一组6号 玉山户' }).waitFor({ timeout: 20_000 })
      await screenshot(page, 'people-notice-2023-font-2x')
      expect((await layoutOf(page, '.xy-card')).overflow).toBe(0)
    } finally {
      await browser.close()
    }
  })

  it('is not offered to an ordinary villager', async () => {
    const browser = await openBrowser({ width: 375, height: 812 })
    try {
      await loginAs(browser.page, product.baseUrl, '李福')
      await browser.page.getByText('村情概况').first().waitFor({ timeout: 20_000 })
      expect(await browser.page.getByText('花名册', { exact: true }).count()).toBe(0)
    } finally {
      await browser.close()
    }
  })
})
