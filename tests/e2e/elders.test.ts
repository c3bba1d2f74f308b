/**
 * Elders: every main page — the tab pages and each subpackage's pages, read from
 * miniapp/src/app.config.ts so a new page is checked without anyone adding it — at 375 px twice:
 * with the in-app 大字 setting on, and with the browser's default font at 2× (an elderly
 * villager's phone, 大字 off). Each time: nothing wider than the screen, no text cut off or
 * spilling out of a fixed-height box, tap targets ≥ 44 px, no text smaller than the page's body
 * text (which is 16 px at the default size, so nothing is below 16 px anywhere), and axe-core with
 * no serious or critical violation (contrast included). One server and one browser for both
 * passes: the browser's font size is switched through DevTools, as its settings page would.
 * Screenshots in tests/artifacts: elders-<page>.png (大字) and elders-2x-<page>.png (2× font).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import type { CDPSession } from 'playwright-core'
import { chromiumPath, openBrowser, screenshot, startProduct, type Browser, type Product, leaveApp } from './harness'

const root = path.resolve(import.meta.dirname, '..', '..')
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Pages listed in app.config.ts: tab pages and every subpackage page (login is not a main page). */
function mainPages(): string[] {
  const config = readFileSync(path.join(root, 'miniapp', 'src', 'app.config.ts'), 'utf8')
  const pagesBlock = /pages:\s*\[([^\]]*)\]/.exec(config)?.[1] ?? ''
  const pages = [...pagesBlock.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '').filter((p) => p && !p.includes('login'))
  for (const sub of config.matchAll(/root:\s*'([^']+)'\s*,\s*pages:\s*\[([^\]]*)\]/g)) {
    for (const page of (sub[2] ?? '').matchAll(/'([^']+)'/g)) pages.push(`${sub[1]}/${page[1]}`)
  }
  return pages
}

/** Who would open the page: the person whose work it is. */
function personaFor(page: string): string {
  if (/garden/.test(page)) return DEMO_PEOPLE.gardenSteward
  if (/piecework/.test(page)) return DEMO_PEOPLE.workshopHead
  return DEMO_PEOPLE.secretary
}

/** Truncation that is deliberate (a long name ellipsised in a one-line list cell), by selector. */
const INTENTIONAL_TRUNCATION = ['.nut-ellipsis', '.xy-ellipsis']

interface Mode {
  name: string
  /** The in-app 大字 switch. */
  large: boolean
  /** The browser's default font size, px (Chromium's own default is 16). */
  browserFont: number
  shotPrefix: string
}

const MODES: Mode[] = [
  { name: '375 px with 大字', large: true, browserFont: 16, shotPrefix: 'elders-' },
  { name: '375 px at 2× browser font', large: false, browserFont: 32, shotPrefix: 'elders-2x-' },
]

interface PageFindings {
  overflow: string[]
  cutOff: string[]
  smallTargets: string[]
  smallText: string[]
  axe: string[]
}

describe.skipIf(!chromiumPath)('every main page for elders', () => {
  let product: Product
  let browser: Browser
  let devtools: CDPSession
  const results = new Map<string, PageFindings>()
  const pages = mainPages()

  /** Query the feature pages expect (village, workshop), per persona, read through the API. */
  const params = new Map<string, string>()
  const sessions = new Map<string, { token: string; expiresAt: string }>()

  /**
   * The land pages open on real records, as the secretary reaches them: the demo's open meeting
   * (control, change, meeting), its open motion (the ballot) and the village's notice in force
   * (notice, correct): this year's if published, else the newest past year's. Without them those
   * pages would only show their missing-id state.
   */
  async function landIds(token: string, villageId: string): Promise<Record<string, string>> {
    const get = async <T>(pathAndQuery: string): Promise<T> =>
      (await (await fetch(`${product.baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T
    const { awardYear } = await get<{
      awardYear?: { meetings: { id: string; status: string; motions: { id: string; status: string }[] }[]; notice: { id: string } | null } | null
    }>(`/api/land/years/current?villageId=${villageId}`)
    if (!awardYear) return {}
    const ids: Record<string, string> = {}
    const meeting = awardYear.meetings.find((m) => m.status === 'open') ?? awardYear.meetings[0]
    if (meeting) ids.meetingId = meeting.id
    const motion = meeting?.motions.find((m) => m.status === 'open') ?? meeting?.motions[0]
    if (motion) ids.motionId = motion.id
    const years = await get<{ years?: { noticeId: string | null }[] }>(`/api/land/years/list?villageId=${villageId}`)
    const noticeId = awardYear.notice?.id ?? years.years?.find((y) => y.noticeId !== null)?.noticeId
    if (noticeId) ids.noticeId = noticeId
    return ids
  }

  beforeAll(async () => {
    product = await startProduct()
    // axe goes in as an inline script, which the app's own CSP refuses (tests/e2e/safe-defaults proves that CSP).
    browser = await openBrowser({ width: 375, height: 812, bypassCSP: true })
    devtools = await browser.context.newCDPSession(browser.page)
    await devtools.send('Page.enable')
    const { personas } = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: { personId: string; name: string }[] }
    for (const name of new Set(pages.map(personaFor))) {
      const persona = personas.find((p) => p.name === name)
      if (!persona) continue
      const session = (await (
        await fetch(`${product.baseUrl}/api/auth/demo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personId: persona.personId }),
        })
      ).json()) as {
        token: string
        expiresAt: string
        me: { memberships: { villageId: string }[] }
      }
      sessions.set(name, { token: session.token, expiresAt: session.expiresAt })
      const workshops = (await (
        await fetch(`${product.baseUrl}/api/piecework/workshops/list`, { headers: { authorization: `Bearer ${session.token}` } })
      ).json()) as { workshops?: { id: string }[] }
      const query = new URLSearchParams()
      const villageId = session.me.memberships[0]?.villageId
      if (villageId) query.set('villageId', villageId)
      const workshopId = workshops.workshops?.[0]?.id
      if (workshopId) query.set('workshopId', workshopId)
      if (villageId) for (const [key, id] of Object.entries(await landIds(session.token, villageId))) query.set(key, id)
      params.set(name, query.toString())
    }
  })
  afterAll(async () => {
    const lines = [...results].map(
      ([page, f]) =>
        `${page.padEnd(48)} overflow ${f.overflow.length} · cut ${f.cutOff.length} · small targets ${f.smallTargets.length} · small text ${f.smallText.length} · axe serious/critical ${f.axe.length}`,
    )
    const details = [...results].flatMap(([page, f]) => [...f.overflow, ...f.axe, ...f.smallText, ...f.smallTargets, ...f.cutOff].map((d) => `  ${page}: ${d}`))
    console.log(`\n[elders] ${results.size} page checks at 375 px (大字; 2× browser font)\n${lines.join('\n')}\n${details.join('\n')}\n`)
    await browser?.close()
    await product?.stop()
  })

  it('opens the land pages on the demo’s open meeting, its open motion and a notice', () => {
    const land = new URLSearchParams(params.get(DEMO_PEOPLE.secretary) ?? '')
    expect(land.get('meetingId')).toMatch(/^[0-9a-f-]{36}$/)
    expect(land.get('motionId')).toMatch(/^[0-9a-f-]{36}$/)
    expect(land.get('noticeId')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('finds the tab pages and the feature subpackages in app.config.ts', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5)
    expect(pages.some((p) => p.startsWith('packages/'))).toBe(true)
  })

  describe.each(MODES)('$name', (mode) => {
    beforeAll(async () => {
      await devtools.send('Page.setFontSizes', { fontSizes: { standard: mode.browserFont, fixed: Math.round((mode.browserFont * 13) / 16) } })
    })

    it.each(pages)('%s', async (pagePath) => {
      const { page } = browser
      const persona = personaFor(pagePath)
      const session = sessions.get(persona)
      if (!session) throw new Error(`no session for ${persona}`)
      await leaveApp(page, product.baseUrl)
      // Signed in as the page's person, and the 大字 switch of 我的 as the mode says: the keys the
      // app itself writes through Taro's storage (on H5, JSON `{ data }` in localStorage).
      await page.evaluate(
        ({ s, large }) => {
          localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
          localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
          localStorage.setItem('xy.largeFont', JSON.stringify({ data: large }))
        },
        { s: session, large: mode.large },
      )
      const query = pagePath.startsWith('packages/') ? params.get(persona) : ''
      await page.goto(`${product.baseUrl}/#/${pagePath}${query ? `?${query}` : ''}`)
      await page.waitForLoadState('networkidle').catch(() => undefined)
      await page.waitForTimeout(400)
      // The page scrolls inside Taro's fixed-height shell, so a full-page shot shows one screen:
      // the window is made as tall as the page for the shot, then put back.
      const pageHeight = await page.evaluate(() => {
        const scroller = [...document.querySelectorAll('.taro_page')].find((el) => getComputedStyle(el).display !== 'none')
        const tabBar = document.querySelector('.taro-tabbar__tabbar')
        return (scroller?.scrollHeight ?? 812) + (tabBar && getComputedStyle(tabBar).display !== 'none' ? tabBar.getBoundingClientRect().height : 0)
      })
      await page.setViewportSize({ width: 375, height: Math.min(6000, Math.max(812, Math.ceil(pageHeight))) })
      await screenshot(page, `${mode.shotPrefix}${pagePath.replace(/\/index$/, '').replace(/\//g, '-')}`)
      await page.setViewportSize({ width: 375, height: 812 })
      // The ballot, the notice and the control page are checked as they really read, not as an error.
      if (/^packages\/land\/(vote|notice|control)\//.test(pagePath)) {
        expect(await page.locator('[data-testid="error-notice"]').count(), `${pagePath} shows an error instead of the page`).toBe(0)
        expect(await page.locator('[data-testid="loading"]').count(), `${pagePath} is still loading`).toBe(0)
      }

      const findings = await page.evaluate(
        ({ intentional, relativeText }: { intentional: string[]; relativeText: boolean }) => {
          const visible = (el: Element) => {
            const r = el.getBoundingClientRect()
            const s = getComputedStyle(el)
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0
          }
          const label = (el: Element) =>
            `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`
          const viewport = document.documentElement.clientWidth
          const pageRoot = [...document.querySelectorAll('.xy-page')].find(visible)
          // With 大字 every size is the default one × 1.25, so text smaller than the page's body text
          // (20 px) is text below 16 px for everyone else. At 2× browser font, 16 px is the floor.
          const bodyPx = pageRoot ? parseFloat(getComputedStyle(pageRoot).fontSize) : 16
          const minText = (relativeText ? Math.max(16, bodyPx) : 16) - 0.05
          const overflow: string[] = []
          const docOverflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - viewport
          if (docOverflow > 0) overflow.push(`document ${docOverflow}px wider than the screen`)
          const cutOff: string[] = []
          const smallText: string[] = []
          for (const el of document.querySelectorAll('body *')) {
            if (!visible(el)) continue
            const s = getComputedStyle(el)
            const r = el.getBoundingClientRect()
            if (s.position !== 'fixed' && (r.right > viewport + 1 || r.left < -1) && !el.closest('.taro-tabbar__tabbar')) {
              // Only the outermost: its children are past the edge because it is.
              const parent = el.parentElement
              const parentOut = parent ? parent.getBoundingClientRect().right > viewport + 1 || parent.getBoundingClientRect().left < -1 : false
              if (!parentOut) overflow.push(`${label(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}px`)
            }
            const texts = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 0)
            if (texts.length === 0) continue
            // On the page, nothing smaller than its body text; outside it (Taro's tab bar), 16 px.
            if (parseFloat(s.fontSize) < (pageRoot?.contains(el) ? minText : 15.95)) smallText.push(`${label(el)} ${s.fontSize} (body ${bodyPx}px)`)
            if (intentional.some((sel) => el.matches(sel))) continue
            const clips = s.overflow.includes('hidden') || s.overflowX.includes('hidden') || s.textOverflow === 'ellipsis'
            if (clips && el.scrollWidth > el.clientWidth + 1) {
              cutOff.push(`${label(el)} (clipped sideways)`)
              continue
            }
            // Squeezed into a column too narrow for it: one character a line ("赵/凤/霞", "1/4").
            const fontPx = parseFloat(s.fontSize)
            const squeezed = texts.some((text) => {
              if ((text.textContent ?? '').trim().length < 2) return false
              const range = document.createRange()
              range.selectNodeContents(text)
              const box = range.getBoundingClientRect()
              return box.height >= 1.8 * fontPx && box.width < 1.2 * fontPx
            })
            if (squeezed) {
              cutOff.push(`${label(el)} (one character a line)`)
              continue
            }
            // The text's own box against the boxes that contain it: a fixed height that clips it
            // (overflow hidden) or that it spills out of (onto whatever is below).
            for (const text of texts) {
              const range = document.createRange()
              range.selectNodeContents(text)
              const t = range.getBoundingClientRect()
              if (t.height === 0) continue
              let box: Element | null = el
              let why = ''
              while (box && box !== document.body && !why) {
                const bs = getComputedStyle(box)
                const b = box.getBoundingClientRect()
                const clipsY = ['hidden', 'clip'].includes(bs.overflowY)
                const clipsX = ['hidden', 'clip'].includes(bs.overflowX)
                if (clipsY && (t.bottom > b.bottom + 1 || t.top < b.top - 1)) why = `clipped by ${label(box)}`
                else if (clipsX && (t.right > b.right + 1 || t.left < b.left - 1)) why = `clipped sideways by ${label(box)}`
                // A glyph's box is taller than a tight line; half a line out is a line that does not fit.
                else if (box === el && bs.display !== 'inline' && t.bottom > b.bottom + parseFloat(s.fontSize) / 2)
                  why = `spills ${Math.round(t.bottom - b.bottom)}px out of its box`
                if (bs.overflowY === 'auto' || bs.overflowY === 'scroll') break
                box = box.parentElement
              }
              if (why) {
                cutOff.push(`${label(el)} ${why}`)
                break
              }
            }
          }
          const smallTargets: string[] = []
          const targets =
            'button, a[href], [role=button], [role=tab], [role=switch], [role=radio], [role=checkbox], taro-button-core, .nut-button, .nut-cell--clickable, .taro-tabbar__tabbar-item, .weui-tabbar__item, .nut-switch, .nut-checkbox, .nut-radio'
          for (const el of document.querySelectorAll(targets)) {
            if (!visible(el)) continue
            const r = el.getBoundingClientRect()
            if (r.height < 44 || r.width < 44) smallTargets.push(`${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}`)
          }
          return { overflow: overflow.slice(0, 10), cutOff: cutOff.slice(0, 15), smallText: smallText.slice(0, 15), smallTargets }
        },
        { intentional: INTENTIONAL_TRUNCATION, relativeText: mode.large },
      )

      await page.addScriptTag({ path: axePath })
      const axe = await page.evaluate(async () => {
        const runner = (
          window as unknown as {
            axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> }
          }
        ).axe
        const result = await runner.run(document, { resultTypes: ['violations'] })
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes, e.g. ${String(v.nodes[0]?.target[0] ?? '')})`)
      })
      const pageFindings: PageFindings = { ...findings, axe }
      results.set(`${pagePath} (${mode.large ? '大字' : '2×'})`, pageFindings)
      const failing = [
        ...(pageFindings.overflow.length ? ['overflow'] : []),
        ...pageFindings.axe.map((v) => v.split(' ')[0] ?? v),
        ...(pageFindings.smallTargets.length ? ['tap-target'] : []),
        ...(pageFindings.smallText.length ? ['small-text'] : []),
        ...(pageFindings.cutOff.length ? ['cut-off'] : []),
      ]
      // No allowance list: every page passes every check, and a new page or regression fails here.
      expect(failing, `${pagePath} (${mode.name}): ${JSON.stringify(pageFindings)}`).toEqual([])
    })
  })
})
