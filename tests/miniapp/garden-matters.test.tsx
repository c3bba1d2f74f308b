import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { MatterDetail } from '@shared/garden'
import MatterDetailPage from '@/packages/garden/matters/detail/index'
import { callsTo, gardenVillageId, inMinutes, serveGarden, signedInAt, uuid } from './garden-fixtures'

const DETAIL = '/api/garden/matters/detail'
const VOTE = '/api/garden/matters/vote'
const matterId = uuid(900)

const matter = (parts: Partial<MatterDetail> = {}): MatterDetail => ({
  id: matterId,
  title: '冬季菜园停止浇水值班',
  body: '冬藏期间暂停早上浇水值班。',
  kind: 'yes_no',
  electorate: 'residents',
  electorateLabel: '本院18周岁以上居民，每人一票',
  threshold: 'voting',
  thresholdWords: '在参加投票的人里，同意的要超过一半才算通过；弃权也算参加投票。',
  opensAt: inMinutes(-60),
  closesAt: inMinutes(3 * 24 * 60),
  phase: 'open',
  passed: null,
  arithmetic: null,
  options: [
    { key: 'for', label: '同意' },
    { key: 'against', label: '反对' },
    { key: 'abstain', label: '弃权' },
  ],
  eligible: 15,
  votedSoFar: 3,
  myChoice: null,
  myChoiceKey: null,
  mayVote: true,
  notEligibleReason: null,
  handsEntered: false,
  result: null,
  pausesDuty: null,
  changed: [],
  mayManage: false,
  createdByName: '马淑兰',
  decidedAt: null,
  ...parts,
})

describe('a courtyard matter on the phone', () => {
  it('shows the rule before the choices, asks to confirm, and says the vote was taken only after the server answers', async () => {
    signedInAt({ villageId: gardenVillageId, matterId })
    let mine: string | null = null
    serveGarden({
      [DETAIL]: () => matter(mine ? { myChoice: mine === 'for' ? '同意' : '反对', myChoiceKey: mine } : {}),
      [VOTE]: (call) => {
        mine = (call.data as { choice: string }).choice
        return { matterId, choice: mine, message: '您已投票：同意，截止前可以改' }
      },
    })
    render(<MatterDetailPage />)
    expect((await screen.findByTestId('matter-threshold')).textContent).toContain('弃权也算参加投票')
    fireEvent.click(screen.getByTestId('matter-choose-for'))
    expect(callsTo(VOTE)).toHaveLength(0)
    expect(screen.getByTestId('matter-confirm-box').textContent).toContain('您选择的是：同意')
    fireEvent.click(screen.getByTestId('matter-confirm-vote'))
    await waitFor(() => expect(screen.getByTestId('matter-vote-confirmation').textContent).toBe('您已投票：同意，截止前可以改'))
    expect(callsTo(VOTE)).toHaveLength(1)
    expect(screen.getByTestId('matter-change-vote')).toBeTruthy()
  })

  it('tells a resident who may not vote why, and offers no choices', async () => {
    signedInAt({ villageId: gardenVillageId, matterId })
    serveGarden({ [DETAIL]: () => matter({ electorate: 'council', mayVote: false, notEligibleReason: '这件事由居民议事会成员投票，您不是议事会成员' }) })
    render(<MatterDetailPage />)
    expect(await screen.findByText('这件事由居民议事会成员投票，您不是议事会成员')).toBeTruthy()
    expect(screen.queryByTestId('matter-choose-for')).toBeNull()
  })

  it('shows a published result with its arithmetic and what it changed, and no way to vote', async () => {
    signedInAt({ villageId: gardenVillageId, matterId })
    const options = [
      { key: 'for', label: '同意', app: 3, hands: 1, total: 4 },
      { key: 'against', label: '反对', app: 1, hands: 0, total: 1 },
      { key: 'abstain', label: '弃权', app: 0, hands: 1, total: 1 },
    ]
    serveGarden({
      [DETAIL]: () =>
        matter({
          phase: 'decided',
          passed: true,
          myChoice: '同意',
          myChoiceKey: 'for',
          arithmetic: '同意 4 人，占投票 6 人的过半数（至少 4 人）→ 通过',
          result: {
            threshold: 'voting',
            eligible: 15,
            voted: 6,
            base: 6,
            needed: 4,
            handsEntered: true,
            hallPresent: 2,
            maxHands: 2,
            overCount: false,
            options,
            carried: 'for',
            passed: true,
          },
          changed: [{ subjectType: 'garden_duty', subjectId: uuid(901), label: '早上浇水', note: '按居民议事会决定《冬季菜园停止浇水值班》暂停' }],
          decidedAt: inMinutes(-1),
        }),
    })
    render(<MatterDetailPage />)
    expect((await screen.findByTestId('matter-arithmetic')).textContent).toBe('同意 4 人，占投票 6 人的过半数（至少 4 人）→ 通过')
    expect(screen.getByTestId('matter-changed').textContent).toContain('早上浇水')
    expect(screen.getByTestId('matter-vote-confirmation').textContent).toBe('您已投票：同意')
    expect(screen.queryByTestId('matter-change-vote')).toBeNull()
    expect(screen.queryByTestId('matter-choose-for')).toBeNull()
  })
})
