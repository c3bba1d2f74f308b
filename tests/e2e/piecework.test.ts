import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

const HEAD = '刘建国'
const WORKER = '高秀兰'

interface Collection {
  id: string
  clientId: string
  workerId: string
  accepted: number
  rejected: number
}

describe.skipIf(!chromiumPath)('piecework: collection logged offline syncs exactly once', () => {
  let product: Product
  let browser: Browser
  let token = ''
  let workshopId = ''

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${product.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    return (await response.json()) as T
  }

  const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
  // Every page: the list is paged and says when there is more.
  const collectionsToday = async () => {
    const all: Collection[] = []
    let cursor: string | null = null
    do {
      const page: { collections: Collection[]; nextCursor: string | null } = await api(
        `/api/piecework/collections/list?workshopId=${workshopId}&from=${today()}&to=${today()}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      all.push(...page.collections)
      cursor = page.nextCursor
    } while (cursor !== null)
    return all
  }

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser()
    const personas = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: { personId: string; name: string }[] }
    const head = personas.personas.find((p) => p.name === HEAD)
    const login = await fetch(`${product.baseUrl}/api/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: head?.personId }),
    })
    token = ((await login.json()) as { token: string }).token
    const list = await api<{ workshops: { id: string; isHead: boolean }[] }>('/api/piecework/workshops/list')
    workshopId = list.workshops.find((w) => w.isHead)?.id ?? ''
    expect(workshopId).not.toBe('')
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('queues the entry while offline, shows it waiting, and syncs it once when the network returns', async () => {
    const { page, context } = browser
    await loginAs(page, product.baseUrl, HEAD)
    await page.goto(`${product.baseUrl}/#/packages/piecework/collect/index?workshopId=${workshopId}`)
    await page.locator('[data-testid="household"]').first().waitFor({ timeout: 20_000 })
    const workers = (await api<{ workers: { id: string; name: string }[] }>(`/api/piecework/workshops/detail?workshopId=${workshopId}`)).workers
    const worker = workers.find((w) => w.name === WORKER)
    const before = await collectionsToday()

    await context.setOffline(true)
    await page.locator('[data-testid="household"]', { hasText: WORKER }).first().click()
    await page.locator('[data-testid="key-7"]').click()
    await page.locator('[data-testid="collect-done"]').click()
    await expect.poll(() => page.locator('[data-testid="queue-count"]').innerText()).toBe('待同步 1 条')
    await expect.poll(() => page.locator('[data-testid="queue-item"]').getAttribute('data-status')).toBe('pending')
    // The entry is on the phone, not yet on the server.
    const queued = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.includes('xy.piecework.queue'))
        .map((k) => localStorage.getItem(k) ?? ''),
    )
    expect(queued.join('')).toContain('"accepted":7')
    expect(await collectionsToday()).toHaveLength(before.length)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-offline-queue')

    await context.setOffline(false)
    await expect.poll(() => page.locator('[data-testid="queue-count"]').innerText(), { timeout: 30_000 }).toBe('全部已同步')
    const after = await collectionsToday()
    const added = after.filter((c) => !before.some((b) => b.id === c.id))
    expect(added).toHaveLength(1)
    expect(added[0]).toMatchObject({ workerId: worker?.id, accepted: 7, rejected: 0 })

    // A reload and another retry tick must not send it again.
    await page.reload()
    await page.locator('[data-testid="queue-count"]').waitFor()
    await page.waitForTimeout(1500)
    expect(await collectionsToday()).toHaveLength(before.length + 1)
    await screenshot(page, 'piecework-synced')
  })

  it('shows the head a dashboard chart and the closed pay sheet, and a neighbouring-village worker their own pay', async () => {
    const { page } = browser
    await page.goto(`${product.baseUrl}/#/packages/piecework/dashboard/index?workshopId=${workshopId}`)
    await page.locator('[data-testid="output-chart"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="output-chart"] .piecework-chart__col').count()).toBeGreaterThan(20)
    await expect.poll(() => page.getByText('村集体增收').count()).toBeGreaterThan(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-dashboard')

    await page.goto(`${product.baseUrl}/#/packages/piecework/periods/index?workshopId=${workshopId}`)
    await page.locator('[data-testid="period"]', { hasText: '第1期' }).click()
    await page.locator('[data-testid="pay-sheet"]', { hasText: '合计' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.locator('[data-testid="pay-sheet"]').innerText()).toContain('已结账')
    await screenshot(page, 'piecework-pay-sheet')

    const personas = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: { name: string; villageName: string }[] }
    const neighbour = personas.personas.find((p) => p.villageName === '前杨村')
    expect(neighbour).toBeDefined()
    await page.evaluate(() => localStorage.clear())
    await loginAs(page, product.baseUrl, neighbour?.name ?? '')
    await page.goto(`${product.baseUrl}/#/pages/piecework/index`)
    // A fresh document: the head's pages from before stay mounted (hidden) in the same SPA otherwise.
    await page.reload()
    const entry = page.getByText('我的计件', { exact: true }).filter({ visible: true }).first()
    await entry.waitFor()
    await screenshot(page, 'piecework-worker-tab')
    await entry.dispatchEvent('click')
    await page.locator('[data-testid="workshop-mine"]', { hasText: '我的工资' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.locator('[data-testid="workshop-mine"]').innerText()).toContain(`${neighbour?.name ?? ''}家的计件`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-worker')

    // Last period's statement: tapping 第1期 shows how its pay was worked out.
    const first = page.locator('[data-testid="my-period"]', { hasText: '第1期' }).filter({ visible: true }).first()
    await expect.poll(() => first.innerText()).toContain('已结账')
    await first.locator('[data-testid="my-period-toggle"]').dispatchEvent('click')
    const sum = first.locator('[data-testid="pay-arithmetic"]')
    await sum.waitFor({ timeout: 10_000 })
    const lines = await sum.locator('[data-testid="rate-line"]').allInnerTexts()
    expect(lines.length).toBeGreaterThan(0)
    // Each line is an exact sum the worker can check: pieces × rate = amount.
    let gross = 0
    for (const line of lines) {
      const match = /合格 (\d+) 件 × (\d+)\.(\d\d) 元 = (\d+)\.(\d\d) 元/.exec(line)
      expect(match, line).not.toBeNull()
      const [, pieces, rateYuan, rateFen, amountYuan, amountFen] = match ?? []
      const amount = Number(amountYuan) * 100 + Number(amountFen)
      expect(Number(pieces) * (Number(rateYuan) * 100 + Number(rateFen))).toBe(amount)
      gross += amount
    }
    const total = /合计 (\d+)\.(\d\d) 元/.exec(await sum.locator('[data-testid="arithmetic-total"]').innerText())
    expect(total).not.toBeNull()
    expect(Number(total?.[1]) * 100 + Number(total?.[2])).toBeGreaterThanOrEqual(gross)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-worker-period')
  })
})
