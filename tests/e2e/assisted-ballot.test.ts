/**
 * An assisted ballot (代为投票) as the villager meets it: a cadre enters 同意 for a villager who
 * asked for help; the villager sees "由…代为投票：同意，可以改" on the ballot and on 我的, casts
 * their own 反对 in its place, and from then on no cadre can overwrite it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, demoSession, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

const SECRETARY = '青明'

interface Persona {
  personId: string
  name: string
  villageName: string
  roles: string[]
}

describe.skipIf(!chromiumPath)('an assisted ballot in the browser: told to the villager, replaced by their own, never the other way round', () => {
  let product: Product
  let browser: Browser
  let token = ''

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${product.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }
  async function ok<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const answer = await call(method, path, body)
    expect(answer.status, `${path}: ${JSON.stringify(answer.json)}`).toBeLessThan(300)
    return answer.json as T
  }

  beforeAll(async () => {
    product = await startProduct()
    token = (await demoSession(product.baseUrl, SECRETARY)).token
    browser = await openBrowser({ fontScale: 2 })
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('shows the cadre’s ballot on the vote page and on 我的, and the villager’s own ballot stands', async () => {
    const { personas } = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }
    const villager = personas.find(
      (persona) => persona.villageName === '高井嘎查' && persona.roles.every((role) => role === 'villager' || role === 'household_rep'),
    )
    if (!villager) throw new Error('no ordinary villager among the demo personas')
    const me = await ok<{ memberships: { villageId: string; villageName: string }[] }>('GET', '/api/me')
    const villageId = me.memberships.find((membership) => membership.villageName === '高井嘎查')?.villageId ?? ''
    const { awardYear } = await ok<{ awardYear: { meetings: { id: string; motions: { id: string }[] }[] } }>(
      'GET',
      `/api/land/years/current?villageId=${villageId}`,
    )
    const meeting = awardYear.meetings[0]
    const motion = meeting?.motions[0]
    if (!meeting || !motion) throw new Error('the demo has no meeting')
    await ok('POST', '/api/land/meetings/open', { meetingId: meeting.id })
    await ok('POST', '/api/land/meetings/roll-call', { meetingId: meeting.id, personIds: [villager.personId] })
    await ok('POST', '/api/land/motions/open', { motionId: motion.id })

    // The villager's daughter asks the secretary to enter 同意 for her father.
    const assisted = await ok<{ message: string }>('POST', '/api/land/votes/cast', {
      motionId: motion.id,
      choice: 'for',
      onBehalfOfPersonId: villager.personId,
      assistance: { requestedBy: 'family', familyMemberName: '女儿', reason: '老人眼睛看不清，女儿来请求代投' },
    })
    expect(assisted.message).toBe('已代为投票：同意')

    // The villager, at twice the browser's font size, learns of it on the ballot…
    const { page } = browser
    await loginAs(page, product.baseUrl, villager.name)
    await page.goto(`${product.baseUrl}/#/packages/land/vote/index?motionId=${motion.id}&villageId=${villageId}`)
    const line = page.locator('[data-testid="assisted-ballot-line"]')
    await line.waitFor({ timeout: 20_000 })
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px')
    expect(await line.innerText()).toMatch(/^由.+代为投票：同意，可以改$/)
    expect(await page.locator('[data-testid="assisted-ballot"]').innerText()).toContain('女儿')
    await screenshot(page, 'land-assisted-ballot-2x-font')

    // …and on 我的, without opening the ballot.
    await page.goto(`${product.baseUrl}/#/pages/mine/index`)
    const onMine = page.locator('[data-testid="mine-assisted"]')
    await onMine.waitFor({ timeout: 20_000 })
    expect(await onMine.innerText()).toMatch(/由.+代为投票：同意，可以改/)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'mine-assisted-ballot-2x-font')

    // It was not their wish: they cast their own 反对 in its place.
    await page.goto(`${product.baseUrl}/#/packages/land/vote/index?motionId=${motion.id}&villageId=${villageId}`)
    await page.locator('[data-testid="change-assisted-ballot"]').click()
    await page.locator('[data-testid="choose-against"]').click()
    await page.locator('[data-testid="confirm-vote"]').click()
    await expect.poll(() => page.locator('[data-testid="vote-confirmation"]').innerText(), { timeout: 20_000 }).toBe('您已投票：反对')

    // The cadre can no longer overwrite it, and the ballot that counts is the villager's own.
    const again = await call('POST', '/api/land/votes/cast', {
      motionId: motion.id,
      choice: 'for',
      onBehalfOfPersonId: villager.personId,
      assistance: { requestedBy: 'self', reason: '再录一次' },
    })
    expect(again.status).toBe(409)
    expect((again.json.error as { code: string }).code).toBe('vote_assisted_voter_voted_self')
    const tally = await ok<{ tally: { against: number; assisted: number; votedInApp: number } }>('GET', `/api/land/motions/tally?motionId=${motion.id}`)
    expect(tally.tally).toMatchObject({ votedInApp: 1, assisted: 0 })
    await page.reload()
    await expect.poll(() => page.locator('[data-testid="vote-confirmation"]').innerText(), { timeout: 20_000 }).toBe('您已投票：反对')
  })
})
