import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkHands,
  checkMeetingNotice,
  countBallots,
  majorityOf,
  maxHands,
  noticePeriodEnds,
  quorumMet,
  quorumNeeded,
  tallyMotion,
  withinNoticePeriod,
  type MeetingType,
} from '../../../shared/votes'

describe.each<[MeetingType, number, number, boolean]>([
  // villagers' assembly: more than half of adults
  ['assembly', 100, 50, false],
  ['assembly', 100, 51, true],
  ['assembly', 101, 51, true],
  ['assembly', 101, 50, false],
  ['assembly', 1, 1, true],
  ['assembly', 0, 0, false],
  // household-representative form: at least two thirds of households
  ['assembly_households', 40, 26, false],
  ['assembly_households', 40, 27, true],
  ['assembly_households', 30, 20, true],
  ['assembly_households', 30, 19, false],
  // representatives' meeting: at least two thirds of members
  ['representatives', 10, 6, false],
  ['representatives', 10, 7, true],
  ['representatives', 9, 6, true],
  ['representatives', 9, 5, false],
  // impossible attendance is never a quorum
  ['representatives', 9, 10, false],
  ['assembly', 10, -1, false],
])('quorum %s: 应到 %i, 实到 %i', (type, eligible, present, expected) => {
  it(`is ${expected ? 'valid' : 'not valid'}`, () => {
    expect(quorumMet({ type, eligible, present })).toBe(expected)
  })
  it('agrees with quorumNeeded', () => {
    if (present >= 0 && present <= eligible && eligible > 0) {
      expect(present >= quorumNeeded(type, eligible)).toBe(expected)
    }
  })
})

describe.each<[number, number, boolean]>([
  [50, 100, false],
  [51, 100, true],
  [50, 99, true],
  [49, 99, false],
  [1, 1, true],
  [0, 0, false],
  [1, 2, false],
])('majority: %i for of %i present', (forCount, present, expected) => {
  it(`${expected ? 'passes' : 'fails'}`, () => expect(majorityOf(forCount, present)).toBe(expected))
})

describe('tally merges app votes and hands, each person once', () => {
  it('50 of 100 fails even with the rest abstaining', () => {
    const tally = tallyMotion({
      type: 'assembly',
      eligible: 150,
      present: 100,
      app: { for: 20, against: 0, abstain: 10 },
      hands: { for: 30, against: 10, abstain: 20 },
    })
    expect(tally.total).toEqual({ for: 50, against: 10, abstain: 30 })
    expect(tally.notVoting).toBe(10)
    expect(tally.quorum).toBe(true)
    expect(tally.passed).toBe(false)
  })
  it('51 of 100 passes', () => {
    const tally = tallyMotion({
      type: 'assembly',
      eligible: 150,
      present: 100,
      app: { for: 21, against: 0, abstain: 0 },
      hands: { for: 30, against: 0, abstain: 0 },
    })
    expect(tally.passed).toBe(true)
    expect(tally.notVoting).toBe(49)
  })
  it('a clear majority without quorum does not pass', () => {
    const tally = tallyMotion({ type: 'assembly', eligible: 200, present: 100, app: { for: 100, against: 0, abstain: 0 }, hands: null })
    expect(tally.majority).toBe(true)
    expect(tally.quorum).toBe(false)
    expect(tally.passed).toBe(false)
  })
  it('the household form with 27 of 40 households present and 14 for passes', () => {
    const tally = tallyMotion({
      type: 'assembly_households',
      eligible: 40,
      present: 27,
      app: { for: 4, against: 0, abstain: 0 },
      hands: { for: 10, against: 3, abstain: 0 },
    })
    expect(tally.passed).toBe(true)
  })
  it('shows the maximum of hands: present minus voted in app', () => {
    const tally = tallyMotion({ type: 'representatives', eligible: 12, present: 10, app: { for: 3, against: 1, abstain: 0 }, hands: null })
    expect(tally.maxHands).toBe(6)
    expect(tally.handsEntered).toBe(false)
  })
  it('marks an over-count and never passes it', () => {
    const tally = tallyMotion({
      type: 'representatives',
      eligible: 12,
      present: 10,
      app: { for: 4, against: 0, abstain: 0 },
      hands: { for: 7, against: 0, abstain: 0 },
    })
    expect(tally.overCount).toBe(true)
    expect(tally.passed).toBe(false)
  })
})

describe.each<[number, number, [number, number, number], boolean, number]>([
  [100, 30, [70, 0, 0], true, 70],
  [100, 30, [40, 20, 10], true, 70],
  [100, 30, [40, 20, 11], false, 70],
  [10, 10, [0, 0, 0], true, 0],
  [10, 10, [1, 0, 0], false, 0],
  [5, 8, [0, 0, 0], true, 0],
])('hand count: present %i, voted in app %i, hands %j', (present, app, [f, a, ab], ok, max) => {
  it(ok ? 'is accepted' : 'is refused', () => {
    expect(maxHands(present, app)).toBe(max)
    const check = checkHands(present, app, { for: f, against: a, abstain: ab })
    expect(check.ok).toBe(ok)
    if (!check.ok) expect(check).toEqual({ ok: false, max, entered: f + a + ab })
  })
})

describe('tally properties', () => {
  it('never counts more people than are present when accepted, and passing implies quorum and strict majority', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.nat(3000),
        fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000)),
        fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000)),
        fc.constantFrom<MeetingType>('assembly', 'assembly_households', 'representatives'),
        (eligible, presentRaw, [af, aa, ab], [hf, ha, hb], type) => {
          const present = presentRaw % (eligible + 1)
          const tally = tallyMotion({ type, eligible, present, app: { for: af, against: aa, abstain: ab }, hands: { for: hf, against: ha, abstain: hb } })
          if (!tally.overCount) expect(tally.total.for + tally.total.against + tally.total.abstain).toBeLessThanOrEqual(present)
          if (tally.passed) {
            expect(2 * tally.total.for).toBeGreaterThan(present)
            expect(quorumMet({ type, eligible, present })).toBe(true)
          }
        },
      ),
    )
  })
  it('countBallots counts each ballot once', () => {
    expect(countBallots(['for', 'for', 'against', 'abstain', 'for'])).toEqual({ for: 3, against: 1, abstain: 1 })
  })
})

describe.each<[string, string, string | null, boolean, string]>([
  ['2026-11-01', '2026-11-11', null, true, '10 days is enough'],
  ['2026-11-01', '2026-11-10', null, false, '9 days is too short'],
  ['2026-11-01', '2026-11-10', '   ', false, 'a blank reason is not urgent'],
  ['2026-11-01', '2026-11-02', '抢抓春播农时', true, 'urgent with a reason'],
  ['2026-11-22', '2026-11-22', '汛期抢险', true, 'urgent on the same day'],
  ['2026-11-22', '2026-11-21', '补开会议', false, 'a meeting in the past'],
  ['2026-12-25', '2027-01-04', null, true, 'across the new year'],
])('meeting notice %s → %s (%s)', (notice, meeting, urgent, ok, _label) => {
  it(ok ? 'is allowed' : 'is refused', () => expect(checkMeetingNotice(notice, meeting, urgent).ok).toBe(ok))
})

describe('notice period', () => {
  it('defaults to 7 days and includes its last day', () => {
    const ends = noticePeriodEnds('2026-11-22', 7)
    expect(ends).toBe('2026-11-29')
    expect(withinNoticePeriod('2026-11-29', ends)).toBe(true)
    expect(withinNoticePeriod('2026-11-30', ends)).toBe(false)
  })
})
