import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

interface Persona {
  personId: string
  name: string
  villageName: string
  roles: string[]
}

const TITLE = '临时采收（浏览器测试）'

describe.skipIf(!chromiumPath)('共享菜园 in the browser: a volunteer signs up, checks in and sees points', () => {
  let product: Product
  let browser: Browser
  let villageId = ''
  let volunteer: Persona | undefined
  let shiftId = ''

  async function api<T>(path: string, token: string, body?: unknown): Promise<T> {
    const response = await fetch(`${product.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return (await response.json()) as T
  }
  async function tokenFor(personId: string): Promise<{ token: string; villageId: string }> {
    const session = (await (
      await fetch(`${product.baseUrl}/api/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId }) })
    ).json()) as { token: string; me: { memberships: { villageId: string }[] } }
    return { token: session.token, villageId: session.me.memberships[0]?.villageId ?? '' }
  }

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser()
    const personas = ((await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }).personas
    const steward = personas.find((p) => p.name === DEMO_PEOPLE.gardenSteward)
    volunteer = personas.find((p) => p.villageName === '菜北社区41号院' && !p.roles.includes('garden_steward') && !p.roles.includes('secretary'))
    if (!steward || !volunteer) throw new Error('demo personas for the garden are missing')
    const stewardSession = await tokenFor(steward.personId)
    villageId = stewardSession.villageId
    // Hand any of the volunteer's places in the next hour to someone else, so the new shift is free for them.
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    const list = await api<{ shifts: { id: string; startsAt: string; endsAt: string; people: { signupId: string; personId: string }[] }[] }>(
      `/api/garden/shifts/list?villageId=${villageId}&month=${month}`,
      stewardSession.token,
    )
    const soon = Date.now() + 60 * 60_000
    for (const shift of list.shifts) {
      const mine = shift.people.find((p) => p.personId === volunteer?.personId)
      if (mine && Date.parse(shift.startsAt) > Date.now() && Date.parse(shift.startsAt) < soon) {
        await api('/api/garden/swaps/reassign', stewardSession.token, { villageId, signupId: mine.signupId, toPersonId: steward.personId })
      }
    }
    const created = await api<{ id: string }>('/api/garden/shifts/create', stewardSession.token, {
      villageId,
      title: TITLE,
      kind: 'harvesting',
      startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      durationMinutes: 30,
      capacity: 2,
    })
    shiftId = created.id
    expect(shiftId).toMatch(/^[0-9a-f-]{36}$/)
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('signs up on the month view, checks in, finishes and the points go up', async () => {
    const { page } = browser
    if (!volunteer) throw new Error('no volunteer')
    await loginAs(page, product.baseUrl, volunteer.name)

    await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
    const pointsBefore = Number(await page.locator('[data-testid="garden-my-points"]').innerText())

    await page.goto(`${product.baseUrl}/#/packages/garden/month/index?villageId=${villageId}`)
    const card = page.locator(`[data-shift-title="${TITLE}"]`)
    await card.waitFor({ timeout: 20_000 })
    await card.locator('[data-testid="garden-sign-up"]').click()
    await card.getByText('我在这个班').waitFor({ timeout: 20_000 })
    await screenshot(page, 'garden-month-signed-up')

    await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
    const myCard = page.locator(`[data-shift-id="${shiftId}"]`)
    await myCard.waitFor({ timeout: 20_000 })
    await myCard.locator('[data-testid="garden-check-in"]').click()
    await myCard.getByText('已签到').waitFor({ timeout: 20_000 })
    await myCard.locator('[data-testid="garden-done"]').click()
    // 30 minutes at the demo rule of 10 points an hour
    await expect.poll(async () => Number(await page.locator('[data-testid="garden-my-points"]').innerText()), { timeout: 20_000 }).toBe(pointsBefore + 5)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'garden-home-points')

    await page.goto(`${product.baseUrl}/#/packages/garden/points/index?villageId=${villageId}`)
    await expect.poll(async () => Number(await page.locator('[data-testid="garden-points-total"]').innerText()), { timeout: 20_000 }).toBe(pointsBefore + 5)
    await expect.poll(() => page.getByText(TITLE, { exact: false }).count()).toBeGreaterThan(0)
  })
})
