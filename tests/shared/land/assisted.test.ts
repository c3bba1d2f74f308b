import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assistedBallotRefusal,
  assistRequestLine,
  ballotLine,
  ballotMayReplace,
  checkMeetingNotice,
  latestMeetingDate,
  needsAssistance,
  noticePeriodRefusal,
  tallyMotion,
} from '../../../shared/votes'

describe('assisted ballots', () => {
  it.each([
    [{ voterHasOwnBallot: true, voterNeedsHelp: true, reason: '不识字' }, 'vote_assisted_voter_voted_self'],
    [{ voterHasOwnBallot: false, voterNeedsHelp: false, reason: undefined }, 'vote_assisted_reason_required'],
    [{ voterHasOwnBallot: false, voterNeedsHelp: false, reason: '  ' }, 'vote_assisted_reason_required'],
    [{ voterHasOwnBallot: false, voterNeedsHelp: false, reason: '手受伤了' }, null],
    [{ voterHasOwnBallot: false, voterNeedsHelp: true, reason: null }, null],
  ] as const)('%j → %s', (facts, code) => {
    expect(assistedBallotRefusal(facts)?.code ?? null).toBe(code)
  })

  it('the villager’s own ballot is never replaced by an assisted one, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (assistedFlags) => {
        // Replay a sequence of casts through the rule; once an own ballot lands, no assisted one replaces it.
        let stored: { assisted: boolean } | null = null
        let ownSeen = false
        for (const assisted of assistedFlags) {
          if (ballotMayReplace(stored, { assisted })) stored = { assisted }
          if (!assisted) ownSeen = true
          if (ownSeen && stored?.assisted) return false
        }
        return true
      }),
    )
    expect(ballotMayReplace({ assisted: true }, { assisted: false })).toBe(true)
    expect(ballotMayReplace({ assisted: false }, { assisted: true })).toBe(false)
    expect(ballotMayReplace({ assisted: true }, { assisted: true })).toBe(true)
  })

  it.each([
    [{ marked: true, householdElderly: false, birthYear: 1990 }, true],
    [{ marked: false, householdElderly: true, birthYear: 1966 }, true],
    [{ marked: false, householdElderly: true, birthYear: 1967 }, false],
    [{ marked: false, householdElderly: false, birthYear: 1930 }, false],
  ])('needs help in 2026: %j → %s', (voter, expected) => {
    expect(needsAssistance(voter, 2026)).toBe(expected)
  })

  it('tells the villager who entered the ballot and that it can still be changed', () => {
    expect(ballotLine({ choice: 'for', assisted: true, assistedByName: '莫日根' }, true)).toBe('由莫日根代为投票：同意，可以改')
    expect(ballotLine({ choice: 'for', assisted: true, assistedByName: '莫日根' }, false)).toBe('由莫日根代为投票：同意')
    expect(ballotLine({ choice: 'against', assisted: false, assistedByName: null }, true)).toBe('您已投票：反对')
    expect(assistRequestLine('family', '女儿')).toBe('应家属女儿的请求代投')
    expect(assistRequestLine('self', null)).toBe('应您本人的请求代投')
  })

  it('the tally counts assisted ballots among the app ballots, never more than them', () => {
    const tally = tallyMotion({ type: 'assembly', eligible: 10, present: 8, app: { for: 3, against: 1, abstain: 0 }, hands: null, assisted: 2 })
    expect(tally).toMatchObject({ assisted: 2, votedInApp: 4 })
    expect(tallyMotion({ type: 'assembly', eligible: 10, present: 8, app: { for: 1, against: 0, abstain: 0 }, hands: null, assisted: 5 }).assisted).toBe(1)
  })
})

describe('notice period and meeting window', () => {
  it.each([
    [1, 'too_short'],
    [6, 'too_short'],
    [7, null],
    [30, null],
    [31, 'too_long'],
  ] as const)('a 公示 of %i days → %s', (days, verdict) => {
    expect(noticePeriodRefusal(days)).toBe(verdict)
  })

  it('a meeting lies at most a year ahead', () => {
    expect(latestMeetingDate('2026-03-30')).toBe('2027-03-30')
    expect(latestMeetingDate('2028-02-29')).toBe('2029-02-28')
    expect(checkMeetingNotice('2026-03-30', '2027-03-30', null)).toMatchObject({ ok: true })
    expect(checkMeetingNotice('2026-03-30', '2027-03-31', null)).toMatchObject({ ok: false, reason: 'too_far' })
    expect(checkMeetingNotice('2026-03-30', '2099-12-31', '急')).toMatchObject({ ok: false, reason: 'too_far' })
  })
})
