import { afterEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Ballot, MyVote } from '@shared/land'
import LandVotePage from '@/packages/land/vote/index'
import MinePage from '@/pages/mine/index'
import { me, ok, villageId, type RequestCall } from './fixtures'
import Taro from './taro-mock'

const motionId = '8a3b6c5d-4e8f-4a9b-8c0d-1e2f3a4b5c6d'
const pathOf = (call: RequestCall) => call.url.split('?')[0] ?? ''

const assistedBallot: MyVote = {
  motionId,
  motionTitle: '同意以上10户为2026年移风易俗先进典型',
  motionOpen: true,
  choice: 'for',
  assisted: true,
  assistedByName: '莫日根',
  requestedBy: 'family',
  familyMemberName: '女儿',
  assistReason: null,
  recordedAt: '2026-03-30 09:12',
}

const openTally = {
  motionId,
  status: 'open',
  meetingType: 'assembly',
  tally: {
    eligible: 100,
    present: 60,
    quorumNeeded: 51,
    quorum: true,
    app: { for: 1, against: 0, abstain: 0 },
    hands: { for: 0, against: 0, abstain: 0 },
    handsEntered: false,
    total: { for: 1, against: 0, abstain: 0 },
    votedInApp: 1,
    maxHands: 59,
    notVoting: 59,
    majority: false,
    passed: false,
    overCount: false,
    assisted: 1,
  },
}

function serve(routes: Record<string, (call: RequestCall) => unknown>): void {
  Taro.request.mockImplementation((call: RequestCall) => {
    const answer = routes[pathOf(call)]
    if (!answer) return Promise.resolve({ statusCode: 404, data: { error: { code: 'not_found', message: '找不到' } }, header: {}, errMsg: 'request:ok' })
    return Promise.resolve(ok(answer(call)))
  })
}
const callsTo = (path: string) => Taro.request.mock.calls.map((args) => args[0] as RequestCall).filter((call) => pathOf(call) === path)

afterEach(() => {
  Taro.request.mockReset()
  Taro.navigateTo.mockClear()
})

describe('an assisted ballot, as the villager sees it', () => {
  it('the vote page says who entered it, for whom it was asked, and lets the villager cast their own', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-land')
    Taro.useRouter.mockImplementation(() => ({ params: { motionId, villageId } }))
    const onBallot = { motionKind: 'whole_list', meetingTitle: '2026年村民会议', perHouseholdTenthMu: 120, capacity: 10, candidates: [] } as const
    let mine: Ballot = { ...assistedBallot, ...onBallot, candidates: [] }
    serve({
      '/api/land/votes/mine': () => mine,
      '/api/land/motions/tally': () => openTally,
      '/api/land/votes/cast': (call) => {
        const body = call.data as { choice: 'against' }
        mine = {
          ...assistedBallot,
          ...onBallot,
          candidates: [],
          choice: body.choice,
          assisted: false,
          assistedByName: null,
          requestedBy: null,
          familyMemberName: null,
        }
        return { motionId, personId: me.person.id, choice: body.choice, assisted: false, message: '您已投票：反对' }
      },
    })
    render(<LandVotePage />)
    expect((await screen.findByTestId('assisted-ballot-line')).textContent).toBe('由莫日根代为投票：同意，可以改')
    expect(screen.getByTestId('assisted-ballot').textContent).toContain('应家属女儿的请求代投，2026-03-30 09:12')
    expect(screen.queryByTestId('vote-confirmation')).toBeNull()

    fireEvent.click(screen.getByTestId('change-assisted-ballot'))
    fireEvent.click(await screen.findByTestId('choose-against'))
    fireEvent.click(await screen.findByTestId('confirm-vote'))
    await waitFor(() => expect(screen.getByTestId('vote-confirmation').textContent).toBe('您已投票：反对'))
    const [sent] = callsTo('/api/land/votes/cast')
    // The villager's own ballot: no one acting on their behalf.
    expect(sent?.data).toEqual({ motionId, choice: 'against' })
    await waitFor(() => expect(screen.queryByTestId('assisted-ballot')).toBeNull())
  })

  it('我的 lists the assisted ballot with the same words and takes the villager to change it', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-land')
    serve({
      '/api/me': () => me,
      '/api/land/votes/assisted': () => ({ ballots: [assistedBallot] }),
    })
    render(<MinePage />)
    expect((await screen.findByTestId('assisted-ballot-line')).textContent).toBe('由莫日根代为投票：同意，可以改')
    expect(screen.getByTestId('mine-assisted').textContent).toContain(assistedBallot.motionTitle)
    fireEvent.click(screen.getByTestId('change-assisted-ballot'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/land/vote/index?motionId=${motionId}&villageId=${villageId}` })
  })

  it('after the motion closes it still says so, without offering a change', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-land')
    serve({
      '/api/me': () => me,
      '/api/land/votes/assisted': () => ({ ballots: [{ ...assistedBallot, motionOpen: false }] }),
    })
    render(<MinePage />)
    expect((await screen.findByTestId('assisted-ballot-line')).textContent).toBe('由莫日根代为投票：同意')
    expect(screen.queryByTestId('change-assisted-ballot')).toBeNull()
  })
})
