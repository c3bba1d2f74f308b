import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import path from 'node:path'
import { artifactsDir, chromiumPath, demoSession, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product, leaveApp } from './harness'
import type { Page } from 'playwright-core'

const RESIDENT = '沙秀芳'
const WINTER = '冬季菜园停止浇水值班'

/**
 * 居民议事 in the browser: a resident finds the open matter on the garden home, reads it and the
 * rule for passing, votes (confirmed, then changed), and after the steward publishes reads the
 * result with its arithmetic. Then the same screens at 375 px with 大字, and at 2× browser font.
 */
describe.skipIf(!chromiumPath)('居民议事 in the browser: a resident votes on a courtyard matter and sees the published result', () => {
  let product: Product
  let browser: Browser
  let villageId = ''
  let steward = ''
  const ids: { winter: string; crops: string } = { winter: '', crops: '' }

  async function api<T>(path: string, token: string, body?: unknown): Promise<T> {
    const response = await fetch(`${product.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const answer = (await response.json()) as T
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`)
    return answer
  }
  /** A tall page in window-sized parts, each readable at full resolution. */
  async function shotInParts(page: Page, name: string) {
    await screenshot(page, name)
    const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.xy-page')].map((el) => el.scrollHeight)))
    for (let part = 0; part * 800 < Math.min(height, 2400); part++) {
      await page.screenshot({ path: path.join(artifactsDir, `${name}-${part + 1}.png`), clip: { x: 0, y: part * 800, width: 375, height: 800 } })
    }
  }
  /** Signs the browser out (the login page sends a signed-in reader home) and in as someone else. */
  async function signInAs(name: string) {
    const { page } = browser
    await page.evaluate(() => {
      localStorage.removeItem('xy.session.token')
      localStorage.removeItem('xy.session.expiresAt')
    })
    await loginAs(page, product.baseUrl, name)
  }
  const noOverflow = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser({ width: 375, height: 812 })
    // The 375 px screenshots of the main flow come in window-sized parts too (shotInParts).
    steward = (await demoSession(product.baseUrl, DEMO_PEOPLE.gardenSteward)).token
    const me = await api<{ memberships: { villageId: string; villageName?: string }[] }>('/api/me', steward)
    villageId = me.memberships[0]?.villageId ?? ''
    const list = await api<{ matters: { id: string; title: string }[] }>(`/api/garden/matters/list?villageId=${villageId}`, steward)
    ids.winter = list.matters.find((m) => m.title === WINTER)?.id ?? ''
    expect(ids.winter).not.toBe('')
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('finds the matter on the garden home, votes, changes the vote, and reads the published arithmetic', async () => {
    const { page } = browser
    await loginAs(page, product.baseUrl, RESIDENT)
    await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
    const card = page.locator('[data-testid="garden-open-matter"]', { hasText: WINTER })
    await card.waitFor({ timeout: 20_000 })
    await card.getByText('您还没有投票', { exact: false }).waitFor()
    await screenshot(page, 'matters-home-card')
    await card.click()

    await page.locator('[data-testid="matter-title"]', { hasText: WINTER }).waitFor({ timeout: 20_000 })
    // The rule is on screen before any choice is.
    await page.locator('[data-testid="matter-threshold"]', { hasText: '弃权也算参加投票' }).waitFor()
    await screenshot(page, 'matters-ballot')
    await page.locator('[data-testid="matter-choose-against"]').click()
    await page.locator('[data-testid="matter-confirm-box"]', { hasText: '您选择的是：反对' }).waitFor()
    await screenshot(page, 'matters-confirm')
    await page.locator('[data-testid="matter-confirm-vote"]').click()
    await page.locator('[data-testid="matter-vote-confirmation"]', { hasText: '您已投票：反对，截止前可以改' }).waitFor({ timeout: 20_000 })
    // Changeable until close.
    await page.locator('[data-testid="matter-change-vote"]').click()
    await page.locator('[data-testid="matter-choose-for"]').click()
    await page.locator('[data-testid="matter-confirm-vote"]').click()
    await page.locator('[data-testid="matter-vote-confirmation"]', { hasText: '您已投票：同意，截止前可以改' }).waitFor({ timeout: 20_000 })
    await screenshot(page, 'matters-voted')
    await noOverflow(page)

    // The courtyard meeting, on the steward's phone: two came who had not voted in the app.
    await signInAs(DEMO_PEOPLE.gardenSteward)
    await page.goto(`${product.baseUrl}/#/packages/garden/matters/detail/index?villageId=${villageId}&matterId=${ids.winter}`)
    await page.locator('[data-testid="matter-open-hands"]').click({ timeout: 20_000 })
    await page.locator('[data-testid="matter-hands"]').waitFor({ timeout: 20_000 })
    await page.getByRole('checkbox', { name: '金宝山到会' }).click()
    await page.getByRole('checkbox', { name: '刘淑英到会' }).click()
    await page.getByRole('checkbox', { name: `${RESIDENT}到会` }).click()
    // 沙秀芳 voted in the app: three came, one already voted, so at most two hands.
    await page.locator('[data-testid="matter-max-hands"]', { hasText: '到会3人，其中1人已在手机投票，最多可举手2人' }).waitFor()
    await page.getByLabel('同意举手人数').fill('1')
    await page.getByLabel('弃权举手人数').fill('1')
    await page.setViewportSize({ width: 375, height: 2400 })
    await shotInParts(page, 'matters-steward-hands')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.locator('[data-testid="matter-send-hands"]').click()
    await page.locator('[data-testid="matter-publish"]').click({ timeout: 20_000 })
    await page.getByText('公布', { exact: true }).click()
    await page.locator('[data-testid="matter-result"]').waitFor({ timeout: 20_000 })
    await signInAs(RESIDENT)
    await page.goto(`${product.baseUrl}/#/packages/garden/matters/detail/index?villageId=${villageId}&matterId=${ids.winter}`)
    await page.reload()
    const result = page.locator('[data-testid="matter-result"]')
    await result.waitFor({ timeout: 20_000 })
    // Seeded: 马淑兰 and 杨桂芝 for, 孙明 against; 沙秀芳 for in the browser; hands 1 for, 1 abstain.
    expect(await page.locator('[data-testid="matter-arithmetic"]').innerText()).toBe('同意 4 人，占投票 6 人的过半数（至少 4 人）→ 通过')
    await page.locator('[data-testid="matter-changed"]', { hasText: '早上浇水' }).waitFor()
    await page.locator('[data-testid="matter-vote-confirmation"]', { hasText: '您已投票：同意' }).waitFor()
    expect(await page.locator('[data-testid="matter-change-vote"]').count()).toBe(0)
    await page.setViewportSize({ width: 375, height: 2400 })
    await shotInParts(page, 'matters-result')
    await page.setViewportSize({ width: 375, height: 812 })
    await noOverflow(page)

    // The garden's record of decisions lists it with the layout decided in March.
    await page.goto(`${product.baseUrl}/#/packages/garden/matters/index?villageId=${villageId}`)
    await page.locator('[data-testid="matter-card"]', { hasText: '原花坛改成共享菜园' }).waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="matter-card"]', { hasText: '同意 4 人，占投票 6 人的过半数' }).waitFor()
    await screenshot(page, 'matters-record')
  })

  it.each([
    ['large', '大字'],
    ['font2x', '2× browser font'],
  ])('reads at 375 px with %s (%s): the ballot, the rule and the result fit', async (mode) => {
    // Tall windows: the app scrolls inside its own page, so a screenshot shows one window's worth.
    const shown = await openBrowser({ width: 375, height: 2400, fontScale: mode === 'font2x' ? 2 : 1 })
    try {
      const { page } = shown
      if (!ids.crops) {
        const created = await api<{ id: string }>('/api/garden/matters/create', steward, {
          villageId,
          title: '明年春天先种哪样菜',
          body: '议事会收集到三种意见，请全院选一个，选中的种在五号畦。',
          kind: 'choice',
          options: ['西红柿', '黄瓜', '豆角'],
          electorate: 'residents',
          threshold: 'eligible',
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
        })
        ids.crops = created.id
      }
      const session = await demoSession(product.baseUrl, RESIDENT)
      await leaveApp(page, product.baseUrl)
      await page.evaluate(
        ({ s, large }) => {
          localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
          localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
          localStorage.setItem('xy.largeFont', JSON.stringify({ data: large }))
        },
        { s: session, large: mode === 'large' },
      )
      // Signed in now: let the app settle on its home page (a login page would send the reader
      // there) before going to the matter.
      await page.goto(`${product.baseUrl}/#/pages/home/index`)
      await page.reload()
      await page.locator('[data-testid="home-greeting"]').waitFor({ timeout: 20_000 })
      await page.goto(`${product.baseUrl}/#/packages/garden/matters/detail/index?villageId=${villageId}&matterId=${ids.crops}`)
      await page.reload()
      await page
        .locator('[data-testid="matter-choose-o2"]')
        .waitFor({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          await screenshot(page, `matters-ballot-${mode}-failed`)
          throw error
        })
      await page.locator('[data-testid="matter-threshold"]', { hasText: '至少8人' }).waitFor()
      await shotInParts(page, `matters-ballot-${mode}`)
      await noOverflow(page)
      await page.goto(`${product.baseUrl}/#/packages/garden/matters/detail/index?villageId=${villageId}&matterId=${ids.winter}`)
      await page.reload()
      await page.locator('[data-testid="matter-arithmetic"]').waitFor({ timeout: 20_000 })
      await shotInParts(page, `matters-result-${mode}`)
      await noOverflow(page)
    } finally {
      await shown.close()
    }
  })
})
