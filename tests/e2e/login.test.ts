import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

describe.skipIf(!chromiumPath)('the H5 app in Chromium', () => {
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

  it('serves the API and the app from one port on the embedded database', async () => {
    const health = (await (await fetch(`${product.baseUrl}/api/health`)).json()) as { driver: string }
    expect(health.driver).toBe(process.env.TEST_DATABASE_URL ? 'pg' : 'pglite')
  })

  it('logs in as the branch secretary through the persona picker and shows the home page', async () => {
    const { page } = browser
    await loginAs(page, product.baseUrl, DEMO_PEOPLE.secretary)
    await expect.poll(() => page.locator('[data-testid="home-greeting"]').innerText()).toContain(DEMO_PEOPLE.secretary)
    await expect.poll(() => page.getByText('高井嘎查').count()).toBeGreaterThan(0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'home-secretary')
  })
})
