import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { AwardYear, Ballot, NoticePaper, RollCallRoster } from '@shared/land'
import LandVotePage from '@/packages/land/vote/index'
import LandControlPage from '@/packages/land/control/index'
import LandNoticePage from '@/packages/land/notice/index'
import LoginPage from '@/pages/login/index'
import { fail, me, ok, personas, session, villageId, weaverId, type RequestCall } from './fixtures'
import Taro from './taro-mock'

const motionId = '8a3b6c5d-4e8f-4a9b-8c0d-1e2f3a4b5c6d'
const meetingId = '7b2a5c4d-3e7f-4a8b-9c0d-1e2f3a4b5c6e'
const awardYearId = '6c1b4d3e-2f6a-4b7c-8d9e-0f1a2b3c4d5f'
const nominationA = '5d0c3e2f-1a5b-4c6d-9e8f-7a6b5c4d3e2a'
const nominationB = '4e9d2f1a-0b4c-4d5e-8f9a-6b5c4d3e2f1b'
const elderId = '3f8e1a0b-9c3d-4e4f-9a8b-5c4d3e2f1a0c'
const youngId = '2a7f0b9c-8d2e-4f3a-8b9c-4d3e2f1a0b9d'
const noticeId = '1b6a9c8d-7e1f-4a2b-9c8d-3e2f1a0b9c8e'
const pathOf = (call: RequestCall) => call.url.split('?')[0] ?? ''

const ballot: Ballot = {
  motionId,
  motionTitle: '同意以上2户为2026年移风易俗先进典型',
  motionOpen: true,
  choice: null,
  assisted: false,
  assistedByName: null,
  requestedBy: null,
  familyMemberName: null,
  assistReason: null,
  recordedAt: null,
  motionKind: 'whole_list',
  meetingTitle: '2026年移风易俗先进典型评选村民会议',
  perHouseholdTenthMu: 120,
  capacity: 10,
  candidates: [
    {
      nominationId: nominationA,
      householdLabel: '包巴特尔户',
      headName: '包巴特尔',
      headAge: 67,
      memberCount: 4,
      deedKind: 'no_birthday_banquet',
      deedDate: '2026-02-01',
      notes: '老人七十大寿没有办酒',
    },
    {
      nominationId: nominationB,
      householdLabel: '包巴特尔户',
      headName: '包巴特尔',
      headAge: 41,
      memberCount: 3,
      deedKind: 'no_full_month_banquet',
      deedDate: '2026-01-12',
      notes: '',
    },
  ],
}

const tally = (overrides: Partial<Record<string, unknown>> = {}) => ({
  eligible: 100,
  present: 60,
  quorumNeeded: 51,
  quorum: true,
  app: { for: 0, against: 0, abstain: 0 },
  hands: { for: 0, against: 0, abstain: 0 },
  handsEntered: false,
  total: { for: 0, against: 0, abstain: 0 },
  votedInApp: 0,
  maxHands: 60,
  notVoting: 60,
  majority: false,
  passed: false,
  overCount: false,
  assisted: 0,
  ...overrides,
})

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
const loginAsSecretary = () => {
  Taro.setStorageSync('xy.session.token', 'tok-secretary')
  Taro.setStorageSync('xy.session.me', me)
}

describe('the ballot says what is being voted on', () => {
  it('shows the motion and each household with head, age, size and deed, above the three choices', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-villager')
    Taro.useRouter.mockImplementation(() => ({ params: { motionId, villageId } }))
    serve({
      '/api/land/votes/mine': () => ok(ballot),
      '/api/land/motions/tally': () => ok({ motionId, status: 'open', meetingType: 'assembly', tally: tally() }),
    })
    render(<LandVotePage />)
    expect((await screen.findByTestId('ballot-motion-title')).textContent).toBe(ballot.motionTitle)
    const rows = screen.getAllByTestId('ballot-candidate')
    expect(rows).toHaveLength(2)
    // Two households of the same label: the head's age and the household's size tell them apart.
    expect(rows[0]?.textContent).toContain('户主：包巴特尔，67岁；全户4人')
    expect(rows[0]?.textContent).toContain('事迹：拒办寿宴（2026-02-01）')
    expect(rows[0]?.textContent).toContain('老人七十大寿没有办酒')
    expect(rows[1]?.textContent).toContain('户主：包巴特尔，41岁；全户3人')
    expect(rows[1]?.textContent).toContain('拒办满月酒')
    expect(screen.getByTestId('ballot-candidates').textContent).toContain('共2户，每户12亩')
    // Above the choices, in the order a reader meets them.
    const motion = screen.getByTestId('ballot-motion')
    const choice = screen.getByTestId('choose-for')
    expect(motion.compareDocumentPosition(rows[1] as HTMLElement) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect((rows[1] as HTMLElement).compareDocumentPosition(choice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(screen.getByText('对以上2户整体表决，请选择一项')).toBeTruthy()
    fireEvent.click(choice)
    expect(screen.getByTestId('confirm-box').textContent).toContain(`表决事项：${ballot.motionTitle}`)
  })
})

function yearWith(motionStatus: 'open' | 'closed', passed: boolean | null = null): AwardYear {
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
    meetings: [
      {
        id: meetingId,
        awardYearId,
        type: 'assembly',
        title: '2026年移风易俗先进典型评选村民会议',
        meetingDate: '2026-03-30',
        noticeDate: '2026-03-20',
        urgentReason: null,
        status: 'open',
        present: 2,
        eligible: 100,
        checkedIn: false,
        changes: [],
        motions: [
          {
            id: motionId,
            meetingId,
            kind: 'whole_list',
            title: ballot.motionTitle,
            candidateIds: [nominationA, nominationB],
            status: motionStatus,
            passed,
            result: motionStatus === 'closed' ? tally({ passed: true, majority: true }) : null,
          },
        ],
      },
    ],
    notice: null,
  }
}

const person = (personId: string, name: string, overrides: Partial<RollCallRoster['people'][number]> = {}): RollCallRoster['people'][number] => ({
  personId,
  name,
  householdLabel: `${name}户`,
  age: 70,
  present: true,
  needsHelp: false,
  marked: false,
  votedMotionIds: [],
  ...overrides,
})

function serveControl(
  extra: Record<string, (call: RequestCall) => ReturnType<typeof ok> | ReturnType<typeof fail>> = {},
  roster: RollCallRoster['people'] = [],
) {
  loginAsSecretary()
  Taro.useRouter.mockImplementation(() => ({ params: { meetingId, villageId } }))
  serve({
    '/api/land/years/current': () => ok({ awardYear: yearWith('open') }),
    '/api/land/meetings/roster': () => ok({ meetingId, people: roster }),
    '/api/land/motions/tally': () => ok({ motionId, status: 'open', meetingType: 'assembly', tally: tally() }),
    ...extra,
  })
}

describe("the secretary's control page", () => {
  it('says 表决中 while voting is open, never a verdict that looks final', async () => {
    serveControl()
    render(<LandControlPage />)
    const verdict = await screen.findByTestId('tally-verdict')
    expect(verdict.textContent).toBe('表决中：目前同意0人（须超过实到60人的一半才通过）')
    expect(verdict.textContent).not.toContain('未通过')
  })

  it('asks once before 结束表决, and shows a refusal beside that button', async () => {
    serveControl({ '/api/land/motions/close': () => fail(409, 'land_motion_closed', '这项表决已经结束了') })
    render(<LandControlPage />)
    fireEvent.click(await screen.findByTestId('close-motion'))
    // The first tap only asks.
    expect(screen.getByTestId('close-motion-confirm-box').textContent).toContain('结束后手机不能再投票')
    expect(callsTo('/api/land/motions/close')).toHaveLength(0)
    fireEvent.click(screen.getByTestId('close-motion-cancel'))
    expect(screen.queryByTestId('close-motion-confirm-box')).toBeNull()
    fireEvent.click(screen.getByTestId('close-motion'))
    fireEvent.click(screen.getByTestId('close-motion-confirm'))
    await waitFor(() => expect(callsTo('/api/land/motions/close')).toHaveLength(1))
    const control = screen.getByTestId('close-motion-control')
    expect((await within(control).findByTestId('error-notice')).textContent).toContain('这项表决已经结束了')
    expect(screen.getAllByTestId('error-notice')).toHaveLength(1)
  })

  it('shows a refused hand count under the hand-count box, not at the top of the page', async () => {
    serveControl({ '/api/land/hands/enter': () => fail(400, 'vote_hands_exceed_present', '举手人数超过了实到人数减去手机已投人数') })
    render(<LandControlPage />)
    for (const key of ['for', 'against', 'abstain']) fireEvent.input(await waitFor(() => fieldIn(`hands-${key}`)), { target: { value: '70' } })
    fireEvent.click(screen.getByTestId('enter-hands'))
    const notice = await screen.findByTestId('error-notice')
    const button = screen.getByTestId('enter-hands')
    expect(notice.parentElement?.contains(button)).toBe(true)
    expect(button.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('asks once before 宣布散会 and 公布结果', async () => {
    loginAsSecretary()
    Taro.useRouter.mockImplementation(() => ({ params: { meetingId, villageId } }))
    serve({
      '/api/land/years/current': () => ok({ awardYear: yearWith('closed', true) }),
      '/api/land/meetings/roster': () => ok({ meetingId, people: [] }),
      '/api/land/meetings/close': () => ok({ id: meetingId }),
      '/api/land/notices/publish': () => ok({ id: noticeId }, 201),
    })
    render(<LandControlPage />)
    fireEvent.click(await screen.findByTestId('close-meeting'))
    fireEvent.click(screen.getByTestId('publish'))
    expect(callsTo('/api/land/meetings/close')).toHaveLength(0)
    expect(callsTo('/api/land/notices/publish')).toHaveLength(0)
    fireEvent.click(screen.getByTestId('publish-confirm'))
    await waitFor(() => expect(callsTo('/api/land/notices/publish')).toHaveLength(1))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/land/notice/index?noticeId=${noticeId}&villageId=${villageId}` }))
  })
})

describe('a cadre enters an assisted ballot from the roll call', () => {
  it('asks who asked, asks the reason for a villager not marked 需要代办, then the choice, and shows the answer', async () => {
    serveControl(
      {
        '/api/land/votes/cast': () => ok({ motionId, personId: youngId, choice: 'for', assisted: true, message: '已代为投票：同意' }),
      },
      [
        person(elderId, '乌优塔', { needsHelp: true, marked: true }),
        person(youngId, '双金', { age: 45 }),
        person('0c5b8a7d-6e0f-4a1b-8c7d-2e1f0a9b8c7f', '梅荣', { votedMotionIds: [motionId] }),
      ],
    )
    render(<LandControlPage />)
    // Folded until someone asks for help, so the hand count and 结束表决 stay near.
    fireEvent.click(await screen.findByTestId('assist-toggle'))
    const rows = await screen.findAllByTestId('assist-person')
    // 梅荣 has a ballot already: only the two without one are offered, those needing help first.
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('乌优塔'), expect.stringContaining('双金')])
    expect(rows[0]?.textContent).toContain('需要代办')
    expect(rows[1]?.textContent).toContain('双金户，45岁')

    fireEvent.click(within(rows[1] as HTMLElement).getByTestId('assist-open'))
    fireEvent.click(screen.getByTestId('assist-by-family'))
    fireEvent.input(fieldIn('assist-family-name'), { target: { value: '双金的儿子巴图' } })
    fireEvent.click(screen.getByTestId('assist-choice-for'))
    // Not marked: the reason is asked for, and the same shared rule as the server refuses without it.
    fireEvent.click(screen.getByTestId('assist-submit'))
    expect((await within(screen.getByTestId('assist-form')).findByTestId('error-notice')).textContent).toContain('须写明原因')
    expect(callsTo('/api/land/votes/cast')).toHaveLength(0)
    fireEvent.input(fieldIn('assist-reason'), { target: { value: '手机没电了，本人当面请求' } })
    fireEvent.click(screen.getByTestId('assist-submit'))
    await waitFor(() => expect(callsTo('/api/land/votes/cast')).toHaveLength(1))
    expect(callsTo('/api/land/votes/cast')[0]?.data).toEqual({
      motionId,
      choice: 'for',
      onBehalfOfPersonId: youngId,
      assistance: { requestedBy: 'family', familyMemberName: '双金的儿子巴图', reason: '手机没电了，本人当面请求' },
    })
    expect((await screen.findByTestId('assist-done')).textContent).toBe('双金：已代为投票：同意')
  })

  it('does not ask a reason for a villager marked 需要代办, and shows the refusal inside the form', async () => {
    serveControl({ '/api/land/votes/cast': () => fail(409, 'vote_assisted_voter_voted_self', '这位村民已经自己投了票，本人的投票不能由别人代替') }, [
      person(elderId, '乌优塔', { needsHelp: true, marked: true }),
    ])
    render(<LandControlPage />)
    fireEvent.click(await screen.findByTestId('assist-toggle'))
    fireEvent.click(await screen.findByTestId('assist-open'))
    expect(screen.queryByTestId('assist-reason')).toBeNull()
    fireEvent.click(screen.getByTestId('assist-by-self'))
    fireEvent.click(screen.getByTestId('assist-choice-against'))
    fireEvent.click(screen.getByTestId('assist-submit'))
    await waitFor(() =>
      expect(callsTo('/api/land/votes/cast')[0]?.data).toEqual({
        motionId,
        choice: 'against',
        onBehalfOfPersonId: elderId,
        assistance: { requestedBy: 'self' },
      }),
    )
    expect((await within(screen.getByTestId('assist-form')).findByTestId('error-notice')).textContent).toContain('本人的投票不能由别人代替')
  })

  it('lets the branch leader set and clear the 需要代办 mark', async () => {
    serveControl({ '/api/land/assistance/mark': () => ok({ ok: true }) }, [
      person(youngId, '双金'),
      person(elderId, '乌优塔', { needsHelp: true, marked: true }),
    ])
    render(<LandControlPage />)
    fireEvent.click(await screen.findByTestId('assist-toggle'))
    // Found by name; those already needing help are listed first.
    expect((await screen.findAllByTestId('assist-person')).map((row) => row.textContent)).toEqual([
      expect.stringContaining('乌优塔'),
      expect.stringContaining('双金'),
    ])
    fireEvent.input(fieldIn('assist-search'), { target: { value: '双金' } })
    const [young] = await screen.findAllByTestId('assist-person')
    expect(screen.getAllByTestId('assist-person')).toHaveLength(1)
    fireEvent.click(within(young as HTMLElement).getByTestId('assist-mark'))
    fireEvent.click(within(young as HTMLElement).getByTestId('assist-mark-illiterate'))
    await waitFor(() => expect(callsTo('/api/land/assistance/mark')[0]?.data).toEqual({ villageId, personId: youngId, need: 'illiterate' }))
    fireEvent.input(fieldIn('assist-search'), { target: { value: '' } })
    const rows = await screen.findAllByTestId('assist-person')
    fireEvent.click(within(rows[0] as HTMLElement).getByTestId('assist-unmark'))
    await waitFor(() => expect(callsTo('/api/land/assistance/mark')[1]?.data).toEqual({ villageId, personId: elderId, need: null }))
  })
})

const paper: NoticePaper = {
  id: noticeId,
  villageName: '高井嘎查',
  year: 2026,
  season: '2026年春播至秋收',
  status: 'open',
  publishedOn: '2026-03-30',
  endsOn: '2026-04-05',
  periodDays: 7,
  perHouseholdTenthMu: 120,
  motions: [
    {
      title: ballot.motionTitle,
      kind: 'whole_list',
      passed: true,
      result: tally({ passed: true, majority: true, total: { for: 40, against: 1, abstain: 1 } }),
    },
  ],
  awards: [{ householdLabel: '乌优塔户', rank: 1, tenthMu: 120, parcels: ['东洼1号（12亩）'] }],
  waitlisted: [],
  correctionReason: null,
  correctedBy: null,
  correctsPublishedOn: null,
  isCorrection: false,
  isRepublication: false,
  url: `https://xiangyue.example.cn/#/packages/land/notice/index?noticeId=${noticeId}`,
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
}

describe('the public notice and the way back after login', () => {
  it('opens for a reader who never logged in, with the verdict, how to object and the URL, and no login wall', async () => {
    Taro.useRouter.mockImplementation(() => ({ params: { noticeId } }))
    serve({ '/api/land/notices/public': () => ok(paper) })
    render(<LandNoticePage />)
    expect((await screen.findByTestId('notice-title')).textContent).toBe('高井嘎查2026年移风易俗先进典型奖励耕地公示')
    expect(screen.getByTestId('notice-verdict').textContent).toContain('通过：同意40人')
    expect(screen.getByTestId('notice-how-to').textContent).toContain('2026-04-05前')
    expect(screen.getByTestId('notice-url').textContent).toContain(paper.url)
    expect(callsTo('/api/land/notices/get')).toHaveLength(0)
    expect(Taro.reLaunch).not.toHaveBeenCalled()
    expect(screen.getByTestId('notice-login')).toBeTruthy()
  })

  it('says where the result of a year recorded from the paper archive is, instead of an empty 结论', async () => {
    Taro.useRouter.mockImplementation(() => ({ params: { noticeId } }))
    serve({ '/api/land/notices/public': () => ok({ ...paper, status: 'locked', motions: [] }) })
    render(<LandNoticePage />)
    expect((await screen.findByTestId('notice-no-motions')).textContent).toContain('以村里存档的会议记录为准')
    expect(screen.queryByTestId('notice-verdict')).toBeNull()
    expect(screen.getByTestId('notice-awards').textContent).toContain('乌优塔户')
  })

  it('returns to the page the reader came from after login, never to another site', async () => {
    const back = `/packages/land/notice/index?noticeId=${noticeId}`
    Taro.useRouter.mockImplementation(() => ({ params: { returnTo: encodeURIComponent(back) } }))
    Taro.request.mockImplementation((call: RequestCall) => Promise.resolve(call.url === '/api/auth/demo-personas' ? ok({ personas }) : ok(session)))
    const { unmount } = render(<LoginPage />)
    fireEvent.click(await screen.findByTestId(`persona-${weaverId}`))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: back }))
    expect(Taro.switchTab).not.toHaveBeenCalled()
    unmount()

    Taro.removeStorageSync('xy.session.token')
    Taro.reLaunch.mockClear()
    Taro.useRouter.mockImplementation(() => ({ params: { returnTo: 'https://evil.example/phish' } }))
    render(<LoginPage />)
    fireEvent.click(await screen.findByTestId(`persona-${weaverId}`))
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})
