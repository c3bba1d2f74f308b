import type { Request as PwRequest, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, demoSession, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

const HEAD = '刘建国'
const WORKER = '高秀兰'

interface MaterialLine {
  workerId: string
  issuedGrams: number
}

/**
 * A weak network's worst case, in the real app: the server does the write but its answer never
 * reaches the phone. The app must not issue the material twice — not on its own retry, and not
 * when the head, seeing "网络不好", taps the button again.
 */
describe.skipIf(!chromiumPath)('a material issue whose answer is lost is done once', () => {
  let product: Product
  let browser: Browser
  let token = ''
  let workshopId = ''
  let workerId = ''

  const issuedToWorker = async (): Promise<number> => {
    const response = await fetch(`${product.baseUrl}/api/piecework/dashboard?workshopId=${workshopId}`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { material: MaterialLine[] }
    return body.material.filter((m) => m.workerId === workerId).reduce((sum, m) => sum + m.issuedGrams, 0)
  }

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser()
    token = (await demoSession(product.baseUrl, HEAD)).token
    const list = (await (await fetch(`${product.baseUrl}/api/piecework/workshops/list`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      workshops: { id: string; isHead: boolean }[]
    }
    workshopId = list.workshops.find((w) => w.isHead)?.id ?? ''
    const detail = (await (
      await fetch(`${product.baseUrl}/api/piecework/workshops/detail?workshopId=${workshopId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      workers: { id: string; name: string }[]
    }
    workerId = detail.workers.find((w) => w.name === WORKER)?.id ?? ''
    expect(workerId).not.toBe('')
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  /** Lets the first `lose` requests reach the server, then drops their answers; later ones pass. */
  async function loseAnswers(page: Browser['page'], lose: number): Promise<{ keys: string[]; replays: string[] }> {
    const seen = { keys: [] as string[], replays: [] as string[] }
    await page.route('**/api/piecework/materials/move', async (route: Route, request: PwRequest) => {
      seen.keys.push((await request.allHeaders())['idempotency-key'] ?? '')
      const response = await route.fetch()
      seen.replays.push(response.headers()['idempotent-replay'] ?? 'no')
      if (seen.keys.length <= lose) await route.abort('timedout')
      else await route.fulfill({ response })
    })
    return seen
  }

  async function fillIssue(page: Browser['page'], kg: string): Promise<void> {
    await page.goto(`${product.baseUrl}/#/packages/piecework/issue/index?workshopId=${workshopId}`)
    await page.locator('[data-testid="workshop-issue"] [role="radio"]', { hasText: WORKER }).first().click()
    await page.getByLabel('重量（千克）').fill(kg)
    await page.getByLabel('预计能做多少件').fill('10')
  }

  it('retries on its own with the same key; the server replays its first answer', async () => {
    const { page } = browser
    await loginAs(page, product.baseUrl, HEAD)
    const before = await issuedToWorker()
    const seen = await loseAnswers(page, 1)
    await fillIssue(page, '1.5')
    await page.getByRole('button', { name: `发给${WORKER}` }).click()
    // Success shows as the form clearing (the toast is gone too quickly to catch reliably).
    await expect.poll(() => page.getByLabel('重量（千克）').inputValue(), { timeout: 20_000 }).toBe('')
    expect(seen.keys).toHaveLength(2)
    expect(seen.keys[0]).toMatch(/^[A-Za-z0-9_-]{8,100}$/)
    expect(seen.keys[1]).toBe(seen.keys[0])
    expect(seen.replays).toEqual(['no', 'true'])
    expect(await issuedToWorker()).toBe(before + 1500)
    await page.unroute('**/api/piecework/materials/move')
  })

  it('after "网络不好", tapping again sends the same key and still issues once', async () => {
    const { page } = browser
    const before = await issuedToWorker()
    // The first attempt and the app's own retry both lose their answers.
    const seen = await loseAnswers(page, 2)
    await fillIssue(page, '2')
    const button = page.getByRole('button', { name: `发给${WORKER}` })
    await button.click()
    await page.getByText('网络不好').waitFor({ timeout: 40_000 })
    await screenshot(page, 'lost-answer-network-error')
    expect(await issuedToWorker()).toBe(before + 2000)
    await button.click()
    await expect.poll(() => page.getByLabel('重量（千克）').inputValue(), { timeout: 20_000 }).toBe('')
    expect(seen.keys).toHaveLength(3)
    expect(new Set(seen.keys).size).toBe(1)
    expect(seen.replays).toEqual(['no', 'true', 'true'])
    expect(await issuedToWorker()).toBe(before + 2000)

    // Once answered, an equal issue is a new one.
    await fillIssue(page, '2')
    await page.getByRole('button', { name: `发给${WORKER}` }).click()
    await expect.poll(() => page.getByLabel('重量（千克）').inputValue(), { timeout: 20_000 }).toBe('')
    expect(seen.keys).toHaveLength(4)
    expect(seen.keys[3]).not.toBe(seen.keys[0])
    expect(await issuedToWorker()).toBe(before + 4000)
  })
})
