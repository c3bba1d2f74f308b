/**
 * The H5 app shell: it opens offline after a first visit (the workshop head's collect screen
 * included) while API calls always go to the network; feature pages carry a title and a way back
 * (to 首页 when opened straight from a link); 读给我听 hands the page's text to the browser's
 * speech synthesis in Mandarin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

const HEAD = '刘建国'
const VOLUNTEER = '沙秀芳'

describe.skipIf(!chromiumPath)('the H5 app shell', () => {
  let product: Product
  let browser: Browser

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser({ width: 375, height: 812 })
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('serves its service worker uncached, so a new build is seen at the next visit', async () => {
    const response = await fetch(`${product.baseUrl}/sw.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const source = await response.text()
    // The build's own files are precached; the API is not among them.
    expect(source).toContain('index.html')
    expect(source).not.toMatch(/["']\/?api\//)
  })

  it('opens the collect page and the home page offline after one visit, and never answers the API from a cache', async () => {
    const { page, context } = browser
    await loginAs(page, product.baseUrl, HEAD)
    // The worker installs after the first screen and takes the page over (clientsClaim).
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 })
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.getByText('工坊').last().click()
    await page.locator('[data-testid="open-collect"]').first().click()
    await page.locator('[data-testid="household"]').first().waitFor({ timeout: 20_000 })
    const collectUrl = page.url()

    const cached = await page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
      return urls
    })
    expect(cached).toContain('/index.html')
    expect(cached.some((url) => url.startsWith('/js/'))).toBe(true)
    expect(cached.filter((url) => url.startsWith('/api/'))).toEqual([])

    await context.setOffline(true)
    try {
      await page.reload()
      await page.locator('[data-testid="household"]').first().waitFor({ timeout: 20_000 })
      expect(await page.locator('[data-testid="page-nav-title"]').innerText()).toBe('交货验收')
      await screenshot(page, 'shell-offline-collect')
      // The API is not answered by the worker: offline, a call fails, and the app knows it.
      const apiOffline = await page.evaluate(async () => {
        try {
          await fetch('/api/health')
          return 'answered'
        } catch {
          return 'failed'
        }
      })
      expect(apiOffline).toBe('failed')

      await page.goto(`${product.baseUrl}/#/pages/home/index`)
      await page.reload()
      await page.locator('.taro-tabbar__tabbar').waitFor({ timeout: 20_000 })
      expect(await page.locator('body').innerText()).not.toContain('ERR_INTERNET_DISCONNECTED')
      // Not 正在加载 for ever: within seconds it shows the kept profile and says the network is away.
      await page.locator('[data-testid="home-offline"]').waitFor({ timeout: 6_000 })
      expect(await page.locator('[data-testid="home-offline"]').innerText()).toContain('重试')
      await screenshot(page, 'shell-offline-home')
    } finally {
      await context.setOffline(false)
    }
    await page.goto(collectUrl)
  })

  it('gives a feature page its title and 返回, and 首页 when it was opened straight from a link', async () => {
    const { page } = browser
    await page.goto(`${product.baseUrl}/#/pages/piecework/index`)
    await page.reload()
    await page.locator('[data-testid="open-collect"]').first().click()
    const bar = page.locator('.taro_page:not([style*="display: none"]) [data-testid="page-nav-bar"]').last()
    await bar.waitFor()
    expect(await bar.locator('[data-testid="page-nav-title"]').innerText()).toBe('交货验收')
    const back = bar.locator('[data-testid="page-back"]')
    expect(await back.innerText()).toContain('返回')
    const box = await back.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44)
    expect(await back.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16)
    await screenshot(page, 'shell-nav-bar-back')
    const collectUrl = page.url()
    await back.click()
    await page.locator('[data-testid="workshop-page"]').waitFor()
    await expect.poll(() => page.url()).toContain('pages/piecework/index')

    // A page opened directly (a QR code, a shared link): nothing before it in the app.
    await page.goto(collectUrl)
    await page.reload()
    const home = page.locator('[data-testid="page-back"]').last()
    await home.waitFor()
    expect(await home.innerText()).toContain('首页')
    await screenshot(page, 'shell-nav-bar-home')
    await home.click()
    await page.locator('[data-testid="home-greeting"]').waitFor({ timeout: 20_000 })
  })

  it('读给我听 reads the garden home’s next shift in Mandarin through the browser’s speech synthesis', async () => {
    const { page } = browser
    // Chromium here has no voices; the test stands in for the synthesiser and keeps what it is given.
    await page.addInitScript(() => {
      const said: { text: string; lang: string; rate: number }[] = []
      Object.assign(window, { __said: said })
      Object.defineProperty(window, 'speechSynthesis', {
        configurable: true,
        value: {
          speak: (utterance: SpeechSynthesisUtterance) => {
            said.push({ text: utterance.text, lang: utterance.lang, rate: utterance.rate })
            setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 50)
          },
          cancel: () => undefined,
          // No voice objects (they cannot be made by hand): the utterance's lang picks Mandarin.
          getVoices: () => [],
        },
      })
    })
    await page.goto(`${product.baseUrl}/`)
    await page.evaluate(() => localStorage.clear())
    await loginAs(page, product.baseUrl, VOLUNTEER)
    // A new document, so the stand-in is in place before the app starts.
    await page.reload()
    await page.locator('[data-testid="home-greeting"]').waitFor({ timeout: 20_000 })
    await page.getByText('菜园').last().click()
    await page.locator('[data-testid="garden-open-home"]').first().click()
    const button = page.locator('[data-testid="read-aloud"]').last()
    await button.waitFor({ timeout: 20_000 })
    await button.click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { __said: { text: string }[] }).__said.length)).toBe(1)
    const [said] = await page.evaluate(() => (window as unknown as { __said: { text: string; lang: string; rate: number }[] }).__said)
    expect(said?.lang).toBe('zh-CN')
    expect(said?.text).toMatch(/^(您的下一个班：.+。状态：.+。|最近没有您的班。)/)
    await screenshot(page, 'shell-read-aloud-garden')
  })
})
