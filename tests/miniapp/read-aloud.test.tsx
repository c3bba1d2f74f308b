/**
 * 读给我听: each page's text is a pure function of what the page shows; the button hands exactly
 * that text to the speech adapter, which a test replaces with one that records what it is given.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Ballot, NoticePaper } from '@shared/land'
import type { GardenOverview } from '@shared/garden'
import type { Statement } from '@shared/piecework'
import { ReadAloudButton } from '@/components/read-aloud-button'
import { READ_ALOUD_UNAVAILABLE, readAloud, setSpeaker, speechPieces, type SpeakOutcome, type Speaker } from '@/lib/read-aloud'
import { spokenClock, spokenClockRange, spokenDate, spokenYuan } from '@/lib/spoken'
import { ballotReadAloudText } from '@/packages/land/vote/read-aloud'
import { noticeReadAloudText } from '@/packages/land/notice/read-aloud'
import { nextShiftReadAloudText } from '@/packages/garden/home/read-aloud'
import { myPayReadAloudText } from '@/packages/piecework/mine/read-aloud'
import MyPieceworkPage from '@/packages/piecework/mine/index'
import { serveGarden, signedInAt, uuid } from './garden-fixtures'

/** A speaker that only writes down what it was asked to say. */
function recordingSpeaker(outcome: SpeakOutcome = { ok: true }): Speaker & { said: string[]; stopped: number } {
  const speaker = {
    said: [] as string[],
    stopped: 0,
    speak: (text: string) => {
      speaker.said.push(text)
      return Promise.resolve(outcome)
    },
    stop: () => {
      speaker.stopped += 1
    },
  }
  return speaker
}

afterEach(() => setSpeaker(null))

describe('numbers as they are heard', () => {
  it.each([
    ['2026-12-01', '12月1日'],
    ['2026-04-15', '4月15日'],
    ['不是日期', '不是日期'],
  ])('date %s → %s', (iso, spoken) => expect(spokenDate(iso)).toBe(spoken))

  it.each([
    [0, '0元'],
    [600, '6元'],
    [2450, '24元5角'],
    [2405, '24元零5分'],
    [2914, '29元1角4分'],
    [-300, '扣3元'],
  ])('%i fen → %s', (fen, spoken) => expect(spokenYuan(fen)).toBe(spoken))

  it.each([
    [7 * 60, '早上7点'],
    [7 * 60 + 30, '早上7点半'],
    [12 * 60 + 15, '中午12点15分'],
    [15 * 60, '下午3点'],
    [19 * 60, '晚上7点'],
  ])('minute %i → %s', (minute, spoken) => expect(spokenClock(minute)).toBe(spoken))

  it('names the part of the day once when a shift stays in it', () => {
    expect(spokenClockRange(7 * 60, 8 * 60)).toBe('早上7点到8点')
    expect(spokenClockRange(11 * 60 + 30, 13 * 60 + 30)).toBe('早上11点半到下午1点半')
  })

  it('splits a long text at sentence ends into pieces WeChat can synthesise, losing nothing', () => {
    const text = `${'第一句很长'.repeat(30)}。第二句。第三句！`
    const pieces = speechPieces(text, 60)
    expect(pieces.every((piece) => piece.length <= 60)).toBe(true)
    expect(pieces.join('')).toBe(text)
  })
})

const ballot: Ballot = {
  motionId: uuid(1),
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
      nominationId: uuid(2),
      householdLabel: '包巴特尔户',
      headName: '包巴特尔',
      headAge: 67,
      memberCount: 4,
      deedKind: 'no_birthday_banquet',
      deedDate: '2026-02-01',
      notes: '老人七十大寿没有办酒',
    },
    {
      nominationId: uuid(3),
      householdLabel: '乌优塔户',
      headName: '乌优塔',
      headAge: 41,
      memberCount: 3,
      deedKind: 'no_full_month_banquet',
      deedDate: '2026-01-12',
      notes: '',
    },
  ],
}

describe('the ballot, read aloud', () => {
  it('reads the motion and every household with its head, size and deed, then asks for a choice', () => {
    expect(ballotReadAloudText(ballot)).toBe(
      '2026年移风易俗先进典型评选村民会议。表决事项：同意以上2户为2026年移风易俗先进典型。' +
        '候选户共2户，每户12亩。' +
        '第1户，包巴特尔户，户主：包巴特尔，67岁；全户4人；事迹：拒办寿宴，2月1日，老人七十大寿没有办酒。' +
        '第2户，乌优塔户，户主：乌优塔，41岁；全户3人；事迹：拒办满月酒，1月12日。' +
        '这次是对这2户一起表决。' +
        '您还没有投票。请在下面选同意、反对或弃权，再点确认投票。',
    )
  })

  it('says how I voted, and who entered it when a cadre did', () => {
    expect(ballotReadAloudText({ ...ballot, choice: 'for' })).toMatch(/您已投票：同意。表决结束前，您可以更改。$/)
    expect(ballotReadAloudText({ ...ballot, choice: 'against', assisted: true, assistedByName: '白玉梅' })).toMatch(
      /由白玉梅代为投票：反对，可以改。表决结束前，您可以更改。$/,
    )
    expect(ballotReadAloudText({ ...ballot, motionOpen: false })).toMatch(/表决已经结束。$/)
  })
})

const paper: NoticePaper = {
  id: uuid(10),
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
      result: {
        eligible: 100,
        present: 60,
        quorumNeeded: 51,
        quorum: true,
        app: { for: 2, against: 0, abstain: 0 },
        hands: { for: 38, against: 1, abstain: 1 },
        handsEntered: true,
        total: { for: 40, against: 1, abstain: 1 },
        votedInApp: 2,
        maxHands: 58,
        notVoting: 18,
        majority: true,
        passed: true,
        overCount: false,
        assisted: 0,
      },
    },
  ],
  awards: [
    { householdLabel: '包巴特尔户', rank: 1, tenthMu: 120, parcels: ['东洼1号（12亩）'] },
    { householdLabel: '乌优塔户', rank: 2, tenthMu: 120, parcels: ['东洼2号（12亩）'] },
  ],
  waitlisted: [],
  correctionReason: null,
  correctedBy: null,
  correctsPublishedOn: null,
  isCorrection: false,
  isRepublication: false,
  url: 'https://xiangyue.example.cn/#/packages/land/notice/index',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
}

describe('the public notice, read aloud', () => {
  it('reads who is awarded, the verdict with its arithmetic, and how and until when to object', () => {
    expect(noticeReadAloudText(paper)).toBe(
      '高井嘎查2026年移风易俗先进典型奖励耕地公示。公示到4月5日。' +
        '获奖的有2户：包巴特尔户、乌优塔户。' +
        '同意以上2户为2026年移风易俗先进典型，通过：同意40人，超过实到60人的一半。' +
        '对公示内容有异议的，请在公示期内（4月5日前）通过乡约小程序提出，或向村党支部书面提出，村里会书面答复。',
    )
  })
})

type Upcoming = GardenOverview['upcoming'][number]
const shift = (n: number, startsAt: string, endsAt: string, others: string[]): Upcoming => ({
  id: uuid(20 + n),
  dutyId: null,
  title: '早上浇水',
  kind: 'watering',
  startsAt,
  endsAt,
  date: startsAt.slice(0, 10),
  capacity: 3,
  cancelledAt: null,
  cancelReason: null,
  unpopular: false,
  people: [
    { signupId: uuid(40 + n), personId: uuid(50), name: '沙秀芳', status: 'booked', checkedInAt: null },
    ...others.map((name, i) => ({ signupId: uuid(60 + n * 10 + i), personId: uuid(70 + i), name, status: 'booked' as const, checkedInAt: null })),
  ],
  mySignupId: uuid(40 + n),
  myStatus: 'booked',
})

describe('the garden home, read aloud', () => {
  it('reads my next shift (the earliest), who else is on it, and how many follow', () => {
    // 2026-11-24 07:00–08:00 in Beijing, a Tuesday; the later shift is listed first on purpose.
    const later = shift(2, '2026-11-27T23:00:00.000Z', '2026-11-28T00:00:00.000Z', [])
    const next = shift(1, '2026-11-23T23:00:00.000Z', '2026-11-24T00:00:00.000Z', ['马淑兰'])
    expect(nextShiftReadAloudText({ upcoming: [later, next] })).toBe(
      '您的下一个班：11月24日，周二，早上7点到8点，早上浇水。状态：已报名。同班的有马淑兰。之后您还有1个班。',
    )
  })

  it('says plainly when there is none', () => {
    expect(nextShiftReadAloudText({ upcoming: [] })).toBe('最近没有您的班。可以在值班月历里挑一个有空位的班报名。')
  })
})

const openPeriod = { id: uuid(80), name: '第2期', startsOn: '2026-11-16', endsOn: '2026-11-29', status: 'open' as const, closedAt: null, totalFen: null }
const statement: Statement = {
  worker: { id: uuid(81), householdId: uuid(82), name: '杨秀云', villageName: '前杨村', fromOtherVillage: true },
  workshopName: '馆里村手撒网工坊',
  todayFen: 120,
  periodFen: 2450,
  yearFen: 35140,
  currentPeriod: openPeriod,
  material: [],
  days: [],
  adjustments: [],
  periods: [],
}

describe('my pay, read aloud', () => {
  it('reads this period’s pay so far and today’s, in 元 and 角', () => {
    expect(myPayReadAloudText(statement)).toBe(
      '杨秀云家的计件工资。这一期是第2期，从11月16日到11月29日，到现在是24元5角。今天是1元2角。这一期还没结账，交了新的件数还会变。',
    )
  })
  it('with no open period, reads the year so far', () => {
    expect(myPayReadAloudText({ ...statement, currentPeriod: null })).toBe('杨秀云家的计件工资。现在没有正在算的工资周期。今年一共351元4角。')
  })

  it('the page’s 读给我听 hands exactly that text to the speaker', async () => {
    const speaker = recordingSpeaker()
    setSpeaker(speaker)
    signedInAt({ workshopId: uuid(90) })
    serveGarden({ '/api/piecework/statement': () => statement })
    render(<MyPieceworkPage />)
    fireEvent.click(await screen.findByTestId('read-aloud'))
    expect(speaker.said).toEqual([myPayReadAloudText(statement)])
  })
})

describe('the 读给我听 button', () => {
  it('reads, and a second press while reading stops it', async () => {
    let finish: (outcome: SpeakOutcome) => void = () => undefined
    const speaker = { ...recordingSpeaker(), speak: vi.fn(() => new Promise<SpeakOutcome>((resolve) => (finish = resolve))), stop: vi.fn() }
    setSpeaker(speaker)
    render(<ReadAloudButton text='您的下一个班：明天早上7点。' />)
    const button = screen.getByTestId('read-aloud')
    expect(button.textContent).toContain('读给我听')
    expect(button.getAttribute('role')).toBe('button')
    fireEvent.click(button)
    expect(speaker.speak).toHaveBeenCalledWith('您的下一个班：明天早上7点。')
    await waitFor(() => expect(button.textContent).toContain('停止朗读'))
    fireEvent.click(button)
    expect(speaker.stop).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(button.textContent).toContain('读给我听'))
    finish({ ok: true })
  })

  it('says in words when the phone cannot read aloud, instead of failing silently', async () => {
    setSpeaker(recordingSpeaker({ ok: false, message: READ_ALOUD_UNAVAILABLE }))
    render(<ReadAloudButton text='公示' />)
    fireEvent.click(screen.getByTestId('read-aloud'))
    expect((await screen.findByTestId('read-aloud-problem')).textContent).toBe(READ_ALOUD_UNAVAILABLE)
  })

  it('a speech engine that throws still ends in words, not a button stuck on 停止朗读', async () => {
    setSpeaker({ speak: () => Promise.reject(new TypeError('no engine')), stop: () => undefined })
    render(<ReadAloudButton text='公示' />)
    fireEvent.click(screen.getByTestId('read-aloud'))
    expect((await screen.findByTestId('read-aloud-problem')).textContent).toBe(READ_ALOUD_UNAVAILABLE)
    expect(screen.getByTestId('read-aloud').textContent).toContain('读给我听')
  })

  it('stops reading when the page goes away', () => {
    const speaker = recordingSpeaker()
    setSpeaker(speaker)
    const { unmount } = render(<ReadAloudButton text='公示' />)
    unmount()
    expect(speaker.stopped).toBe(1)
  })

  it('on H5 without speech synthesis, the platform adapter answers with the clear message', async () => {
    // jsdom has no speechSynthesis: the adapter's own H5 branch, as on a browser that lacks it.
    expect(await readAloud('你好')).toEqual({ ok: false, message: READ_ALOUD_UNAVAILABLE })
  })
})
