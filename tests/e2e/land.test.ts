import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactsDir, chromiumPath, loginAs, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((candidate) => existsSync(candidate))

const SECRETARY = '青明'

interface Persona {
  personId: string
  name: string
  villageName: string
  roles: string[]
}
interface CurrentYear {
  awardYear: { id: string; villageId: string; meetings: { id: string; motions: { id: string; status: string; candidateIds: string[] }[] }[] }
}

describe.skipIf(!chromiumPath)('land awards: a villager votes in the app, the secretary enters hands, closes and publishes', () => {
  let product: Product
  let villagerBrowser: Browser
  let secretaryBrowser: Browser
  let strangerBrowser: Browser | undefined
  let token = ''
  let villager: Persona | undefined

  async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${product.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    expect(response.status, `${path}: ${text}`).toBeLessThan(300)
    return JSON.parse(text) as T
  }

  beforeAll(async () => {
    product = await startProduct()
    const { personas } = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }
    const secretary = personas.find((persona) => persona.name === SECRETARY)
    villager = personas.find((persona) => persona.villageName === '高井嘎查' && persona.roles.every((role) => role === 'villager' || role === 'household_rep'))
    expect(villager).toBeDefined()
    const login = await fetch(`${product.baseUrl}/api/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: secretary?.personId }),
    })
    token = ((await login.json()) as { token: string }).token
    villagerBrowser = await openBrowser()
    secretaryBrowser = await openBrowser()
  })
  afterAll(async () => {
    await villagerBrowser?.close()
    await secretaryBrowser?.close()
    await strangerBrowser?.close()
    await product?.stop()
  })

  it('shows 您已投票 to the villager and the published notice to everyone', async () => {
    // The secretary opens today's seeded meeting and its whole-list motion, and calls the roll.
    const me = await api<{ memberships: { villageId: string; villageName: string }[] }>('GET', '/api/me')
    const villageId = me.memberships.find((membership) => membership.villageName === '高井嘎查')?.villageId ?? ''
    const { awardYear } = await api<CurrentYear>('GET', `/api/land/years/current?villageId=${villageId}`)
    const meeting = awardYear.meetings[0]
    const motion = meeting?.motions[0]
    if (!meeting || !motion) throw new Error('the demo has no meeting')
    await api('POST', '/api/land/meetings/open', { meetingId: meeting.id })
    const roster = await api<{ people: { personId: string }[] }>('GET', `/api/land/meetings/roster?meetingId=${meeting.id}`)
    await api('POST', '/api/land/meetings/roll-call', {
      meetingId: meeting.id,
      personIds: roster.people.map((person) => person.personId).filter((id) => id !== villager?.personId),
    })
    await api('POST', '/api/land/motions/open', { motionId: motion.id })

    // Both sign in through the demo persona picker; the villager reads with 大字 on, as elders do.
    const { page } = villagerBrowser
    const sec = secretaryBrowser.page
    await loginAs(sec, product.baseUrl, SECRETARY)
    await loginAs(page, product.baseUrl, villager?.name ?? '')
    await page.evaluate(() => localStorage.setItem('xy.largeFont', JSON.stringify({ data: true })))

    // The villager checks in and votes on the phone.
    await page.goto(`${product.baseUrl}/#/pages/vote/index`)
    await page.locator('[data-testid="open-meeting-page"]').click()
    await page.locator('[data-testid="check-in"]').click()
    await page.locator('[data-testid="checked-in"]').waitFor({ timeout: 20_000 })
    // With 大字 the 去投票 label runs to two lines: the button grows instead of cutting it off, and
    // the 您已签到 box is a block below the meeting card, not an inline span over it.
    const layout = await page.evaluate(() => {
      const box = (id: string) => document.querySelector(`[data-testid="${id}"]`)
      const checked = box('checked-in')?.getBoundingClientRect()
      const card = box('meeting-status')?.closest('.xy-card')?.getBoundingClientRect()
      const button = box('go-vote')
      return {
        checkedInBelowCard: checked && card ? checked.top >= card.bottom - 0.5 : false,
        // A few px of line-height rounding is not a cut line; a fixed height cut off a whole line (30+ px).
        buttonCut: button ? button.scrollHeight > button.clientHeight + 4 : true,
        sizes: button ? `${button.scrollHeight}/${button.clientHeight}` : 'none',
        buttonTall: (button?.getBoundingClientRect().height ?? 0) >= 64,
      }
    })
    await screenshot(page, 'land-meeting-checked-in-large-font')
    expect(layout, layout.sizes).toMatchObject({ checkedInBelowCard: true, buttonCut: false, buttonTall: true })
    await page.locator('[data-testid="go-vote"]').click()
    await page.locator('[data-testid="not-voted"]').waitFor({ timeout: 20_000 })
    // The ballot says what is voted on: the motion, and every household with its head and deed.
    expect(await page.locator('[data-testid="ballot-motion-title"]').innerText()).toContain('移风易俗先进典型')
    const candidates = page.locator('[data-testid="ballot-candidate"]')
    await candidates.first().waitFor({ timeout: 20_000 })
    expect(await candidates.count()).toBe(motion.candidateIds.length)
    expect(await candidates.first().innerText()).toMatch(/户主：.+，\d+岁/)
    expect(await candidates.first().innerText()).toContain('事迹：')
    await screenshot(page, 'land-ballot-large-font')
    await page.locator('[data-testid="choose-for"]').click()
    // Choosing is not voting: nothing is recorded until the confirmation.
    expect((await api<{ tally: { votedInApp: number } }>('GET', `/api/land/motions/tally?motionId=${motion.id}`)).tally.votedInApp).toBe(0)
    await page.locator('[data-testid="confirm-vote"]').click()
    await expect.poll(() => page.locator('[data-testid="vote-confirmation"]').innerText(), { timeout: 20_000 }).toBe('您已投票：同意')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'land-voted')

    // The secretary enters the raised hands, closes the motion and the meeting, and publishes.
    const before = await api<{ tally: { maxHands: number; votedInApp: number; present: number } }>('GET', `/api/land/motions/tally?motionId=${motion.id}`)
    expect(before.tally.votedInApp).toBe(1)
    await sec.goto(`${product.baseUrl}/#/packages/land/control/index?meetingId=${meeting.id}&villageId=${villageId}`)
    await sec.locator('[data-testid="tally-max-hands"]').waitFor({ timeout: 20_000 })
    expect(await sec.locator('[data-testid="tally-max-hands"]').innerText()).toContain(`${before.tally.maxHands}人`)
    const fill = async (testId: string, value: string) => {
      const box = sec.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first()
      await box.fill(value)
    }
    // One hand too many is refused with the arithmetic on screen.
    await fill('hands-for', String(before.tally.maxHands + 1))
    await fill('hands-against', '0')
    await fill('hands-abstain', '0')
    await sec.locator('[data-testid="enter-hands"]').click()
    await expect.poll(() => sec.locator('[data-testid="error-notice"]').getAttribute('data-error-code'), { timeout: 20_000 }).toBe('vote_hands_exceed_present')
    await fill('hands-for', String(before.tally.maxHands - 2))
    await fill('hands-against', '1')
    await fill('hands-abstain', '1')
    await sec.locator('[data-testid="enter-hands"]').click()
    await expect.poll(() => sec.locator('[data-testid="tally-for"]').first().innerText(), { timeout: 20_000 }).toContain(`${before.tally.maxHands - 1}人`)
    await screenshot(sec, 'land-live-tally')
    // While voting is open nothing reads like a result.
    expect(await sec.locator('[data-testid="tally-verdict"]').first().innerText()).toContain('表决中')
    // Closing, adjourning and publishing each ask once.
    await sec.locator('[data-testid="close-motion"]').click()
    await sec.locator('[data-testid="close-motion-confirm-box"]').waitFor({ timeout: 20_000 })
    await screenshot(sec, 'land-close-motion-confirm')
    await sec.locator('[data-testid="close-motion-confirm"]').click()
    await sec.locator('[data-testid="motion-closed"]').waitFor({ timeout: 20_000 })
    await sec.locator('[data-testid="close-meeting"]').click()
    await sec.locator('[data-testid="close-meeting-confirm"]').click()
    // One step at a time, as the secretary would: the meeting is closed before publishing.
    await sec.locator('[data-testid="close-meeting"]').waitFor({ state: 'detached', timeout: 20_000 })
    await sec.locator('[data-testid="publish"]').click()
    await sec.locator('[data-testid="publish-confirm"]').click()
    await sec.locator('[data-testid="notice-title"]').waitFor({ timeout: 20_000 })
    expect(await sec.locator('[data-testid="notice-awards"]').innerText()).toContain('地块')
    expect(await sec.locator('[data-testid="notice-qr"]').count()).toBe(1)
    const noticeUrl = (await sec.locator('[data-testid="notice-url"]').innerText()).replace(/^扫码查看网上公示：/, '').trim()
    expect(noticeUrl).toContain('/packages/land/notice/index?noticeId=')

    // The paper for the bulletin board: every page prints, the verdict, how to object and the QR URL on it.
    mkdirSync(artifactsDir, { recursive: true })
    const pdfPath = path.join(artifactsDir, 'land-notice.pdf')
    let scannedUrl = noticeUrl
    await sec.waitForTimeout(700)
    await sec.pdf({ path: pdfPath, format: 'A4', printBackground: true })
    const printed = await sec.evaluate(() => {
      const end = document.querySelector('[data-testid="notice-end"]')
      return { endHeight: end?.getBoundingClientRect().height ?? 0 }
    })
    expect(printed.endHeight).toBeGreaterThan(0)
    if (pdftotext) {
      const text = execFileSync(pdftotext, ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ')
      const pages = text.split('\f').filter((pageText) => pageText.trim().length > 0)
      expect(pages.length, text).toBeGreaterThan(1)
      expect(text).toContain('未表态')
      expect(text).toContain('结论')
      expect(text).toMatch(/通过：同意\d+人/)
      expect(text).toContain('对公示内容有异议的')
      // A long URL may wrap across lines on paper: compare without line breaks.
      expect(text.replace(/\s+/g, '')).toContain(noticeUrl.replace(/\s+/g, ''))
      // The QR code and its URL end the last page, after the verdict.
      const last = pages.at(-1) ?? ''
      expect(last.replace(/\s+/g, '')).toContain('扫码查看网上公示')
      // What a phone's camera reads off the paper: the last page as an image, its QR decoded.
      if (existsSync('/usr/bin/pdftoppm') && existsSync('/usr/bin/zbarimg')) {
        const image = path.join(artifactsDir, 'land-notice-last-page')
        execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '150', '-f', String(pages.length), '-l', String(pages.length), '-singlefile', pdfPath, image])
        scannedUrl = execFileSync('/usr/bin/zbarimg', ['--raw', '-q', `${image}.png`], { encoding: 'utf8' }).trim()
        expect(scannedUrl).toBe(noticeUrl)
      } else if (process.env.CI === 'true') throw new Error('pdftoppm or zbarimg (zbar-tools) is missing: the printed QR code cannot be read back')
    } else {
      // CI installs poppler-utils: there a missing reader is a broken setup, not a skip.
      if (process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is missing: the printed notice cannot be read back')
      console.warn('[land] pdftotext not installed: checked the print layout only')
    }
    await sec.emulateMedia({ media: 'print' })
    const printLayout = await sec.evaluate(() => {
      const qr = document.querySelector('[data-testid="notice-qr"]')
      const clipped = [...document.querySelectorAll('body *')].filter((el) => {
        const style = getComputedStyle(el)
        return el.contains(qr) && (style.overflow.includes('hidden') || style.overflowY.includes('hidden')) && el.scrollHeight > el.clientHeight + 1
      })
      return { clipped: clipped.map((el) => `${el.tagName}.${el.className}`), qrVisible: (qr?.getBoundingClientRect().height ?? 0) > 0 }
    })
    expect(printLayout, JSON.stringify(printLayout)).toEqual({ clipped: [], qrVisible: true })
    await sec.emulateMedia({ media: 'screen' })

    // Anyone who scans the QR code at the bulletin board reads the notice: a phone that never logged in.
    strangerBrowser = await openBrowser()
    const stranger = strangerBrowser.page
    // Straight to the scanned address (no visit to 首页 first), then 大字 on, as the phone's owner would have it.
    await stranger.goto(scannedUrl.replace(/^https?:\/\/[^/]+/, product.baseUrl))
    await stranger.locator('[data-testid="notice-public"]').waitFor({ timeout: 20_000 })
    await stranger.evaluate(() => localStorage.setItem('xy.largeFont', JSON.stringify({ data: true })))
    await stranger.reload()
    await stranger.locator('[data-testid="notice-public"]').waitFor({ timeout: 20_000 })
    expect(await stranger.locator('[data-testid="notice-title"]').innerText()).toContain('高井嘎查')
    // The village meeting's list: the demo leaves two more households to the representatives' meeting.
    expect(await stranger.locator('[data-testid="notice-awards"] .land-row').count()).toBe(motion.candidateIds.length)
    expect(await stranger.locator('[data-testid="notice-how-to"]').innerText()).toContain('异议')
    expect(await stranger.locator('[data-testid="login-page"]').count()).toBe(0)
    await screenshot(stranger, 'land-notice-public-large-font')
    // …and a villager among them who logs in comes back to this notice, not to 首页.
    await stranger.locator('[data-testid="notice-login"]').click()
    await stranger.locator('[data-testid="login-page"]').waitFor({ timeout: 20_000 })
    await stranger
      .getByText(villager?.name ?? '', { exact: false })
      .first()
      .click()
    await stranger.locator('[data-testid="file-objection"]').waitFor({ timeout: 20_000 })
    expect(stranger.url()).toContain('/packages/land/notice/index')

    // The villager opens the app again later and sees the notice from the 表决 tab.
    await page.goto(`${product.baseUrl}/#/pages/vote/index`)
    await page.reload()
    await page
      .getByRole('button', { name: /结果公示/ })
      .first()
      .dispatchEvent('click')
    await page.locator('[data-testid="notice-title"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="notice-title"]').innerText()).toContain('高井嘎查')
    expect(await page.locator('[data-testid="notice-awards"] .land-row').count()).toBe(motion.candidateIds.length)
    await screenshot(page, 'land-notice')
    const overflowNotice = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflowNotice).toBeLessThanOrEqual(0)
  })
})
