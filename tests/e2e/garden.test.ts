import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { runsPastMidnight } from '../../shared/garden'
import { addDays, chinaDayStart, localParts, todayInChina, toEpochMinutes } from '../../shared/time'
import { chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

interface Persona {
  personId: string
  name: string
  villageName: string
  roles: string[]
}

const TITLE = '临时采收（浏览器测试）'
/** A plain garden volunteer the first test does not use (it takes the first one, 沙秀芳). */
const OTHER_VOLUNTEER = '金宝山'

/**
 * The next `hour`:00 in Beijing at least an hour away. 11:00–18:00 is free of every demo duty
 * (7–8, 9–11, 18–20:30), so a shift placed there never clashes with anyone's demo bookings,
 * whatever the time of day the test runs.
 */
function nextBeijingHour(hour: number): Date {
  const bj = new Date(Date.now() + 8 * 3600_000)
  let at = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate(), hour) - 8 * 3600_000
  if (at < Date.now() + 60 * 60_000) at += 24 * 3600_000
  return new Date(at)
}
const beijingDate = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

describe.skipIf(!chromiumPath)('共享菜园 in the browser: a volunteer signs up, checks in and sees points; places given back', () => {
  let product: Product
  let browser: Browser
  let villageId = ''
  let volunteer: Persona | undefined

  async function api<T>(path: string, token: string, body?: unknown): Promise<T> {
    const response = await fetch(`${product.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    // A refusal names itself here rather than surfacing later as a missing field.
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
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
        await api('/api/garden/swaps/reassign', stewardSession.token, {
          villageId,
          signupId: mine.signupId,
          toPersonId: steward.personId,
          reason: '浏览器测试要用这个时间',
        })
      }
    }
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  async function stewardToken(): Promise<string> {
    const personas = ((await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }).personas
    const steward = personas.find((p) => p.name === DEMO_PEOPLE.gardenSteward)
    if (!steward) throw new Error('no steward persona')
    return (await tokenFor(steward.personId)).token
  }
  async function otherVolunteer(): Promise<{ personId: string; token: string }> {
    const personas = ((await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }).personas
    const person = personas.find((p) => p.name === OTHER_VOLUNTEER)
    if (!person) throw new Error(`no demo persona ${OTHER_VOLUNTEER}`)
    return { personId: person.personId, token: (await tokenFor(person.personId)).token }
  }
  /** A shift at the next free afternoon hour, with the volunteer signed up on it through the API. */
  async function bookedShift(title: string, hour: number, volunteerToken: string): Promise<{ shiftId: string; signupId: string; startsAt: Date }> {
    const startsAt = nextBeijingHour(hour)
    const created = await api<{ id: string }>('/api/garden/shifts/create', await stewardToken(), {
      villageId,
      title,
      kind: 'weeding',
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      capacity: 2,
    })
    const signup = await api<{ signupId?: string; error?: unknown }>('/api/garden/shifts/sign-up', volunteerToken, { villageId, shiftId: created.id })
    if (!signup.signupId) throw new Error(`sign-up refused: ${JSON.stringify(signup)}`)
    return { shiftId: created.id, signupId: signup.signupId, startsAt }
  }
  /** Signs the browser out (the login page sends a signed-in reader home) and in as someone else. */
  async function signInAs(name: string): Promise<void> {
    const { page } = browser
    if (page.url().startsWith(product.baseUrl)) {
      await page.evaluate(() => {
        localStorage.removeItem('xy.session.token')
        localStorage.removeItem('xy.session.expiresAt')
      })
    }
    await loginAs(page, product.baseUrl, name)
  }
  async function peopleOn(shiftId: string, startsAt: Date, token: string): Promise<string[]> {
    const list = await api<{ shifts: { id: string; people: { personId: string }[] }[] }>(
      `/api/garden/shifts/list?villageId=${villageId}&month=${beijingDate(startsAt).slice(0, 7)}`,
      token,
    )
    return list.shifts.find((s) => s.id === shiftId)?.people.map((p) => p.personId) ?? []
  }

  it('a volunteer gives a place back from the garden home page: asked once, the card goes, the place is free', async () => {
    const { page } = browser
    const me = await otherVolunteer()
    const shift = await bookedShift('下午除草（浏览器测试·取消报名）', 14, me.token)
    await signInAs(OTHER_VOLUNTEER)

    await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
    const card = page.locator(`[data-testid="garden-my-shift"][data-shift-id="${shift.shiftId}"]`)
    await card.waitFor({ timeout: 20_000 })
    await card.locator('[data-testid="garden-withdraw"]').click()
    // The dialog names the shift and only the confirm button sends anything.
    await page.getByText('取消后这个名额让给别人', { exact: false }).waitFor({ timeout: 10_000 })
    expect(await peopleOn(shift.shiftId, shift.startsAt, me.token)).toContain(me.personId)
    await screenshot(page, 'garden-withdraw-confirm')
    await page.getByText('确定取消', { exact: true }).click()
    await card.waitFor({ state: 'detached', timeout: 20_000 })
    expect(await peopleOn(shift.shiftId, shift.startsAt, me.token)).toEqual([])
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  })

  it('a volunteer redeems soap at the 积分超市: asked once, the balance goes down, the steward hands it over', async () => {
    const { page } = browser
    const me = await otherVolunteer()
    await api('/api/garden/points/adjust', await stewardToken(), { villageId, personId: me.personId, delta: 30, reason: '浏览器测试补记' })
    await signInAs(OTHER_VOLUNTEER)
    await page.goto(`${product.baseUrl}/#/packages/garden/shop/index?villageId=${villageId}`)
    const balance = page.locator('[data-testid="garden-shop-balance"]')
    await balance.waitFor({ timeout: 20_000 })
    const before = Number((await balance.innerText()).replace(/\D/g, ''))
    expect(before).toBeGreaterThanOrEqual(30)
    const soap = page.locator('[data-testid="garden-reward"][data-reward="肥皂"]')
    await soap.locator('[data-testid="garden-redeem"]').click()
    await page.getByText(`还剩${before - 20}分`, { exact: false }).waitFor({ timeout: 10_000 })
    await screenshot(page, 'garden-shop-confirm')
    await page.getByText('兑换', { exact: true }).last().click()
    await expect.poll(async () => Number((await balance.innerText()).replace(/\D/g, '')), { timeout: 20_000 }).toBe(before - 20)
    await page.locator('[data-testid="garden-redemption"][data-status="requested"]').waitFor({ timeout: 20_000 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'garden-shop-redeemed')

    // The garden home counts the same ledger.
    await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
    await expect.poll(async () => Number(await page.locator('[data-testid="garden-my-points"]').innerText()), { timeout: 20_000 }).toBe(before - 20)

    await signInAs(DEMO_PEOPLE.gardenSteward)
    await page.goto(`${product.baseUrl}/#/packages/garden/shop/index?villageId=${villageId}`)
    const waiting = page.locator('[data-testid="garden-hand-over-list"] [data-testid="garden-redemption"]', { hasText: OTHER_VOLUNTEER })
    await waiting.first().waitFor({ timeout: 20_000 })
    await waiting.first().locator('[data-testid="garden-hand-over"]').click()
    await expect.poll(async () => waiting.count(), { timeout: 20_000 }).toBe(0)
  })

  it('a steward takes a volunteer off one shift and calls another off, with reasons; the volunteer reads both on their garden home', async () => {
    const { page } = browser
    const me = await otherVolunteer()
    const removed = await bookedShift('下午除草（浏览器测试·移出）', 15, me.token)
    const called = await bookedShift('下午浇水（浏览器测试·取消）', 16, me.token)

    await signInAs(DEMO_PEOPLE.gardenSteward)
    await page.goto(`${product.baseUrl}/#/packages/garden/steward/index?villageId=${villageId}`)
    const week = page.locator('[data-testid="garden-steward-upcoming"]')
    await week.waitFor({ timeout: 20_000 })

    // Take the volunteer off the first: a reason is required.
    await week.locator(`[data-testid="garden-steward-day-${beijingDate(removed.startsAt)}"]`).click()
    const first = week.locator(`[data-testid="garden-steward-shift"][data-shift-id="${removed.shiftId}"]`)
    await first.waitFor({ timeout: 20_000 })
    await first.locator(`[data-testid="garden-steward-person"][data-signup-id="${removed.signupId}"] [data-testid="garden-remove"]`).click()
    const form = first.locator('[data-testid="garden-reason-form"]')
    await form.locator('[data-testid="garden-reason-confirm"]').click()
    await form.getByText('请写上原因').waitFor({ timeout: 10_000 })
    // The field is named after the question above it (the elders test sees the page before it opens).
    expect(await form.locator('input').getAttribute('aria-label')).toBe(`为什么把${OTHER_VOLUNTEER}移出这个班？`)
    await form.locator('input').fill('人够了，您在家歇一歇')
    await form.locator('[data-testid="garden-reason-confirm"]').click()
    await first.locator('[data-testid="garden-steward-person"]').first().waitFor({ state: 'detached', timeout: 20_000 })
    expect(await peopleOn(removed.shiftId, removed.startsAt, me.token)).toEqual([])

    // Call the second off, picking the usual reason.
    await week.locator(`[data-testid="garden-steward-day-${beijingDate(called.startsAt)}"]`).click()
    const second = week.locator(`[data-testid="garden-steward-shift"][data-shift-id="${called.shiftId}"]`)
    await second.waitFor({ timeout: 20_000 })
    await second.locator('[data-testid="garden-cancel-shift"]').click()
    await second.getByRole('radio', { name: '下雨' }).click()
    await screenshot(page, 'garden-steward-cancel-reason')
    await second.getByText('确认取消这个班', { exact: true }).click()
    // A called-off shift leaves the list.
    await second.waitFor({ state: 'detached', timeout: 20_000 })

    await signInAs(OTHER_VOLUNTEER)
    await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
    const removedNotice = page.locator(`[data-testid="garden-released"][data-shift-id="${removed.shiftId}"]`)
    const calledNotice = page.locator(`[data-testid="garden-released"][data-shift-id="${called.shiftId}"]`)
    await removedNotice.waitFor({ timeout: 20_000 })
    expect(await removedNotice.innerText()).toContain('主理人把您移出了这个班')
    expect(await removedNotice.innerText()).toContain('原因：人够了，您在家歇一歇')
    expect(await calledNotice.innerText()).toContain('这个班取消了')
    expect(await calledNotice.innerText()).toContain('原因：下雨')
    // Neither is still listed as a shift to go to.
    expect(await page.locator(`[data-testid="garden-my-shift"][data-shift-id="${removed.shiftId}"]`).count()).toBe(0)
    expect(await page.locator(`[data-testid="garden-my-shift"][data-shift-id="${called.shiftId}"]`).count()).toBe(0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'garden-home-released')
  })

  it(
    'signs up on the month view and checks in; 活干完了 waits for the start; the steward confirms the whole shift and the points go up',
    async () => {
      const { page } = browser
      if (!volunteer) throw new Error('no volunteer')
      await signInAs(volunteer.name)

      await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
      // A one-off shift may not run past Beijing midnight (the shared rule the server applies), so
      // in the day's last half hour this scenario waits for the new day instead of being refused.
      // (32: the shift starts a minute on and lasts 30.)
      if (runsPastMidnight(localParts(toEpochMinutes(new Date())).minuteOfDay, 32)) {
        const nextDay = chinaDayStart(addDays(todayInChina(), 1)).getTime()
        await new Promise((resolve) => setTimeout(resolve, nextDay - Date.now() + 5_000))
      }
      const pointsBefore = Number(await page.locator('[data-testid="garden-my-points"]').innerText())
      // Starts in a minute: time to sign up and check in early, little to wait for the start.
      const startsAt = new Date(Date.now() + 60_000)
      const endsAt = new Date(startsAt.getTime() + 30 * 60_000)
      // Whatever the hour, the volunteer must be free then: a demo duty ahead is handed to the
      // steward, one already under way (7:00 watering at 7:20) is taken back by the steward.
      const steward = await stewardToken()
      const month = beijingDate(startsAt).slice(0, 7)
      const list = await api<{ shifts: { id: string; startsAt: string; endsAt: string; people: { signupId: string; personId: string; status: string }[] }[] }>(
        `/api/garden/shifts/list?villageId=${villageId}&month=${month}`,
        steward,
      )
      const stewardId =
        ((await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }).personas.find(
          (p) => p.name === DEMO_PEOPLE.gardenSteward,
        )?.personId ?? ''
      const volunteerId = volunteer.personId
      for (const shift of list.shifts) {
        const mine = shift.people.find((p) => p.personId === volunteerId && p.status === 'booked')
        if (!mine || Date.parse(shift.startsAt) >= endsAt.getTime() || Date.parse(shift.endsAt) <= startsAt.getTime()) continue
        if (Date.parse(shift.startsAt) > Date.now())
          await api('/api/garden/swaps/reassign', steward, { villageId, signupId: mine.signupId, toPersonId: stewardId, reason: '浏览器测试要用这个时间' })
        else await api('/api/garden/roster/remove', steward, { villageId, signupId: mine.signupId, reason: '浏览器测试要用这个时间' })
      }
      const created = await api<{ id: string }>('/api/garden/shifts/create', steward, {
        villageId,
        title: TITLE,
        kind: 'harvesting',
        startsAt: startsAt.toISOString(),
        durationMinutes: 30,
        capacity: 2,
      })
      const shiftId = created.id
      expect(shiftId).toMatch(/^[0-9a-f-]{36}$/)

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
      // Checked in early: nothing is done before the shift starts, so there is no 活干完了 yet.
      if (Date.now() < startsAt.getTime() - 5_000) {
        await myCard.locator('[data-testid="garden-done-wait"]').waitFor({ timeout: 10_000 })
        expect(await myCard.locator('[data-testid="garden-done"]').count()).toBe(0)
      }

      // Once it has started, the steward confirms the whole shift on the month view.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt.getTime() - Date.now() + 3_000)))
      await signInAs(DEMO_PEOPLE.gardenSteward)
      await page.goto(`${product.baseUrl}/#/packages/garden/month/index?villageId=${villageId}`)
      const stewardCard = page.locator(`[data-shift-title="${TITLE}"]`)
      await stewardCard.waitFor({ timeout: 20_000 })
      await stewardCard.locator('[data-testid="garden-confirm-full"]').click()
      await stewardCard.getByText('已完成').waitFor({ timeout: 20_000 })

      await signInAs(volunteer.name)
      await page.goto(`${product.baseUrl}/#/packages/garden/home/index?villageId=${villageId}`)
      // 30 minutes at the demo rule of 10 points an hour
      await expect.poll(async () => Number(await page.locator('[data-testid="garden-my-points"]').innerText()), { timeout: 20_000 }).toBe(pointsBefore + 5)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await screenshot(page, 'garden-home-points')

      await page.goto(`${product.baseUrl}/#/packages/garden/points/index?villageId=${villageId}`)
      await expect.poll(async () => Number(await page.locator('[data-testid="garden-points-total"]').innerText()), { timeout: 20_000 }).toBe(pointsBefore + 5)
      await expect.poll(() => page.getByText(TITLE, { exact: false }).count()).toBeGreaterThan(0)
    },
    // Long enough for the wait past midnight above.
    40 * 60_000,
  )
})
