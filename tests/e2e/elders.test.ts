/**
 * Elders: every main page — the tab pages and each subpackage's pages, read from
 * miniapp/src/app.config.ts so a new page is checked without anyone adding it — at 375 px with
 * the in-app 大字 setting on: no horizontal overflow, no text cut off, tap targets ≥ 44 px, body
 * text ≥ 16 px, and axe-core with no serious or critical violation. Screenshots in tests/artifacts.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { chromiumPath, openBrowser, screenshot, startProduct, type Browser, type Product } from './harness'

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
  if (/workshop/.test(page)) return DEMO_PEOPLE.workshopHead
  return DEMO_PEOPLE.secretary
}

/** Truncation that is deliberate (a long name ellipsised in a one-line list cell), by selector. */
const INTENTIONAL_TRUNCATION = ['.nut-ellipsis', '.xy-ellipsis']

interface PageFindings {
  overflow: number
  cutOff: string[]
  smallTargets: string[]
  smallText: string[]
  axe: string[]
}

describe.skipIf(!chromiumPath)('every main page for elders: 375 px, 大字 on', () => {
  let product: Product
  let browser: Browser
  const results = new Map<string, PageFindings>()
  const pages = mainPages()

  /** Query the feature pages expect (village, workshop), per persona, read through the API. */
  const params = new Map<string, string>()
  const sessions = new Map<string, { token: string; expiresAt: string }>()

  beforeAll(async () => {
    product = await startProduct()
    // axe goes in as an inline script, which the app's own CSP refuses (tests/e2e/safe-defaults proves that CSP).
    browser = await openBrowser({ width: 375, height: 812, bypassCSP: true })
    const { personas } = (await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: { personId: string; name: string }[] }
    for (const name of new Set(pages.map(personaFor))) {
      const persona = personas.find((p) => p.name === name)
      if (!persona) continue
      const session = (await (await fetch(`${product.baseUrl}/api/auth/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: persona.personId }) })).json()) as {
        token: string
        expiresAt: string
        me: { memberships: { villageId: string }[] }
      }
      sessions.set(name, { token: session.token, expiresAt: session.expiresAt })
      const workshops = (await (await fetch(`${product.baseUrl}/api/piecework/workshops/list`, { headers: { authorization: `Bearer ${session.token}` } })).json()) as { workshops?: { id: string }[] }
      const query = new URLSearchParams()
      const villageId = session.me.memberships[0]?.villageId
      if (villageId) query.set('villageId', villageId)
      const workshopId = workshops.workshops?.[0]?.id
      if (workshopId) query.set('workshopId', workshopId)
      params.set(name, query.toString())
    }
  })
  afterAll(async () => {
    const lines = [...results].map(
      ([page, f]) =>
        `${page.padEnd(34)} overflow ${f.overflow}px · cut ${f.cutOff.length} · small targets ${f.smallTargets.length} · small text ${f.smallText.length} · axe serious/critical ${f.axe.length}`,
    )
    const details = [...results].flatMap(([page, f]) => [...f.axe, ...f.smallText, ...f.smallTargets, ...f.cutOff].map((d) => `  ${page}: ${d}`))
    console.log(`\n[elders] ${results.size} pages at 375 px with 大字\n${lines.join('\n')}\n${details.join('\n')}\n`)
    await browser?.close()
    await product?.stop()
  })

  it('finds the tab pages and the feature subpackages in app.config.ts', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5)
    expect(pages.some((p) => p.startsWith('packages/'))).toBe(true)
  })

  it.each(pages)('%s', async (pagePath) => {
    const { page } = browser
    const persona = personaFor(pagePath)
    const session = sessions.get(persona)
    if (!session) throw new Error(`no session for ${persona}`)
    if (!page.url().startsWith(product.baseUrl)) await page.goto(`${product.baseUrl}/`)
    // Signed in as the page's person, and the 大字 switch of 我的 on: the keys the app itself
    // writes through Taro's storage (on H5, JSON `{ data }` in localStorage).
    await page.evaluate((s) => {
      localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
      localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
      localStorage.setItem('xy.largeFont', JSON.stringify({ data: true }))
    }, session)
    const query = pagePath.startsWith('packages/') ? params.get(persona) : ''
    await page.goto(`${product.baseUrl}/#/${pagePath}${query ? `?${query}` : ''}`)
    await page.reload()
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await page.waitForTimeout(600)
    await screenshot(page, `elders-${pagePath.replace(/\/index$/, '').replace(/\//g, '-')}`)

    const findings = await page.evaluate((intentional: string[]) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        const s = getComputedStyle(el)
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0
      }
      const label = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`
      const doc = document.documentElement
      const overflow = Math.max(doc.scrollWidth, document.body.scrollWidth) - doc.clientWidth
      const cutOff: string[] = []
      const smallText: string[] = []
      for (const el of document.querySelectorAll('body *')) {
        if (!visible(el) || el.closest('.taro-tabbar__tabbar, .weui-tabbar')) continue
        const s = getComputedStyle(el)
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 0)
        if (ownText && parseFloat(s.fontSize) < 16) smallText.push(`${label(el)} ${s.fontSize}`)
        const clips = s.overflow.includes('hidden') || s.overflowX.includes('hidden') || s.textOverflow === 'ellipsis'
        if (clips && ownText && el.scrollWidth > el.clientWidth + 1 && !intentional.some((sel) => el.matches(sel))) cutOff.push(label(el))
      }
      const smallTargets: string[] = []
      const targets = 'button, a[href], [role=button], [role=tab], [role=switch], [role=radio], [role=checkbox], taro-button-core, .nut-button, .nut-cell--clickable, .taro-tabbar__tabbar-item, .weui-tabbar__item, .nut-switch, .nut-checkbox, .nut-radio'
      for (const el of document.querySelectorAll(targets)) {
        if (!visible(el)) continue
        const r = el.getBoundingClientRect()
        if (r.height < 44 || r.width < 44) smallTargets.push(`${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}`)
      }
      return { overflow, cutOff, smallText: smallText.slice(0, 15), smallTargets }
    }, INTENTIONAL_TRUNCATION)

    await page.addScriptTag({ path: axePath })
    const axe = await page.evaluate(async () => {
      const runner = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe
      const result = await runner.run(document, { resultTypes: ['violations'] })
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes, e.g. ${String(v.nodes[0]?.target[0] ?? '')})`)
    })
    const pageFindings: PageFindings = { ...findings, axe }
    results.set(pagePath, pageFindings)
    expect(pageFindings.overflow, `${pagePath} scrolls sideways`).toBeLessThanOrEqual(0)
    const failing = [
      ...pageFindings.axe.map((v) => v.split(' ')[0] ?? v),
      ...(pageFindings.smallTargets.length ? ['tap-target'] : []),
      ...(pageFindings.smallText.length ? ['small-text'] : []),
      ...(pageFindings.cutOff.length ? ['cut-off'] : []),
    ]
    // No allowance list: every page passes every check, and a new page or regression fails here.
    expect(
      failing,
      `${pagePath}: ${JSON.stringify({ cutOff: pageFindings.cutOff, smallTargets: pageFindings.smallTargets, smallText: pageFindings.smallText, axe: pageFindings.axe })}`,
    ).toEqual([])
  })
})
