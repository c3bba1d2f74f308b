/**
 * Injection, as a villager's phone shows it: script and markup stored through the API
 * are rendered by the H5 app as text — no dialog fires, no element is injected. Runs in the e2e
 * project (it needs the H5 build and Chromium). The page: the workshop's order list, which shows
 * each order's customer name as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from '../e2e/harness'
import { PAYLOADS } from './lib/generate'

describe.skipIf(!chromiumPath)('injection strings render as text in the H5 app', () => {
  let product: Product
  let browser: Browser

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('shows every payload verbatim in the order list and runs none of them', async () => {
    const base = product.baseUrl
    const { personas } = (await (await fetch(`${base}/api/auth/demo-personas`)).json()) as { personas: { personId: string; name: string }[] }
    const head = personas.find((p) => p.name === DEMO_PEOPLE.workshopHead)
    if (!head) throw new Error('workshop head persona missing')
    const session = (await (
      await fetch(`${base}/api/auth/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personId: head.personId }),
      })
    ).json()) as { token: string }
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` }
    const { workshops } = (await (await fetch(`${base}/api/piecework/workshops/list`, { headers: auth })).json()) as { workshops: { id: string }[] }
    const workshopId = workshops[0]?.id ?? ''
    const detail = (await (await fetch(`${base}/api/piecework/workshops/detail?workshopId=${workshopId}`, { headers: auth })).json()) as {
      products: { id: string }[]
    }
    const productId = detail.products[0]?.id ?? ''
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    for (const payload of PAYLOADS) {
      const res = await fetch(`${base}/api/piecework/orders/create`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ workshopId, customer: payload, productId, quantity: 10, dueOn: today, unitPriceFen: 100 }),
      })
      expect(res.status, await res.clone().text()).toBe(201)
    }

    const { page } = browser
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await loginAs(page, base, DEMO_PEOPLE.workshopHead)
    await page.goto(`${base}/#/packages/piecework/orders/index?workshopId=${workshopId}`)
    await page.getByText(PAYLOADS[0], { exact: false }).first().waitFor({ timeout: 20_000 })
    await page.waitForTimeout(500)
    await screenshot(page, 'injection-orders')
    const text = await page.evaluate(() => document.body.innerText)
    for (const payload of PAYLOADS) expect(text, payload).toContain(payload)
    // Nothing was parsed as markup or evaluated as a template.
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(await page.evaluate(() => [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(1)')).length)).toBe(0)
    expect(dialogs).toEqual([])
  })
})
