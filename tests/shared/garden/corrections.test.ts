import { describe, expect, it } from 'vitest'
import {
  bedCorrectionRefusal,
  correctionChain,
  correctionNote,
  currentFacts,
  gardenExists,
  harvestChanges,
  harvestCorrectionRefusal,
  noGardenWords,
  oneOffProblems,
  parseClockTime,
  patched,
  plantingCorrectionRefusal,
  runsPastMidnight,
  type HarvestFacts,
} from '../../../shared/garden'
import { localToEpochMinutes } from '../../../shared/time'

const TODAY = '2026-05-20'
const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 0, minute))
const facts = (crop: string, grams: number | null, harvestedOn = '2026-05-10', count: number | null = null): HarvestFacts => ({
  bedId: null,
  crop,
  grams,
  count,
  harvestedOn,
})

/** A season of harvests: the real 小白菜 头茬 (logged 3rd), an older 菠菜 entry (logged 2nd), a later 小白菜. */
const real = { id: 'real', ...facts('小白菜', 5000), createdAt: at(20) }
const older = { id: 'older', ...facts('菠菜', 300), createdAt: at(10) }
const later = { id: 'later', ...facts('小白菜', 2000), createdAt: at(30) }
/** Last winter's 小白菜, logged before all of them (the route passes both seasons a correction touches). */
const lastWinter = { id: 'winter', ...facts('小白菜', 800, '2026-02-10'), createdAt: at(5) }
const season = [lastWinter, older, real, later]

function refusal(target: typeof real, proposed: Partial<HarvestFacts>, extra: { given?: number; shares?: number; elderlyWaiting?: number } = {}) {
  return harvestCorrectionRefusal({
    harvestId: target.id,
    current: target,
    proposed: { ...facts(target.crop, target.grams, target.harvestedOn, target.count), ...proposed },
    seasonHarvests: season,
    given: extra.given ?? 0,
    shares: extra.shares ?? 0,
    elderlyWaiting: extra.elderlyWaiting ?? 0,
    today: TODAY,
  })
}

describe('harvestCorrectionRefusal: what a steward cannot bend by correcting', () => {
  it.each([
    ['nothing changed', real, {}, {}, 'garden_correction_no_change'],
    ['a weight of zero', later, { grams: 0 }, {}, 'garden_harvest_weight_invalid'],
    ['no amount at all', later, { grams: null, count: null }, {}, 'garden_harvest_weight_invalid'],
    ['a date tomorrow', later, { harvestedOn: '2026-05-21' }, {}, 'garden_harvest_date_future'],
    ['below what was handed out', later, { grams: 1500 }, { given: 1600, shares: 4 }, 'garden_correction_below_shared'],
    ['weight to count once shared', later, { grams: null, count: 20 }, { given: 100, shares: 1 }, 'garden_correction_unit_locked'],
    ['an older entry renamed to the crop takes the 头茬 place', older, { crop: '小白菜' }, {}, 'garden_correction_moves_first_harvest'],
    ['the 头茬 renamed to a crop already harvested leaves its place', real, { crop: '菠菜' }, {}, 'garden_correction_moves_first_harvest'],
    ['the 头茬 moved back into last winter, behind its 小白菜', real, { harvestedOn: '2026-02-27' }, {}, 'garden_correction_moves_first_harvest'],
    ['the 头茬 made smaller while elderly wait', real, { grams: 500 }, { elderlyWaiting: 3 }, 'garden_first_harvest_shrink'],
  ] as const)('%s → %s', (_label, target, proposed, extra, code) => {
    expect(refusal(target, proposed, extra)).toBe(code)
  })

  it.each([
    ['a later harvest corrected down to what was given', later, { grams: 1600 }, { given: 1600, shares: 4 }],
    ['the 头茬 made larger while elderly wait', real, { grams: 6000 }, { elderlyWaiting: 3 }],
    ['the 头茬 made smaller once every elderly household had some', real, { grams: 4000 }, { elderlyWaiting: 0, given: 2000, shares: 8 }],
    ['the 头茬 re-dated within its season', real, { harvestedOn: '2026-05-12' }, {}],
    ['a later harvest renamed to a crop it is the first of (more for the elderly)', later, { crop: '油菜' }, {}],
    ['the 头茬 renamed to a new crop: still a 头茬, and the next 小白菜 becomes one too', real, { crop: '油菜' }, {}],
    ['weight to count before anything was shared', later, { grams: null, count: 30 }, {}],
  ] as const)('allows %s', (_label, target, proposed, extra) => {
    expect(refusal(target, proposed, extra)).toBeNull()
  })
})

describe('the chain of corrections', () => {
  const original = { name: '三号畦', areaDm2: 450, positionLabel: '老槐树下' }
  const meta = (seq: number, reason: string) => ({ seq, reason, createdAt: at(seq), correctedBy: 'p1' })
  const chain = [
    { ...original, areaDm2: 500, ...meta(1, '重新量过') },
    { ...original, areaDm2: 500, name: '三号大畦', ...meta(2, '大家都这么叫') },
  ]
  it('reads the latest correction, whatever order the rows come in', () => {
    expect(currentFacts(original, [...chain].reverse()).name).toBe('三号大畦')
    expect(currentFacts(original, []).name).toBe('三号畦')
  })
  it('says what each correction changed from the one before', () => {
    const { current, history } = correctionChain(original, [...chain].reverse(), (a, b) =>
      [a.name !== b.name ? { field: 'name', label: '名称', from: a.name, to: b.name } : null].filter((c) => c !== null),
    )
    expect(current.name).toBe('三号大畦')
    expect(history.map((h) => h.seq)).toEqual([1, 2])
    expect(history[1]?.changes).toEqual([{ field: 'name', label: '名称', from: '三号畦', to: '三号大畦' }])
  })
  it('writes 已更正（原为…，原因…）', () => {
    const changes = harvestChanges(facts('小白菜', 5000), facts('小白菜', 4200), (id) => id)
    expect(correctionNote({ changes, reason: '秤没归零' })).toBe('已更正（数量原为5.0公斤；原因：秤没归零）')
  })
  it('a patch changes only the fact’s own fields that were sent', () => {
    expect(patched(original, { areaDm2: 600, name: undefined })).toEqual({ ...original, areaDm2: 600 })
    const withExtras = { areaDm2: 600, reason: '量错了', villageId: 'v' } as { areaDm2: number }
    expect(patched(original, withExtras)).toEqual({ ...original, areaDm2: 600 })
  })
})

describe('bed and planting corrections', () => {
  const bed = { name: '三号畦', areaDm2: 450, positionLabel: '老槐树下' }
  it('refuses a bed renamed to another bed’s name, and a correction that changes nothing', () => {
    expect(bedCorrectionRefusal({ current: bed, proposed: { ...bed, name: '一号畦' }, otherBedNames: ['一号畦'] })).toBe('garden_bed_name_taken')
    expect(bedCorrectionRefusal({ current: bed, proposed: bed, otherBedNames: [] })).toBe('garden_correction_no_change')
    expect(bedCorrectionRefusal({ current: bed, proposed: { ...bed, areaDm2: 500 }, otherBedNames: ['三号畦'] })).toBeNull()
  })
  it('refuses a harvest date before the sowing', () => {
    const planting = { bedId: 'b', crop: '菠菜', sownOn: '2026-03-30', expectedHarvestOn: '2026-05-15', note: null }
    expect(plantingCorrectionRefusal({ current: planting, proposed: { ...planting, expectedHarvestOn: '2026-03-01' } })).toBe('garden_planting_dates_invalid')
    expect(plantingCorrectionRefusal({ current: planting, proposed: { ...planting, crop: '油菜' } })).toBeNull()
  })
})

describe('a one-off shift as the steward fills it in', () => {
  const now = localToEpochMinutes(2026, 5, 20, 10 * 60)
  const draft = { date: '2026-05-21', time: '9:30', title: '采收小白菜', places: '3', durationMinutes: 60 }
  it.each([
    ['9:30', 570],
    ['9：30', 570],
    ['09:30', 570],
    ['930', 570],
    ['9点', 540],
    ['9点半', 570],
    ['14点15', 855],
    ['14点15分', 855],
    ['14', 840],
    ['25:00', null],
    ['九点', null],
    ['', null],
  ])('reads “%s” as %s', (text, minute) => {
    expect(parseClockTime(text)).toBe(minute)
  })
  it('lets a shift end at midnight but not past it', () => {
    expect(runsPastMidnight(23 * 60 + 30, 30)).toBe(false)
    expect(runsPastMidnight(23 * 60 + 31, 30)).toBe(true)
    expect(runsPastMidnight(0, 240)).toBe(false)
  })
  it('puts each problem beside its field', () => {
    expect(oneOffProblems(draft, now)).toEqual({ problems: {}, startMin: localToEpochMinutes(2026, 5, 21, 570) })
    expect(oneOffProblems({ ...draft, date: '2026-05-19' }, now).problems).toEqual({ date: '这一天已经过去了，请在月历上选以后的日子' })
    expect(oneOffProblems({ ...draft, date: '2026-05-20', time: '8:00' }, now).problems).toEqual({ time: '这个时间已经过去了，请选以后的时间' })
    expect(oneOffProblems({ ...draft, date: '2027-12-01' }, now).problems).toEqual({ date: '只能安排一年以内的班' })
    expect(oneOffProblems({ ...draft, time: '23:30' }, now).problems).toEqual({ duration: '这么长会过了午夜，请选短一点' })
    const bad = oneOffProblems({ ...draft, title: ' ', places: '0', time: '早上' }, now)
    expect(Object.keys(bad.problems).sort()).toEqual(['places', 'time', 'title'])
    expect(bad.startMin).toBeNull()
  })
})

describe('a village with no garden', () => {
  const place = { villageName: '高井嘎查', hasGarden: false, isSteward: false, stewards: [], leaders: [{ name: '青明', roleLabel: '党支部书记' }] }
  it('has a garden once it has a bed, a duty or a shift', () => {
    expect(gardenExists({ beds: 0, duties: 0, shifts: 0 })).toBe(false)
    expect(gardenExists({ beds: 0, duties: 1, shifts: 0 })).toBe(true)
  })
  it('says so, and whom to ask', () => {
    expect(noGardenWords(place)).toEqual({ title: '高井嘎查还没有共享菜园', text: '本村还没有菜园主理人。想办共享菜园，可以问党支部书记青明。' })
    expect(noGardenWords({ ...place, stewards: ['马淑兰'] }).text).toBe('想办菜园、当志愿者，可以找菜园主理人马淑兰。')
    expect(noGardenWords({ ...place, leaders: [] }).text).toContain('村委会')
    expect(noGardenWords({ ...place, isSteward: true }).text).toContain('添加第一块菜畦')
  })
})
