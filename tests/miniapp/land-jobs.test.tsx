/**
 * The land jobs issue 14 still lacked, as components: nominating with a photo shrunk on the phone,
 * the photo at review, the ranking motion, postponing a meeting, and correcting a confirmed notice.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { AwardYear, Meeting, Nomination, Notice } from '@shared/land'
import LandNominatePage from '@/packages/land/nominate/index'
import LandReviewPage from '@/packages/land/review/index'
import LandControlPage from '@/packages/land/control/index'
import LandMeetingChangePage from '@/packages/land/change/index'
import LandNoticePage from '@/packages/land/notice/index'
import LandCorrectPage from '@/packages/land/correct/index'
import { fail, me, ok, villageId, type RequestCall } from './fixtures'
import Taro from './taro-mock'

const awardYearId = '6c1b4d3e-2f6a-4b7c-8d9e-0f1a2b3c4d5f'
const meetingId = '7b2a5c4d-3e7f-4a8b-9c0d-1e2f3a4b5c6e'
const noticeId = '1b6a9c8d-7e1f-4a2b-9c8d-3e2f1a0b9c8e'
const photoId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const pathOf = (call: RequestCall) => call.url.split('?')[0] ?? ''

function serve(routes: Record<string, (call: RequestCall) => ReturnType<typeof ok> | ReturnType<typeof fail>>): void {
  Taro.request.mockImplementation((call: RequestCall) => {
    const answer = routes[pathOf(call)]
    return Promise.resolve(answer ? answer(call) : fail(404, 'not_found', '找不到'))
  })
}
const callsTo = (path: string) => Taro.request.mock.calls.map((args) => args[0] as RequestCall).filter((call) => pathOf(call) === path)
const fieldIn = (testId: string) => {
  const field = screen.getByTestId(testId)
  const native = field.matches('input, textarea') ? field : field.querySelector('input, textarea')
  if (!native) throw new Error(`no field in ${testId}`)
  return native
}
/** Taro's Textarea is a web component that jsdom leaves empty: its host hears the input event. */
const typeInto = (testId: string, value: string) => {
  const host = screen.getByTestId(testId)
  const native = host.matches('input, textarea') ? host : host.querySelector('input, textarea')
  if (native) fireEvent.input(native, { target: { value } })
  else host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
}
const meWith = (roles: Me['memberships'][number]['roles']) => ({ ...me, memberships: [{ ...me.memberships[0], roles }] })
const loginAs = (roles: Me['memberships'][number]['roles']) => {
  Taro.setStorageSync('xy.session.token', 'tok')
  Taro.setStorageSync('xy.session.me', meWith(roles))
}
type Me = typeof me

const nomination = (n: number, overrides: Partial<Nomination> = {}): Nomination => ({
  id: uuid(n),
  householdId: uuid(100 + n),
  householdLabel: `第${n}户`,
  headName: `户主${n}`,
  headAge: 40 + n,
  memberCount: 3,
  deedKind: 'no_birthday_banquet',
  deedDate: '2026-02-01',
  notes: '',
  evidenceUrls: [],
  evidencePhotoIds: [],
  selfApplied: false,
  status: 'approved',
  reviewReason: null,
  ...overrides,
})

function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: meetingId,
    awardYearId,
    type: 'assembly',
    title: '2026年移风易俗先进典型评选村民会议',
    meetingDate: '2026-04-10',
    noticeDate: '2026-03-30',
    urgentReason: null,
    status: 'open',
    present: 60,
    eligible: 100,
    checkedIn: false,
    motions: [],
    changes: [],
    ...overrides,
  }
}

function year(overrides: Partial<AwardYear> = {}): AwardYear {
  return {
    id: awardYearId,
    villageId,
    year: 2026,
    perHouseholdTenthMu: 120,
    season: '2026年春播至秋收',
    status: 'nominating',
    poolTenthMu: 1200,
    capacity: 10,
    parcels: [],
    nominations: [],
    meetings: [meeting()],
    notice: null,
    ...overrides,
  }
}

describe('nominating with a photo shrunk on the phone (H5)', () => {
  const drawn: { width: number; height: number }[] = []
  beforeEach(() => {
    drawn.length = 0
    // jsdom decodes no images: a 4032×3024 camera photo, as the browser would report it.
    class FakeImage {
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      naturalWidth = 4032
      naturalHeight = 3024
      set src(_: string) {
        setTimeout(() => this.onload?.(), 0)
      }
    }
    vi.stubGlobal('Image', FakeImage)
    URL.createObjectURL = vi.fn(() => 'blob:preview')
    URL.revokeObjectURL = vi.fn()
    HTMLCanvasElement.prototype.toBlob = function toBlob(this: HTMLCanvasElement, done: BlobCallback, type?: string, quality?: unknown) {
      drawn.push({ width: this.width, height: this.height })
      expect([type, quality]).toEqual(['image/jpeg', 0.7])
      const bytes = new Uint8Array(180 * 1024)
      bytes.set([0xff, 0xd8, 0xff, 0xe0])
      done(new Blob([bytes], { type: 'image/jpeg' }))
    }
  })
  afterEach(() => vi.unstubAllGlobals())

  it('a council member picks a household, adds a photo (1280 px, JPEG 0.7), and the photo goes up before the nomination that carries it', async () => {
    loginAs(['council_member', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId } }))
    serve({
      '/api/land/years/current': () => ok({ awardYear: year({ nominations: [] }) }),
      '/api/land/nominations/households': () =>
        ok({
          canNominateOthers: true,
          households: [
            { householdId: uuid(201), householdLabel: '乌优塔户', headName: '乌优塔', headAge: 58, memberCount: 4, nominated: false },
            { householdId: uuid(202), householdLabel: '双金户', headName: '双金', headAge: 63, memberCount: 2, nominated: true },
          ],
        }),
      '/api/land/evidence/upload': () => ok({ id: photoId, contentType: 'image/jpeg', byteSize: 180 * 1024, sha256: 'a'.repeat(64) }, 201),
      '/api/land/nominations/create': () => ok({ id: uuid(1) }, 201),
    })
    render(<LandNominatePage />)
    const options = await screen.findAllByTestId('household-option')
    expect(options[1]?.textContent).toContain('今年已提名')
    fireEvent.click(options[0] as HTMLElement)
    fireEvent.click(screen.getByTestId('deed-no_full_month_banquet'))
    const file = new File([new Uint8Array(4 * 1024 * 1024)], 'IMG_0001.jpg', { type: 'image/jpeg' })
    fireEvent.change(screen.getByTestId('photo-input'), { target: { files: [file] } })
    expect((await screen.findByTestId('picked-photo')).textContent).toContain('180KB')
    expect(drawn).toEqual([{ width: 1280, height: 960 }])
    fireEvent.click(screen.getByTestId('submit-nomination'))
    expect((await screen.findByTestId('nomination-done')).textContent).toContain('乌优塔户的提名已提交，附照片1张')
    const [upload] = callsTo('/api/land/evidence/upload')
    expect((upload?.data as { dataBase64: string }).dataBase64.length).toBeGreaterThan(200_000)
    expect(callsTo('/api/land/nominations/create')[0]?.data).toMatchObject({
      householdId: uuid(201),
      deedKind: 'no_full_month_banquet',
      evidencePhotoIds: [photoId],
    })
    const order = Taro.request.mock.calls.map((args) => pathOf(args[0] as RequestCall))
    expect(order.indexOf('/api/land/evidence/upload')).toBeLessThan(order.indexOf('/api/land/nominations/create'))
  })

  it('a refused photo says why beside the button and keeps what was typed; the nomination is not sent', async () => {
    loginAs(['villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId } }))
    serve({
      '/api/land/years/current': () => ok({ awardYear: year() }),
      '/api/land/nominations/households': () =>
        ok({
          canNominateOthers: false,
          households: [{ householdId: uuid(203), householdLabel: '梅荣户', headName: '梅荣', headAge: 45, memberCount: 5, nominated: false }],
        }),
      '/api/land/evidence/upload': () => fail(413, 'land_photo_too_large', '照片压缩后还有700KB，超过了600KB。请换一张'),
    })
    render(<LandNominatePage />)
    expect((await screen.findByTestId('own-household')).textContent).toContain('梅荣户')
    typeInto('deed-notes', '女儿考上大学没办升学宴')
    fireEvent.change(screen.getByTestId('photo-input'), { target: { files: [new File([new Uint8Array(10)], 'a.jpg')] } })
    await screen.findByTestId('picked-photo')
    fireEvent.click(screen.getByTestId('submit-nomination'))
    expect((await screen.findByTestId('error-notice')).textContent).toContain('超过了600KB')
    expect(callsTo('/api/land/nominations/create')).toHaveLength(0)
    expect(screen.getByTestId('deed-notes').getAttribute('value')).toBe('女儿考上大学没办升学宴')
  })
})

describe('the photo at review', () => {
  it('is fetched with the login and shown', async () => {
    loginAs(['council_member', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId } }))
    Taro.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:photo-1' })
    serve({
      '/api/land/years/current': () =>
        ok({ awardYear: year({ nominations: [nomination(1, { status: 'pending', evidencePhotoIds: [photoId], selfApplied: true })] }) }),
    })
    render(<LandReviewPage />)
    const image = await screen.findByTestId('evidence-photo')
    expect(image.getAttribute('src') ?? image.querySelector('img')?.getAttribute('src')).toContain('blob:photo-1')
    const [download] = Taro.downloadFile.mock.calls[0] as [{ url: string; header: Record<string, string> }]
    expect(download.url).toContain(`/api/land/evidence/photo?photoId=${photoId}`)
    expect(download.header.Authorization).toBe('Bearer tok')
    expect(screen.getByTestId('review-card').textContent).toContain('（本户申请）')
  })
})

describe('the ranking motion', () => {
  it('says 批准了12户、地只够10户, lets the secretary reorder, puts the order to the meeting, and offers no publish before it passes', async () => {
    loginAs(['secretary', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, meetingId } }))
    const twelve = Array.from({ length: 12 }, (_, index) => nomination(index + 1))
    const passedList = {
      id: uuid(50),
      meetingId,
      kind: 'whole_list' as const,
      title: '同意以上12户',
      candidateIds: twelve.map((item) => item.id),
      status: 'closed' as const,
      passed: true,
      result: null,
    }
    serve({
      '/api/land/years/current': () => ok({ awardYear: year({ nominations: twelve, meetings: [meeting({ motions: [passedList] })] }) }),
      '/api/land/meetings/roster': () => ok({ meetingId, people: [] }),
      '/api/land/motions/create': () => ok({ id: uuid(51) }, 201),
    })
    render(<LandControlPage />)
    expect((await screen.findByTestId('ranking-reason')).textContent).toContain('会议批准了12户，奖励耕地只够10户')
    expect(screen.queryByTestId('publish')).toBeNull()
    const rows = screen.getAllByTestId('ranking-row')
    expect(rows).toHaveLength(12)
    expect(rows[10]?.textContent).toContain('以上10户获奖；以下因耕地不足，不获奖')
    fireEvent.click(screen.getAllByTestId('ranking-up')[11] as HTMLElement)
    fireEvent.click(screen.getByTestId('create-ranking'))
    fireEvent.click(screen.getByTestId('create-ranking-confirm'))
    await waitFor(() => expect(callsTo('/api/land/motions/create')).toHaveLength(1))
    const body = callsTo('/api/land/motions/create')[0]?.data as { kind: string; candidateIds: string[] }
    expect(body.kind).toBe('ranking')
    expect(body.candidateIds.slice(9)).toEqual([uuid(10), uuid(12), uuid(11)])
  })

  it('after the ranking passes, names who is in and who waits', async () => {
    loginAs(['secretary', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, meetingId } }))
    const twelve = Array.from({ length: 12 }, (_, index) => nomination(index + 1))
    const ids = twelve.map((item) => item.id)
    const motions = [
      { id: uuid(50), meetingId, kind: 'whole_list' as const, title: '同意以上12户', candidateIds: ids, status: 'closed' as const, passed: true, result: null },
      {
        id: uuid(51),
        meetingId,
        kind: 'ranking' as const,
        title: '获奖排序',
        candidateIds: [...ids].reverse(),
        status: 'closed' as const,
        passed: true,
        result: null,
      },
    ]
    serve({
      '/api/land/years/current': () => ok({ awardYear: year({ nominations: twelve, meetings: [meeting({ motions, status: 'closed' })] }) }),
      '/api/land/meetings/roster': () => ok({ meetingId, people: [] }),
    })
    render(<LandControlPage />)
    expect((await screen.findByTestId('ranking-outcome')).textContent).toContain('第1名 第12户')
    expect(screen.getByTestId('ranking-waitlisted').textContent).toBe('因耕地不足不获奖：第2户、第1户')
    expect(screen.getByTestId('publish')).toBeTruthy()
  })
})

describe('postponing a meeting', () => {
  it('warns of short notice, asks once, and sends the date, the reason and the urgent reason', async () => {
    loginAs(['secretary', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, meetingId } }))
    serve({
      '/api/me': () => ok(meWith(['secretary', 'villager'])),
      '/api/land/years/current': () => ok({ awardYear: year({ meetings: [meeting({ status: 'scheduled' })] }) }),
      '/api/land/meetings/postpone': () => ok({ id: meetingId }),
    })
    render(<LandMeetingChangePage />)
    await screen.findByTestId('change-date')
    const { todayInChina } = await import('@shared/time')
    const { addDays } = await import('@shared/votes')
    fireEvent.input(fieldIn('change-date'), { target: { value: addDays(todayInChina(), 3) } })
    expect(screen.getByTestId('change-short-notice').textContent).toContain('只有3天')
    typeInto('change-reason', '到会人数不够')
    typeInto('change-urgent', '春播在即')
    fireEvent.click(screen.getByTestId('submit-change'))
    fireEvent.click(screen.getByTestId('submit-change-confirm'))
    expect((await screen.findByTestId('change-done')).textContent).toContain('全村在奖励耕地页上能看到')
    expect(callsTo('/api/land/meetings/postpone')[0]?.data).toEqual({
      meetingId,
      meetingDate: addDays(todayInChina(), 3),
      reason: '到会人数不够',
      urgentReason: '春播在即',
    })
  })

  it('once voting has started, says it cannot be changed and offers nothing to press', async () => {
    loginAs(['secretary', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, meetingId } }))
    const opened = {
      id: uuid(60),
      meetingId,
      kind: 'whole_list' as const,
      title: '同意',
      candidateIds: [uuid(1)],
      status: 'open' as const,
      passed: null,
      result: null,
    }
    serve({
      '/api/me': () => ok(meWith(['secretary', 'villager'])),
      '/api/land/years/current': () => ok({ awardYear: year({ meetings: [meeting({ motions: [opened] })] }) }),
    })
    render(<LandMeetingChangePage />)
    expect((await screen.findByTestId('change-refused')).textContent).toBe('会议已经开始表决，不能再取消或改期')
    expect(screen.queryByTestId('submit-change')).toBeNull()
  })
})

const lockedNotice: Notice = {
  id: noticeId,
  villageName: '高井嘎查',
  year: 2026,
  season: '2026年春播至秋收',
  status: 'locked',
  publishedOn: '2026-03-30',
  endsOn: '2026-04-06',
  periodDays: 7,
  perHouseholdTenthMu: 120,
  motions: [],
  awards: [
    { householdId: uuid(101), householdLabel: '第1户', rank: 1, tenthMu: 120, parcels: [] },
    { householdId: uuid(102), householdLabel: '第2户', rank: 2, tenthMu: 120, parcels: [] },
  ],
  waitlisted: [],
  objections: [],
  correctsNoticeId: null,
  correctionReason: null,
  replacesNoticeId: null,
  correctedBy: null,
  correctsPublishedOn: null,
  url: 'https://xiangyue.example.cn/#/packages/land/notice/index',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
}

describe('correcting a confirmed notice', () => {
  it('the secretary ticks the corrected list and writes the reason; the correction is a new notice', async () => {
    loginAs(['secretary', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, noticeId } }))
    serve({
      '/api/land/notices/get': () => ok(lockedNotice),
      '/api/land/years/current': () => ok({ awardYear: year({ nominations: [nomination(1), nomination(2), nomination(3)] }) }),
      '/api/land/notices/correct': () => ok({ id: uuid(70) }, 201),
    })
    render(<LandCorrectPage />)
    const rows = await screen.findAllByTestId('correct-household')
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('1. 第1户'),
      expect.stringContaining('2. 第2户'),
      expect.stringContaining('第3户（原名单没有）'),
    ])
    fireEvent.click(rows[1] as HTMLElement)
    fireEvent.click(rows[2] as HTMLElement)
    fireEvent.click(screen.getByTestId('submit-correction'))
    fireEvent.click(screen.getByTestId('submit-correction-confirm'))
    expect((await screen.findByTestId('error-notice')).textContent).toContain('请写明更正的理由')
    typeInto('correct-reason', '第2户事后查实办了寿宴')
    fireEvent.click(screen.getByTestId('submit-correction-confirm'))
    await waitFor(() =>
      expect(callsTo('/api/land/notices/correct')[0]?.data).toEqual({ noticeId, reason: '第2户事后查实办了寿宴', candidateIds: [uuid(101), uuid(103)] }),
    )
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/land/notice/index?noticeId=${uuid(70)}&villageId=${villageId}` }))
  })

  it('the old notice says it was corrected and sends the reader to the correction; the secretary is offered 更正 only on a confirmed one', async () => {
    loginAs(['secretary', 'villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, noticeId } }))
    serve({
      '/api/me': () => ok(meWith(['secretary', 'villager'])),
      '/api/land/notices/get': () => ok({ ...lockedNotice, correctedBy: { id: uuid(70), publishedOn: '2026-05-01', reason: '第2户事后查实办了寿宴' } }),
    })
    render(<LandNoticePage />)
    expect((await screen.findByTestId('notice-corrected-by')).textContent).toBe(
      '本公示的结果已于2026-05-01更正，以更正公示为准。更正理由：第2户事后查实办了寿宴',
    )
    expect(screen.queryByTestId('open-correct')).toBeNull()
    fireEvent.click(screen.getByTestId('open-correction'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/land/notice/index?noticeId=${uuid(70)}&villageId=${villageId}` })
  })
})

describe('objecting to a notice during its 公示', () => {
  it('keeps the words of a refused objection, so the villager sends them again without retyping', async () => {
    loginAs(['villager'])
    Taro.useRouter.mockImplementation(() => ({ params: { villageId, noticeId } }))
    let answers = 0
    serve({
      '/api/me': () => ok(meWith(['villager'])),
      '/api/land/notices/get': () => ok({ ...lockedNotice, status: 'open', endsOn: '2099-12-31' }),
      '/api/land/objections/file': () =>
        ++answers === 1 ? fail(409, 'conflict', '数据已被他人修改，请刷新后再试') : ok({ id: uuid(80), noticeId, reply: null }, 201),
    })
    render(<LandNoticePage />)
    await screen.findByTestId('objection-text')
    typeInto('objection-text', '第2户的寿宴我亲眼见过')
    fireEvent.click(screen.getByTestId('file-objection'))
    expect((await screen.findByTestId('error-notice')).textContent).toContain('数据已被他人修改')
    fireEvent.click(screen.getByTestId('file-objection'))
    await waitFor(() => expect(screen.getByText('您的异议已提交，书记会书面答复')).toBeTruthy())
    // Both sends carried the words typed once; only the accepted one emptied the box.
    expect(callsTo('/api/land/objections/file').map((call) => call.data)).toEqual([
      { noticeId, text: '第2户的寿宴我亲眼见过' },
      { noticeId, text: '第2户的寿宴我亲眼见过' },
    ])
  })
})
