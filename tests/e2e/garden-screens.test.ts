/**
 * The steward's and the elders' garden screens, at 375 px with 大字 and with the browser's font at
 * 2× (an elderly villager's phone): the month view stays a readable grid with the day's shifts
 * below (a called-off shift struck through, with its reason); a steward adds a one-off shift with
 * the problems said beside the fields; corrections of a harvest and a bed are shown to everyone as
 * 已更正（原为…，原因…）; and a village with no garden says so on every garden page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, demoSession, openBrowser, screenshot, startProduct, type Browser, type Product, leaveApp } from './harness'

const DAY_MS = 86_400_000
/** A Beijing date `days` from today, as YYYY-MM-DD. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10)

interface Persona {
  personId: string
  name: string
  villageName: string
  roles: string[]
}

describe.skipIf(!chromiumPath)('garden screens at 375 px, with 大字 and at 2× browser font', () => {
  let product: Product
  /** 大字 on in the app, the browser's font as shipped */
  let large: Browser
  /** the browser's default font at twice its size, 大字 off */
  let doubled: Browser
  let steward = ''
  let caibei = ''
  let gaojing = ''
  let villager = ''

  async function api<T>(path: string, body?: unknown, token = steward): Promise<T> {
    const response = await fetch(`${product.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await response.json()) as T
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`)
    return json
  }

  /** Signs the page in as `name` through the storage keys the app writes, 大字 as asked, then opens `hash`. */
  async function openAs(page: Page, name: string, hash: string, largeFont: boolean): Promise<void> {
    const session = await demoSession(product.baseUrl, name)
    await leaveApp(page, product.baseUrl)
    await page.evaluate(
      ({ s, on }) => {
        localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
        localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
        localStorage.setItem('xy.largeFont', JSON.stringify({ data: on }))
      },
      { s: session, on: largeFont },
    )
    await page.goto(`${product.baseUrl}/#/${hash}`)
  }

  const overflow = (page: Page) =>
    page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth)

  /** The month grid as laid out: every day cell inside the screen, none over another, no number wrapped. */
  async function gridProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const problems: string[] = []
      const width = document.documentElement.clientWidth
      const cells = [...document.querySelectorAll('.garden-day')].map((el) => ({ el, r: el.getBoundingClientRect() }))
      for (const { el, r } of cells) {
        if (r.left < -0.5 || r.right > width + 0.5) problems.push(`${el.textContent ?? ''} outside the screen (${Math.round(r.left)}–${Math.round(r.right)})`)
        const num = el.querySelector('.garden-day__num')
        if (num) {
          const lineHeight = parseFloat(getComputedStyle(num).lineHeight)
          if (num.getBoundingClientRect().height > lineHeight * 1.5) problems.push(`day ${num.textContent ?? ''} wraps`)
          if (num.scrollWidth > (num as HTMLElement).clientWidth + 1) problems.push(`day ${num.textContent ?? ''} is cut`)
        }
      }
      for (let i = 0; i < cells.length; i++) {
        for (let j = i + 1; j < cells.length; j++) {
          const a = cells[i]?.r
          const b = cells[j]?.r
          if (a && b && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
            problems.push(`days ${i + 1} and ${j + 1} overlap`)
        }
      }
      for (const w of document.querySelectorAll('.garden-month__weekday')) {
        const lineHeight = parseFloat(getComputedStyle(w).lineHeight)
        if (w.getBoundingClientRect().height > lineHeight * 1.5) problems.push(`weekday ${w.textContent ?? ''} wraps`)
      }
      if (cells.length < 28) problems.push(`only ${cells.length} day cells`)
      return problems
    })
  }

  /** Opens the month of `date` in the month view and taps that day. */
  async function pickDay(page: Page, date: string): Promise<void> {
    // The first page of a fresh server on a loaded machine can take a while.
    await page.locator('[data-testid="garden-month"] .garden-month__grid').waitFor({ timeout: 45_000 })
    if (date.slice(0, 7) !== beijingDay(0).slice(0, 7)) await page.getByText('下个月', { exact: true }).click()
    const title = `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月`
    await page.locator('.garden-month__title', { hasText: title }).waitFor({ timeout: 20_000 })
    await page.locator(`[data-testid="garden-day-${Number(date.slice(8, 10))}"]`).click()
    await page.getByText(`${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日的班`).waitFor({ timeout: 20_000 })
  }

  beforeAll(async () => {
    product = await startProduct()
    ;[large, doubled] = await Promise.all([openBrowser(), openBrowser({ fontScale: 2 })])
    // Let each browser's service worker finish precaching the build first: on a busy machine its
    // downloads otherwise hold up the first garden page past any reasonable wait.
    for (const { page } of [large, doubled]) {
      await page.goto(`${product.baseUrl}/`)
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 90_000 }).catch(() => undefined)
    }
    steward = (await demoSession(product.baseUrl, DEMO_PEOPLE.gardenSteward)).token
    const me = await api<{ memberships: { villageId: string; villageName: string }[] }>('/api/me')
    caibei = me.memberships.find((m) => m.villageName === '菜北社区41号院')?.villageId ?? ''
    const { personas } = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }
    villager = personas.find((p) => p.villageName === '高井嘎查' && p.roles.every((r) => r === 'villager' || r === 'household_rep'))?.name ?? ''
    const villagerToken = (await demoSession(product.baseUrl, villager)).token
    gaojing = (await api<{ memberships: { villageId: string }[] }>('/api/me', undefined, villagerToken)).memberships[0]?.villageId ?? ''
    if (!caibei || !gaojing || !villager) throw new Error('demo villages missing')
  })
  afterAll(async () => {
    await large?.close()
    await doubled?.close()
    await product?.stop()
  })

  it('month view: a readable grid and the day’s shifts below, a called-off shift struck through with its reason', async () => {
    const day = beijingDay(2)
    const live = await api<{ id: string }>('/api/garden/shifts/create', {
      villageId: caibei,
      title: '搭西红柿架（月历测试）',
      kind: 'sowing',
      startsAt: `${day}T14:00:00+08:00`,
      durationMinutes: 90,
      capacity: 3,
    })
    const called = await api<{ id: string }>('/api/garden/shifts/create', {
      villageId: caibei,
      title: '下午浇水（月历测试）',
      kind: 'watering',
      startsAt: `${day}T16:00:00+08:00`,
      durationMinutes: 60,
      capacity: 2,
    })
    await api('/api/garden/shifts/cancel', { villageId: caibei, shiftId: called.id, reason: '天气预报有大雨' })
    expect(live.id).toMatch(/^[0-9a-f-]{36}$/)

    for (const [browser, label, largeFont] of [
      [large, '大字', true],
      [doubled, '2x', false],
    ] as const) {
      const { page } = browser
      await openAs(page, DEMO_PEOPLE.gardenSteward, `packages/garden/month/index?villageId=${caibei}`, largeFont)
      await pickDay(page, day)
      const cancelled = page.locator('[data-testid="garden-day-shift"][data-cancelled="1"]', { hasText: '下午浇水（月历测试）' })
      await cancelled.waitFor({ timeout: 20_000 })
      expect(await cancelled.innerText()).toContain('已取消')
      expect(await cancelled.innerText()).toContain('原因：天气预报有大雨')
      expect(
        await cancelled
          .locator('.garden-shift__struck')
          .first()
          .evaluate((el) => getComputedStyle(el).textDecorationLine),
      ).toBe('line-through')
      expect(await cancelled.locator('[data-testid="garden-sign-up"]').count()).toBe(0)
      await page.locator('[data-testid="garden-day-shift"]', { hasText: '搭西红柿架（月历测试）' }).waitFor({ timeout: 20_000 })
      expect(await gridProblems(page)).toEqual([])
      expect(await overflow(page)).toBeLessThanOrEqual(0)
      await page.locator('.garden-month__title').scrollIntoViewIfNeeded()
      await screenshot(page, `garden-month-${label}`)
      await cancelled.scrollIntoViewIfNeeded()
      await screenshot(page, `garden-month-day-${label}`)
    }
  })

  it('a steward adds a one-off shift from the month view: problems beside the fields, then the shift is on the day', async () => {
    const day = beijingDay(3)
    const { page } = doubled
    await openAs(page, DEMO_PEOPLE.gardenSteward, `packages/garden/month/index?villageId=${caibei}`, false)
    await pickDay(page, day)
    await page.locator('[data-testid="garden-add-shift-open"]').click()
    const form = page.locator('[data-testid="garden-add-shift"]')
    await form.waitFor({ timeout: 10_000 })
    await form.locator('[data-testid="garden-add-shift-time"] input').fill('25点')
    await form.locator('[data-testid="garden-add-shift-places"] input').fill('0')
    await form.locator('[data-testid="garden-add-shift-title"] input').fill('')
    await form.locator('[data-testid="garden-add-shift-submit"]').click()
    const problem = (field: string) => form.locator(`[data-testid="garden-add-shift-problem-${field}"]`)
    await problem('time').waitFor({ timeout: 10_000 })
    expect(await problem('time').innerText()).toContain('几点开始')
    expect(await problem('places').innerText()).toContain('1到20')
    expect(await problem('title').innerText()).toContain('做什么')
    // Each problem sits right under its own field.
    for (const field of ['time', 'places', 'title']) {
      const input = await form.locator(`[data-testid="garden-add-shift-${field}"]`).boundingBox()
      const text = await problem(field).boundingBox()
      expect(text && input ? text.y - (input.y + input.height) : -1).toBeGreaterThanOrEqual(0)
      expect(text && input ? text.y - (input.y + input.height) : 999).toBeLessThan(40)
    }
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await form.scrollIntoViewIfNeeded()
    await screenshot(page, 'garden-add-shift-problems-2x')

    await form.locator('[data-testid="garden-add-shift-time"] input').fill('8点半')
    await form.locator('[data-testid="garden-add-shift-places"] input').fill('4')
    await form.locator('[data-testid="garden-add-shift-title"] input').fill('采收小白菜（浏览器测试）')
    await form.getByRole('radio', { name: '2小时' }).click()
    await form.locator('[data-testid="garden-add-shift-submit"]').click()
    const card = page.locator('[data-testid="garden-day-shift"]', { hasText: '采收小白菜（浏览器测试）' })
    await card.waitFor({ timeout: 20_000 })
    expect(await card.innerText()).toContain('8:30–10:30')
    expect(await card.innerText()).toContain('需要4人')
    const list = await api<{ shifts: { title: string; capacity: number; startsAt: string }[] }>(
      `/api/garden/shifts/list?villageId=${caibei}&month=${day.slice(0, 7)}`,
    )
    const made = list.shifts.find((s) => s.title === '采收小白菜（浏览器测试）')
    expect(made?.capacity).toBe(4)
    expect(made?.startsAt).toBe(new Date(`${day}T08:30:00+08:00`).toISOString())
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'garden-add-shift-done-2x')
  })

  it('a steward corrects a harvest and a bed; the board tells everyone 已更正（原为…，原因…）; a bend is refused beside the form', async () => {
    const today = beijingDay(0)
    const first = await api<{ id: string }>('/api/garden/harvests/log', { villageId: caibei, crop: '测试小油菜', grams: 3000, harvestedOn: today })
    const { page } = large
    await openAs(page, DEMO_PEOPLE.gardenSteward, `packages/garden/harvests/index?villageId=${caibei}`, true)
    const card = page.locator(`[data-testid="garden-harvest"][data-harvest-id="${first.id}"]`)
    await card.waitFor({ timeout: 20_000 })

    // Shrinking the 头茬 before the elderly have had it is refused, and said beside the form.
    await card.locator('[data-testid="garden-correct-harvest"]').click()
    const form = card.locator('[data-testid="garden-correct-form"]')
    await form.locator('[data-testid="garden-correct-amount"] input').fill('500')
    await form.locator('[data-testid="garden-correct-reason"] input').fill('其实只有一斤')
    await form.locator('[data-testid="garden-correct-submit"]').click()
    await form.locator('[data-testid="garden-correct-problem"]', { hasText: '头茬' }).waitFor({ timeout: 20_000 })
    await form.scrollIntoViewIfNeeded()
    await screenshot(page, 'garden-harvest-correct-refused-大字')

    // Raising it (the scale read short) is fine, and everyone reads why.
    await form.locator('[data-testid="garden-correct-amount"] input').fill('3400')
    await form.locator('[data-testid="garden-correct-reason"] input').fill('秤没放平，少称了')
    await form.locator('[data-testid="garden-correct-submit"]').click()
    await card.locator('[data-testid="garden-corrected"]').waitFor({ timeout: 20_000 })
    expect(await card.locator('[data-testid="garden-corrected"]').innerText()).toContain('已更正（数量原为3.0公斤；原因：秤没放平，少称了）')
    expect(await card.locator('.xy-card__title').innerText()).toContain('3.4公斤')

    await openAs(page, '沙秀芳', `packages/garden/harvests/index?villageId=${caibei}`, true)
    const seen = page.locator(`[data-testid="garden-harvest"][data-harvest-id="${first.id}"] [data-testid="garden-corrected"]`)
    await seen.waitFor({ timeout: 20_000 })
    expect(await seen.innerText()).toContain('原因：秤没放平，少称了')
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await seen.scrollIntoViewIfNeeded()
    await screenshot(page, 'garden-harvest-corrected-大字')

    // A bed's area, corrected on the steward page at 2× font.
    const d = doubled.page
    await openAs(d, DEMO_PEOPLE.gardenSteward, `packages/garden/steward/index?villageId=${caibei}`, false)
    const bed = d.locator('[data-testid="garden-bed"]').first()
    await bed.waitFor({ timeout: 20_000 })
    await bed.locator('[data-testid="garden-correct-bed"]').click()
    await bed.locator('[data-testid="garden-correct-area"] input').fill('6.5')
    await bed.locator('[data-testid="garden-correct-reason"] input').fill('拿卷尺重新量过')
    await bed.locator('[data-testid="garden-correct-submit"]').click()
    await bed.locator('[data-testid="garden-corrected"]').waitFor({ timeout: 20_000 })
    expect(await bed.locator('[data-testid="garden-corrected"]').innerText()).toContain('原因：拿卷尺重新量过')
    expect(await bed.locator('.xy-card__title').innerText()).toContain('6.5平方米')
    expect(await overflow(d)).toBeLessThanOrEqual(0)
    // Nothing squeezed to a character a line: the planting rows put their button under the text.
    const narrowest = await bed.locator('.garden-row__main').evaluateAll((els) => Math.min(...els.map((el) => el.getBoundingClientRect().width)))
    expect(narrowest).toBeGreaterThan(150)
    await d.waitForTimeout(2200)
    await bed.locator('.xy-card__title').scrollIntoViewIfNeeded()
    await screenshot(d, 'garden-bed-corrected-2x')
  })

  it('a villager of 高井嘎查 opening 菜园 reads that there is no garden yet, and whom to ask, on every garden page', async () => {
    for (const [browser, label, largeFont] of [
      [large, '大字', true],
      [doubled, '2x', false],
    ] as const) {
      const { page } = browser
      await openAs(page, villager, 'pages/garden/index', largeFont)
      const none = page.locator('[data-testid="garden-none"]')
      await none.waitFor({ timeout: 20_000 })
      expect(await none.innerText()).toContain('高井嘎查还没有共享菜园')
      expect(await none.innerText()).toContain(`党支部书记${DEMO_PEOPLE.secretary}`)
      expect(await page.locator('[data-testid="garden-open-home"]').count()).toBe(0)
      expect(await page.locator('body').innerText()).not.toContain('菜北')
      expect(await overflow(page)).toBeLessThanOrEqual(0)
      await screenshot(page, `garden-none-tab-${label}`)
    }
    const { page } = doubled
    for (const sub of ['home', 'month', 'harvests', 'calendar', 'points', 'shop', 'availability']) {
      await page.goto(`${product.baseUrl}/#/packages/garden/${sub}/index?villageId=${gaojing}`)
      // Taro keeps the pages opened before in the document, hidden: this page's own notice is meant.
      const none = page.locator(`[data-testid="garden-${sub}"] [data-testid="garden-none"] >> visible=true`)
      await none.waitFor({ timeout: 20_000 })
      expect(await none.innerText(), sub).toContain('高井嘎查还没有共享菜园')
      expect(await page.locator('body').innerText(), sub).not.toContain('菜北')
      expect(await overflow(page), sub).toBeLessThanOrEqual(0)
    }
    await screenshot(page, 'garden-none-month-2x')
  })
})
