import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TICKET_CODES } from '../../db/seed/piecework'
import { formatTicketCode, ticketQrText } from '../../shared/piecework'
import { artifactsDir, chromiumPath, demoSession, openBrowser, screenshot, startProduct, type Browser, type Product, leaveApp } from './harness'

const HEAD = '刘建国'
const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((candidate) => existsSync(candidate))
const [collectedCode = '', scannedCode = '', stillOutCode = ''] = DEMO_TICKET_CODES

/**
 * Bundle tickets as the workshop head meets them, on a 375 px phone with 大字 and the browser's
 * font at 2×: print the labels, collect a bundle by scanning its QR code (a photo of the ticket
 * fed to the page's own decoder), and have the same ticket refused the second time.
 */
describe.skipIf(!chromiumPath)('piecework: bundle tickets printed, scanned once, refused twice', () => {
  let product: Product
  let browser: Browser
  let token = ''
  let workshopId = ''
  const qrPng = path.join(mkdtempSync(path.join(tmpdir(), 'xy-ticket-')), 'ticket.png')

  beforeAll(async () => {
    product = await startProduct()
    browser = await openBrowser({ fontScale: 2 })
    const session = await demoSession(product.baseUrl, HEAD)
    token = session.token
    const list = (await (await fetch(`${product.baseUrl}/api/piecework/workshops/list`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      workshops: { id: string; isHead: boolean }[]
    }
    workshopId = list.workshops.find((w) => w.isHead)?.id ?? ''
    // A photo of the label, as a phone without camera permission would choose it.
    await QRCode.toFile(qrPng, ticketQrText(scannedCode), { width: 480, margin: 4 })
    await leaveApp(browser.page, product.baseUrl)
    await browser.page.evaluate((s) => {
      localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
      localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
      localStorage.setItem('xy.largeFont', JSON.stringify({ data: true }))
    }, session)
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  const overflow = () => browser.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

  it('the head sees the tickets still out and prints them as labels with QR codes', async () => {
    const { page } = browser
    await page.goto(`${product.baseUrl}/#/packages/piecework/tickets/index?workshopId=${workshopId}`)
    await page.reload()
    await page.locator('[data-testid="ticket-label"]').first().waitFor({ timeout: 30_000 })
    await expect.poll(() => page.locator('[data-testid="ticket-reconciliation"]').innerText()).toContain('还没收回 2 张，共 20 件')
    const labels = await page.locator('[data-testid="ticket-label"]').allInnerTexts()
    await page.locator('[data-testid="ticket-label"]').first().scrollIntoViewIfNeeded()
    expect(labels.join('|')).toContain(formatTicketCode(scannedCode))
    expect(labels.join('|')).not.toContain(formatTicketCode(collectedCode))
    // Every label has its QR image drawn.
    await expect.poll(() => page.locator('[data-testid="ticket-label"] img').count()).toBe(labels.length)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-tickets')

    const pdfPath = path.join(artifactsDir, 'piecework-tickets.pdf')
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true })
    if (pdftotext) {
      const text = execFileSync(pdftotext, ['-layout', pdfPath, '-'], { encoding: 'utf8' })
      expect(text).toContain(formatTicketCode(scannedCode))
      expect(text).toContain(formatTicketCode(stillOutCode))
      expect(text).toContain('织网 10 件')
      // Only the labels print: not the buttons and the summary above them.
      expect(text).not.toContain('打印这')
    } else if (process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is missing: the printed labels cannot be read back')
    // The printed page keeps the QR codes readable: a scanner reads one off the PDF's image.
    if (existsSync('/usr/bin/pdftoppm') && existsSync('/usr/bin/zbarimg')) {
      const png = path.join(artifactsDir, 'piecework-tickets-page')
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', pdfPath, png])
      const read = execFileSync('/usr/bin/zbarimg', ['--raw', '-q', `${png}-1.png`], { encoding: 'utf8' })
      expect(read).toContain(ticketQrText(scannedCode))
    } else if (process.env.CI === 'true') throw new Error('pdftoppm or zbarimg (zbar-tools) is missing: the printed QR codes cannot be read back')
  })

  it('a collection is made by scanning a ticket, and the same ticket is refused the second time', async () => {
    const { page } = browser
    await page.goto(`${product.baseUrl}/#/packages/piecework/collect/index?workshopId=${workshopId}`)
    await page.reload()
    await page.locator('[data-testid="scan-image"]').waitFor({ state: 'attached', timeout: 30_000 })
    await page.locator('[data-testid="scan-image"]').setInputFiles(qrPng)
    const ticket = page.locator('[data-testid="ticket-entry"]')
    await ticket.waitFor({ timeout: 20_000 })
    expect(await ticket.innerText()).toContain(`扎票 ${formatTicketCode(scannedCode)}：织网 10 件`)
    expect(await page.locator('[data-testid="field-accepted"]').innerText()).toContain('10')
    expect(await overflow()).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-ticket-scanned')
    await page.locator('[data-testid="collect-done"]').click()
    await expect.poll(() => page.locator('[data-testid="queue-count"]').innerText(), { timeout: 30_000 }).toBe('全部已同步')

    const answer = (await (
      await fetch(`${product.baseUrl}/api/piecework/tickets/list?workshopId=${workshopId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      tickets: { code: string; collected: { byName: string } | null }[]
    }
    expect(answer.tickets.find((t) => t.code === scannedCode)?.collected?.byName).toBe(HEAD)

    // The second scan of the same ticket: refused, saying when and by whom.
    await page.locator('[data-testid="scan-image"]').setInputFiles(qrPng)
    const refused = page.locator('[data-testid="scan-problem"]')
    await refused.waitFor({ timeout: 20_000 })
    expect(await refused.innerText()).toMatch(new RegExp(`扎票 ${formatTicketCode(scannedCode)} 已经收过了：\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 由${HEAD}登记`))
    expect(await page.locator('[data-testid="collect-form"]').count()).toBe(0)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-ticket-refused')
  })

  it('choosing a household with no material for the operation warns before any count is typed', async () => {
    const { page } = browser
    await page.locator('[data-testid="household"]', { hasText: '何淑英' }).first().click()
    const warning = page.locator('[data-testid="no-material"]')
    await warning.waitFor({ timeout: 10_000 })
    expect(await warning.innerText()).toContain('何淑英还没有领「尼龙网线」')
    expect(await page.locator('[data-testid="field-accepted"]').innerText()).toContain('0')
    expect(await overflow()).toBeLessThanOrEqual(0)
    await screenshot(page, 'piecework-no-material')
  })
})
