/**
 * The land jobs of issue 14 that had no screen, each done in the browser by the person whose job
 * it is: a council member nominates with a photo fed from a file (shrunk on the phone before it
 * travels); a household applies for itself; the secretary runs the ranking motion when twelve are
 * approved for land enough for ten; the secretary corrects a confirmed notice; the secretary
 * postpones a meeting and a villager reads why. Every screen is shot at 375 px with 大字 and again
 * at twice the browser's font, and checked for sideways overflow.
 *
 * The product runs on Postgres here (the local server unless TEST_DATABASE_URL names one): a
 * confirmed notice needs its 7 days to have passed, and only an outside connection can move a
 * notice's end date into the past.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath, openBrowser, screenshot, startProduct, type Browser, type Product, leaveApp } from './harness'
import { DEMO_PEOPLE } from '../../db/seed/demo'

const SECRETARY = DEMO_PEOPLE.secretary
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test'

interface Persona {
  personId: string
  name: string
  villageName: string
  roles: string[]
}
interface Motion {
  id: string
  kind: string
  status: string
  title: string
  candidateIds: string[]
}
interface Year {
  id: string
  capacity: number
  nominations: { id: string; householdId: string; householdLabel: string; status: string; evidencePhotoIds: string[] }[]
  meetings: { id: string; status: string; meetingDate: string; motions: Motion[]; changes: { reason: string }[] }[]
  notice: { id: string; status: string } | null
}

/** A camera-sized photo (2400×1800, 3–4 MB as PNG) with detail, so the phone has something to shrink. */
function cameraPhoto(): { file: string; bytes: number } {
  const png = new PNG({ width: 2400, height: 1800 })
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const index = (png.width * y + x) << 2
      png.data[index] = (x * 7 + y * 3) % 256
      png.data[index + 1] = ((x >> 4) * 40 + (y >> 5) * 25) % 256
      png.data[index + 2] = (x ^ y) % 256
      png.data[index + 3] = 255
    }
  }
  const buffer = PNG.sync.write(png)
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'xy-photo-')), '请柬照片.png')
  writeFileSync(file, buffer)
  return { file, bytes: buffer.length }
}

describe.skipIf(!chromiumPath)('land jobs in the browser, each by the person who does it', () => {
  let product: Product
  let large: Browser
  let doubled: Browser
  let personas: Persona[] = []
  let villageId = ''
  const sessions = new Map<string, { token: string; expiresAt: string }>()

  async function sessionOf(personId: string) {
    const known = sessions.get(personId)
    if (known) return known
    const login = await fetch(`${product.baseUrl}/api/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId }),
    })
    expect(login.status).toBe(200)
    const session = (await login.json()) as { token: string; expiresAt: string }
    sessions.set(personId, session)
    return session
  }
  async function api<T>(personId: string, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<T> {
    const { token } = await sessionOf(personId)
    const response = await fetch(`${product.baseUrl}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    expect(response.status, `${pathAndQuery}: ${text}`).toBeLessThan(300)
    return JSON.parse(text) as T
  }
  const secretaryId = () => personas.find((persona) => persona.name === SECRETARY)?.personId ?? ''
  const currentYear = async (personId = secretaryId()) =>
    (await api<{ awardYear: Year }>(personId, 'GET', `/api/land/years/current?villageId=${villageId}`)).awardYear

  /** Signs in as the person (the keys the app itself writes), optionally with 大字 on, and opens the page. */
  async function open(page: Page, personId: string, hash: string, largeFont: boolean): Promise<void> {
    const session = await sessionOf(personId)
    await leaveApp(page, product.baseUrl)
    await page.evaluate(
      ({ s, largeFont: on }) => {
        localStorage.clear()
        localStorage.setItem('xy.session.token', JSON.stringify({ data: s.token }))
        localStorage.setItem('xy.session.expiresAt', JSON.stringify({ data: s.expiresAt }))
        localStorage.setItem('xy.largeFont', JSON.stringify({ data: on }))
      },
      { s: session, largeFont },
    )
    await page.goto(`${product.baseUrl}/#/${hash}`)
  }

  /** A screenshot, and the page must not run off the side of a 375 px phone. */
  async function shoot(page: Page, name: string): Promise<void> {
    await screenshot(page, name)
    const overflow = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth)
    expect(overflow, `${name} runs ${overflow}px off the side`).toBeLessThanOrEqual(0)
  }

  /** The same page for an elderly villager's phone: the browser's font at 2×. */
  async function shootDoubled(personId: string, hash: string, readyTestId: string, name: string): Promise<void> {
    await open(doubled.page, personId, hash, false)
    const ready = doubled.page.locator(`[data-testid="${readyTestId}"]`).first()
    await ready.waitFor({ timeout: 20_000 })
    await ready.scrollIntoViewIfNeeded()
    await shoot(doubled.page, name)
  }

  beforeAll(async () => {
    product = await startProduct()
    personas = ((await (await fetch(`${product.baseUrl}/api/auth/demo-personas`)).json()) as { personas: Persona[] }).personas
    const me = await api<{ memberships: { villageId: string; villageName: string }[] }>(secretaryId(), 'GET', '/api/me')
    villageId = me.memberships.find((membership) => membership.villageName === '高井嘎查')?.villageId ?? ''
    large = await openBrowser()
    doubled = await openBrowser({ fontScale: 2 })
  }, 240_000)
  afterAll(async () => {
    await large?.close()
    await doubled?.close()
    await product?.stop()
  })

  it('a council member nominates a household with a photo from a file; the phone shrinks it; the reviewer sees it', async () => {
    const council = personas.find((persona) => persona.villageName === '高井嘎查' && persona.roles.includes('council_member'))
    if (!council) throw new Error('no council member among the demo personas')
    const { page } = large
    await open(page, council.personId, `packages/land/nominate/index?villageId=${villageId}`, true)
    const option = page.locator('[data-testid="household-option"]:not(:has-text("今年已提名"))').first()
    await option.waitFor({ timeout: 45_000 })
    const label = ((await option.locator('.land-person__name').textContent()) ?? '').trim()
    await option.click()
    await page.locator('[data-testid="deed-no_full_month_banquet"]').click()
    await page.locator('[data-testid="deed-notes"] textarea').fill('孙子满月，只请了自家人吃饭，没有办满月酒')
    const photo = cameraPhoto()
    await page.locator('[data-testid="photo-input"]').setInputFiles(photo.file)
    const picked = page.locator('[data-testid="picked-photo"]')
    await picked.waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="photo-picker"]').scrollIntoViewIfNeeded()
    await shoot(page, 'land-jobs-nominate-photo-large')
    await page.locator('[data-testid="submit-nomination"]').click()
    await page.locator('[data-testid="nomination-done"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="nomination-done"]').textContent()).toContain('附照片1张')
    await shoot(page, 'land-jobs-nominate-done-large')

    // What the product kept: a JPEG at most 1280 px, far smaller than the file the phone was given.
    const year = await currentYear()
    const nomination = year.nominations.find(
      (candidate) => candidate.householdLabel === label.replace('（今年已提名）', '') && candidate.evidencePhotoIds.length === 1,
    )
    const photoId = nomination?.evidencePhotoIds[0] ?? ''
    const { token } = await sessionOf(secretaryId())
    const kept = await fetch(`${product.baseUrl}/api/land/evidence/photo?photoId=${photoId}`, { headers: { authorization: `Bearer ${token}` } })
    expect(kept.headers.get('content-type')).toBe('image/jpeg')
    const keptBytes = Buffer.from(await kept.arrayBuffer())
    expect(keptBytes.length).toBeLessThan(600 * 1024)
    expect(keptBytes.length).toBeLessThan(photo.bytes / 4)
    console.log(`[land-jobs] photo fed ${(photo.bytes / 1024).toFixed(0)} KB PNG 2400×1800 → kept ${(keptBytes.length / 1024).toFixed(0)} KB JPEG`)
    // Approve the seeded pending ones out of the way, so this nomination is the next to review.
    for (const pending of year.nominations.filter((candidate) => candidate.status === 'pending' && candidate.id !== nomination?.id)) {
      await api(secretaryId(), 'POST', '/api/land/nominations/review', { nominationId: pending.id, decision: 'approved' })
    }

    // The secretary reviews it and sees the photo, fetched with the login.
    await open(page, secretaryId(), `packages/land/review/index?villageId=${villageId}`, true)
    const image = page.locator('[data-testid="evidence-photo"] img, img[data-testid="evidence-photo"]').first()
    await image.waitFor({ timeout: 20_000 })
    await image.scrollIntoViewIfNeeded()
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="evidence-photo"] img, img[data-testid="evidence-photo"]')
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0
    })
    const width = await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)
    expect(width).toBe(1280)
    await shoot(page, 'land-jobs-review-photo-large')
    await shootDoubled(secretaryId(), `packages/land/review/index?villageId=${villageId}`, 'evidence-photos', 'land-jobs-review-photo-2x')
    // Reviewed: approved, so the meeting can put it to the hall with the rest.
    if (nomination) await api(secretaryId(), 'POST', '/api/land/nominations/review', { nominationId: nomination.id, decision: 'approved' })
  }, 180_000)

  it('a household applies for itself', async () => {
    const year = await currentYear()
    // The persona list shows a few villagers only; any demo villager may sign in. The roll of the
    // demo meeting names them all: the first plain villager whose household is not yet nominated.
    const roster = await api<{ people: { personId: string; name: string }[] }>(
      secretaryId(),
      'GET',
      `/api/land/meetings/roster?meetingId=${year.meetings[0]?.id ?? ''}`,
    )
    let applicant: { personId: string; name: string } | undefined
    for (const person of roster.people) {
      const list = await api<{ canNominateOthers: boolean; households: { nominated: boolean }[] }>(
        person.personId,
        'GET',
        `/api/land/nominations/households?awardYearId=${year.id}`,
      )
      if (!list.canNominateOthers && list.households[0]?.nominated === false) {
        applicant = person
        break
      }
    }
    if (!applicant) throw new Error('every demo household is nominated already')
    const { page } = large
    await open(page, applicant.personId, `pages/vote/index`, true)
    await page.locator('[data-testid="open-nominate"]').click()
    await page.locator('[data-testid="own-household"]').waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="deed-no_graduation_banquet"]').click()
    await page.locator('[data-testid="deed-notes"] textarea').fill('儿子考上大学，没有办升学宴')
    await shoot(page, 'land-jobs-self-apply-large')
    await shootDoubled(applicant.personId, `packages/land/nominate/index?villageId=${villageId}`, 'own-household', 'land-jobs-self-apply-2x')
    await page.locator('[data-testid="submit-nomination"]').click()
    await page.locator('[data-testid="nomination-done"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="nomination-done"]').textContent()).toContain('的申请已提交')
    await shoot(page, 'land-jobs-self-apply-done-large')
    const after = await currentYear()
    expect(after.nominations.filter((nomination) => nomination.status === 'pending').length).toBe(1)
  }, 120_000)

  it('the secretary postpones a meeting with a reason, and a villager sees why on the land home', async () => {
    // A second meeting, called for later: the one to be moved (the demo's own meeting is today's).
    const year = await currentYear()
    const later = new Date(Date.now() + 8 * 3600_000 + 20 * 86400_000).toISOString().slice(0, 10)
    await api(secretaryId(), 'POST', '/api/land/meetings/create', { awardYearId: year.id, type: 'assembly', title: '补充评选村民会议', meetingDate: later })
    const called = (await currentYear()).meetings.find((meeting) => meeting.meetingDate === later)
    if (!called) throw new Error('meeting not called')
    const { page } = large
    await open(page, secretaryId(), `packages/land/change/index?meetingId=${called.id}&villageId=${villageId}`, true)
    await page.locator('[data-testid="change-date"] input').waitFor({ timeout: 20_000 })
    const soon = new Date(Date.now() + 8 * 3600_000 + 4 * 86400_000).toISOString().slice(0, 10)
    await page.locator('[data-testid="change-date"] input').fill(soon)
    await page.locator('[data-testid="change-short-notice"]').waitFor()
    await page.locator('[data-testid="change-reason"] textarea').fill('原定那天全村去旗里参加那达慕，到不齐')
    await page.locator('[data-testid="submit-change"]').click()
    await page.locator('[data-testid="submit-change-confirm"]').click()
    // Four days is short notice: refused beside the button until the urgent reason is written.
    await page.locator('[data-testid="submit-change-control"] [data-testid="error-notice"]').waitFor()
    expect(await page.locator('[data-testid="submit-change-control"] [data-testid="error-notice"]').textContent()).toContain('提前十天')
    await shoot(page, 'land-jobs-postpone-refused-large')
    await page.locator('[data-testid="change-urgent"] textarea').fill('春播在即，奖励地须在播种前分到户')
    // The question stays open beside its refusal: pressing 确定 again sends the mended request.
    await page.locator('[data-testid="submit-change-confirm"]').click()
    await page.locator('[data-testid="change-done"]').waitFor({ timeout: 20_000 })
    await shoot(page, 'land-jobs-postpone-done-large')

    // A villager opens the meeting page of that meeting's year and reads the notice with its reason.
    const villager = personas.find(
      (persona) => persona.villageName === '高井嘎查' && persona.roles.every((role) => role === 'villager' || role === 'household_rep'),
    )
    if (!villager) throw new Error('no plain villager')
    const moved = (await currentYear(villager.personId)).meetings.find((meeting) => meeting.id === called.id)
    expect(moved?.meetingDate).toBe(soon)
    expect(moved?.changes[0]?.reason).toBe('原定那天全村去旗里参加那达慕，到不齐')
    await open(page, villager.personId, `packages/land/change/index?meetingId=${called.id}&villageId=${villageId}`, true)
    await page.locator('[data-testid="land-change"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="submit-change"]').count()).toBe(0)
    // The land home (表决 tab) and the meeting page post the village's notices, whichever meeting is current.
    await open(page, villager.personId, 'pages/vote/index', true)
    const notice = page.locator('[data-testid="meeting-change-notice"]')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.textContent()).toContain('补充评选村民会议：')
    expect(await notice.textContent()).toContain('理由：原定那天全村去旗里参加那达慕，到不齐')
    await shoot(page, 'land-jobs-villager-home-large')
    await shootDoubled(villager.personId, 'pages/vote/index', 'meeting-change-notice', 'land-jobs-villager-home-2x')
    await open(page, villager.personId, `packages/land/meeting/index?villageId=${villageId}`, true)
    await page.locator('[data-testid="meeting-changes"]').waitFor({ timeout: 20_000 })
    await shoot(page, 'land-jobs-villager-meeting-large')
  }, 120_000)

  it('the secretary runs the ranking case: twelve approved, land for ten', async () => {
    const year = await currentYear()
    const meeting = year.meetings.find(
      (candidate) => candidate.status !== 'closed' && candidate.meetingDate <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    )
    if (!meeting) throw new Error('no meeting today')
    const approved = year.nominations.filter((nomination) => nomination.status === 'approved').map((nomination) => nomination.id)
    expect(approved.length).toBeGreaterThan(year.capacity)
    // Before the hall: the meeting opens, everyone present, the whole list passes by hands. The demo
    // may already be voting on a motion of its own at this meeting: that vote ends first.
    if (meeting.status !== 'open') await api(secretaryId(), 'POST', '/api/land/meetings/open', { meetingId: meeting.id })
    for (const running of meeting.motions.filter((motion) => motion.status === 'open')) {
      await api(secretaryId(), 'POST', '/api/land/motions/close', { motionId: running.id })
    }
    const roster = await api<{ people: { personId: string }[] }>(secretaryId(), 'GET', `/api/land/meetings/roster?meetingId=${meeting.id}`)
    await api(secretaryId(), 'POST', '/api/land/meetings/roll-call', { meetingId: meeting.id, personIds: roster.people.map((person) => person.personId) })
    const list = await api<{ id: string }>(secretaryId(), 'POST', '/api/land/motions/create', {
      meetingId: meeting.id,
      kind: 'whole_list',
      title: `同意以上${approved.length}户为移风易俗先进典型`,
      candidateIds: approved,
    })
    await api(secretaryId(), 'POST', '/api/land/motions/open', { motionId: list.id })
    await api(secretaryId(), 'POST', '/api/land/hands/enter', { motionId: list.id, hands: { for: roster.people.length, against: 0, abstain: 0 } })
    await api(secretaryId(), 'POST', '/api/land/motions/close', { motionId: list.id })

    const { page } = large
    const control = `packages/land/control/index?meetingId=${meeting.id}&villageId=${villageId}`
    await open(page, secretaryId(), control, true)
    const reason = page.locator('[data-testid="ranking-reason"]')
    await reason.waitFor({ timeout: 20_000 })
    expect(await reason.textContent()).toContain(`会议批准了${approved.length}户，奖励耕地只够${year.capacity}户`)
    expect(await page.locator('[data-testid="publish"]').count()).toBe(0)
    await page.locator('[data-testid="ranking-down"]').first().click()
    await page.locator('[data-testid="ranking-panel"]').scrollIntoViewIfNeeded()
    await shoot(page, 'land-jobs-ranking-propose-large')
    await shootDoubled(secretaryId(), control, 'ranking-panel', 'land-jobs-ranking-propose-2x')
    await page.locator('[data-testid="create-ranking"]').click()
    await page.locator('[data-testid="create-ranking-confirm"]').click()
    const rankingCard = page.locator('[data-testid="motion-draft"]:has-text("获奖排序")')
    await rankingCard.waitFor({ timeout: 20_000 })
    await rankingCard.locator('[data-testid="open-motion"]').click()
    await page.locator('[data-testid="hands-for"] input').waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="hands-for"] input').fill(String(roster.people.length))
    await page.locator('[data-testid="hands-against"] input').fill('0')
    await page.locator('[data-testid="hands-abstain"] input').fill('0')
    await page.locator('[data-testid="enter-hands"]').click()
    await page.locator('[data-testid="tally-verdict"]:has-text("目前同意")').first().waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="close-motion"]').click()
    await page.locator('[data-testid="close-motion-confirm"]').click()
    const outcome = page.locator('[data-testid="ranking-outcome"]')
    await outcome.waitFor({ timeout: 20_000 })
    const waitlisted = (await page.locator('[data-testid="ranking-waitlisted"]').textContent()) ?? ''
    expect(waitlisted).toMatch(/^因耕地不足不获奖：.+、.+/)
    await outcome.scrollIntoViewIfNeeded()
    await shoot(page, 'land-jobs-ranking-outcome-large')
    await page.locator('[data-testid="publish"]').click()
    await page.locator('[data-testid="publish-confirm"]').click()
    await page.locator('[data-testid="notice-title"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="land-notice"]').textContent()).toContain('按会议通过的排序，因耕地不足未获奖')
    await shoot(page, 'land-jobs-ranking-notice-large')
  }, 180_000)

  it('the secretary corrects the confirmed notice; the public paper of the old one points to the correction', async () => {
    const year = await currentYear()
    const noticeId = year.notice?.id ?? ''
    // Seven days later: the period is over (moved in the database, the only clock a test can turn).
    const port = new URL(product.baseUrl).port
    const database = new URL(process.env.TEST_DATABASE_URL ?? '')
    database.pathname = `/xy_e2e_${process.pid}_${port}`
    const client = new pg.Client({ connectionString: database.toString() })
    await client.connect()
    await client.query(`update land_notices set ends_on = (now() at time zone 'Asia/Shanghai')::date - 1 where id = $1`, [noticeId])
    await client.end()
    await api(secretaryId(), 'POST', '/api/land/notices/confirm', { noticeId, decision: 'confirm' })

    const { page } = large
    await open(page, secretaryId(), `packages/land/notice/index?noticeId=${noticeId}&villageId=${villageId}`, true)
    await page.locator('[data-testid="open-correct"]').click()
    const rows = page.locator('[data-testid="correct-household"]')
    await rows.first().waitFor({ timeout: 20_000 })
    // The last awarded household is taken off; the first one waiting comes in.
    const awarded = await page.locator('[data-testid="correct-household"][aria-checked="true"]').count()
    await page.locator('[data-testid="correct-household"][aria-checked="false"]').first().click()
    await page
      .locator('[data-testid="correct-household"][aria-checked="true"]')
      .nth(awarded - 1)
      .click()
    expect(await page.locator('[data-testid="correct-household"][aria-checked="true"]').count()).toBe(awarded)
    await page.locator('[data-testid="correct-reason"] textarea').fill('第10名户事后查实办了寿宴，按会议通过的排序由第11名递补')
    await shoot(page, 'land-jobs-correct-large')
    await shootDoubled(secretaryId(), `packages/land/correct/index?noticeId=${noticeId}&villageId=${villageId}`, 'correct-household', 'land-jobs-correct-2x')
    await page.locator('[data-testid="submit-correction"]').click()
    await page.locator('[data-testid="submit-correction-confirm"]').click()
    await page.locator('[data-testid="notice-correction"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="notice-correction"]').textContent()).toContain('第10名户事后查实办了寿宴')
    await shoot(page, 'land-jobs-correction-notice-large')

    // Someone who never logged in scans the QR code on the old paper: told of the correction, sent to it.
    const stranger = await openBrowser({ fontScale: 2 })
    try {
      await stranger.page.goto(`${product.baseUrl}/#/packages/land/notice/index?noticeId=${noticeId}`)
      await stranger.page.locator('[data-testid="notice-corrected-by"]').waitFor({ timeout: 20_000 })
      expect(await stranger.page.locator('[data-testid="notice-corrected-by"]').textContent()).toContain('以更正公示为准')
      await shoot(stranger.page, 'land-jobs-old-notice-public-2x')
      await stranger.page.locator('[data-testid="open-correction"]').click()
      await stranger.page.locator('[data-testid="notice-correction"]').waitFor({ timeout: 20_000 })
      await shoot(stranger.page, 'land-jobs-correction-public-2x')
    } finally {
      await stranger.close()
    }
  }, 180_000)
})
