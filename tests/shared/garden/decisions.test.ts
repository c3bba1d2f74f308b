import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  closeRefusal,
  matterEligibilityRefusal,
  matterOptions,
  resultArithmetic,
  tallyMatter,
  thresholdExplained,
  votingPhase,
  votingWindowRefusal,
  type MatterOption,
} from '../../../shared/garden'
import { countVotes, quorumHeld, tallyMotion } from '../../../shared/votes'

describe('quorum rules', () => {
  it('a matter without a roll-call quorum still refuses impossible turnout', () => {
    expect(quorumHeld('none', 15, 15)).toBe(true)
    expect(quorumHeld('none', 15, 16)).toBe(false)
    expect(quorumHeld('none', 0, 0)).toBe(false)
  })
})

const yesNo = matterOptions('yes_no', []) as MatterOption[]
const crops = matterOptions('choice', ['西红柿', '黄瓜', '豆角']) as MatterOption[]
const noHall = { present: 0, votedInApp: 0 }

describe('courtyard matters are counted by the land engine', () => {
  it.each([
    // of those voting: strictly more than half; 弃权 is a vote
    ['voting', 200, { for: 50, against: 50 }, false],
    ['voting', 200, { for: 51, against: 49 }, true],
    ['voting', 15, { for: 5, against: 3, abstain: 2 }, false],
    ['voting', 15, { for: 6, against: 3, abstain: 2 }, true],
    ['voting', 15, {}, false],
    // of all eligible: not voting is not agreeing
    ['eligible', 15, { for: 7 }, false],
    ['eligible', 15, { for: 8 }, true],
    ['eligible', 100, { for: 50 }, false],
    ['eligible', 100, { for: 51 }, true],
  ] as const)('%s, 应到 %i, %o → passed %s', (threshold, eligible, app, passed) => {
    expect(tallyMatter('yes_no', threshold, yesNo, { eligible, app, hands: null, hall: noHall }).passed).toBe(passed)
  })

  it('a named option carries only with more than half; 弃权 never carries', () => {
    const split = tallyMatter('choice', 'voting', crops, { eligible: 15, app: { o1: 5, o2: 4, o3: 1 }, hands: null, hall: noHall })
    expect(split.carried).toBeNull()
    expect(resultArithmetic('choice', split)).toBe('最多的“西红柿” 5 人，没有超过投票 10 人的一半（至少要 6 人）→ 未通过')
    const clear = tallyMatter('choice', 'voting', crops, {
      eligible: 15,
      app: { o1: 6, o2: 3 },
      hands: { o1: 1, o2: 0, o3: 0, abstain: 0 },
      hall: { present: 1, votedInApp: 0 },
    })
    expect(clear.carried).toBe('o1')
    expect(resultArithmetic('choice', clear)).toBe('“西红柿” 7 人，占投票 10 人的过半数（至少 6 人）→ 通过：西红柿')
    const abstained = tallyMatter('choice', 'voting', crops, { eligible: 15, app: { abstain: 9, o1: 1 }, hands: null, hall: noHall })
    expect(abstained.carried).toBeNull()
  })

  it('hands above those in the hall without an app ballot void the count', () => {
    const over = tallyMatter('yes_no', 'voting', yesNo, {
      eligible: 15,
      app: { for: 3 },
      hands: { for: 5, against: 0, abstain: 0 },
      hall: { present: 6, votedInApp: 2 },
    })
    expect(over.maxHands).toBe(4)
    expect(over.overCount).toBe(true)
    expect(over.passed).toBe(false)
    expect(resultArithmetic('yes_no', over)).toContain('结果无效')
  })

  it('writes the arithmetic a resident reads', () => {
    const tally = tallyMatter('yes_no', 'voting', yesNo, {
      eligible: 15,
      app: { for: 4, against: 1 },
      hands: { for: 5, against: 1, abstain: 1 },
      hall: { present: 7, votedInApp: 0 },
    })
    expect(resultArithmetic('yes_no', tally)).toBe('同意 9 人，占投票 12 人的过半数（至少 7 人）→ 通过')
    const fails = tallyMatter('yes_no', 'eligible', yesNo, { eligible: 15, app: { for: 7, against: 1 }, hands: null, hall: noHall })
    expect(resultArithmetic('yes_no', fails)).toBe('同意 7 人，没有超过有投票权的 15 人的一半（至少要 8 人）→ 未通过')
    expect(resultArithmetic('yes_no', tallyMatter('yes_no', 'voting', yesNo, { eligible: 15, app: {}, hands: null, hall: noHall }))).toBe('没有人投票 → 未通过')
  })

  it('explains the threshold in words before voting starts', () => {
    expect(thresholdExplained('eligible', 'yes_no', 15)).toContain('至少8人')
    expect(thresholdExplained('voting', 'yes_no', 15)).toContain('弃权也算参加投票')
    expect(thresholdExplained('voting', 'yes_no', 15)).toContain('5人同意不通过')
  })

  it('for yes/no of those voting, passes exactly when 同意 is more than half of all ballots', () => {
    const n = fc.nat({ max: 300 })
    fc.assert(
      fc.property(n, n, n, n, n, n, (af, aa, ab, hf, ha, hb) => {
        const hands = { for: hf, against: ha, abstain: hb }
        const tally = tallyMatter('yes_no', 'voting', yesNo, {
          eligible: 2000,
          app: { for: af, against: aa, abstain: ab },
          hands,
          hall: { present: hf + ha + hb, votedInApp: 0 },
        })
        const ballots = af + aa + ab + hf + ha + hb
        expect(tally.voted).toBe(ballots)
        expect(tally.passed).toBe(2 * (af + hf) > ballots)
      }),
    )
  })

  it('keeps the land motion exactly as before: a motion is the engine with the meeting’s rules', () => {
    const n = fc.nat({ max: 120 })
    fc.assert(
      fc.property(fc.constantFrom('assembly', 'assembly_households', 'representatives' as const), n, n, n, n, n, (type, eligible, present, f, a, h) => {
        const app = { for: f, against: a, abstain: 0 }
        const hands = { for: h, against: 0, abstain: 0 }
        const motion = tallyMotion({ type, eligible, present, app, hands })
        const engine = countVotes({
          rules: { quorum: type === 'assembly' ? 'more_than_half' : 'two_thirds', majorityOf: 'present' },
          options: ['for', 'against', 'abstain'],
          carrying: ['for'],
          eligible,
          present,
          app,
          hands,
          hall: { present, votedInApp: f + a },
        })
        expect(motion.passed).toBe(engine.passed)
        expect(motion.passed).toBe(motion.quorum && 2 * (f + h) > present && !motion.overCount)
      }),
    )
  })
})

describe('the matter’s own rules', () => {
  it('validates options', () => {
    expect(matterOptions('yes_no', []).length).toBe(3)
    expect(matterOptions('yes_no', ['多余'])).toBe('options_invalid')
    expect(matterOptions('choice', ['只有一个'])).toBe('options_invalid')
    expect(matterOptions('choice', ['甲', '甲'])).toBe('options_invalid')
    expect(matterOptions('choice', ['甲', '弃权'])).toBe('options_invalid')
    expect(matterOptions('choice', ['甲', ' '])).toBe('options_invalid')
    expect(matterOptions('choice', ['甲', '乙'])).toEqual([
      { key: 'o1', label: '甲' },
      { key: 'o2', label: '乙' },
      { key: 'abstain', label: '弃权' },
    ])
  })

  it('bounds the voting window', () => {
    const now = new Date('2026-12-01T00:00:00Z')
    const day = 24 * 3600_000
    expect(votingWindowRefusal(now, new Date(now.getTime() + day), now)).toBeNull()
    expect(votingWindowRefusal(now, now, now)).toBe('window_invalid')
    expect(votingWindowRefusal(new Date(now.getTime() - 3 * day), new Date(now.getTime() - day), now)).toBe('window_invalid')
    expect(votingWindowRefusal(now, new Date(now.getTime() + 61 * day), now)).toBe('window_invalid')
  })

  it('closes only after the window, or once the meeting’s hands are in', () => {
    const matter = { status: 'open' as const, opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-05T12:00:00Z') }
    expect(votingPhase(matter, new Date('2026-11-30T00:00:00Z'))).toBe('not_yet')
    expect(votingPhase(matter, new Date('2026-12-03T00:00:00Z'))).toBe('open')
    expect(votingPhase(matter, new Date('2026-12-05T12:00:00Z'))).toBe('ended')
    expect(closeRefusal('open', false)).toBe('still_voting')
    expect(closeRefusal('open', true)).toBeNull()
    expect(closeRefusal('ended', false)).toBeNull()
    expect(closeRefusal('decided', true)).toBe('decided')
  })

  it('applies the village meeting’s eligibility with the courtyard’s words', () => {
    expect(matterEligibilityRefusal('residents', 2026, { birthYear: 2010, rolesInVillage: ['villager'] })).toEqual({ code: 'vote_under_18' })
    expect(matterEligibilityRefusal('residents', 2026, { birthYear: 1950, rolesInVillage: [] })).toEqual({ code: 'not_member_of_village' })
    expect(matterEligibilityRefusal('council', 2026, { birthYear: 1950, rolesInVillage: ['villager'] })?.code).toBe('vote_not_eligible')
    expect(matterEligibilityRefusal('council', 2026, { birthYear: 1950, rolesInVillage: ['villager'] })).toHaveProperty(
      'message',
      '这件事由居民议事会成员投票，您不是议事会成员',
    )
    expect(matterEligibilityRefusal('households', 2026, { birthYear: 1950, rolesInVillage: ['villager', 'household_rep'] })).toBeNull()
  })
})
