import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { comparePlaces, disambiguate, householdLabel, householdLabels, householdPlace, personLabel, personLabels, withDetail } from '../../../shared/people'

describe('household and person labels', () => {
  it('puts the place first, as the village rolls do', () => {
    expect(householdLabel({ label: '乌优塔户', group: '一组', houseNumber: '12号' })).toBe('一组12号 乌优塔户')
    expect(householdLabel({ label: '马淑兰家', group: '3号楼2单元', houseNumber: '301' })).toBe('3号楼2单元301 马淑兰家')
    expect(householdLabel({ label: '双金户', group: null, houseNumber: null })).toBe('双金户')
    expect(householdPlace({ group: '二组', houseNumber: null })).toBe('二组')
  })
  it('names a person by household place and birth year', () => {
    expect(personLabel({ name: '其其格', birthYear: 1964, household: { group: '一组', houseNumber: '12号' } })).toBe('其其格（一组12号，1964年生）')
    expect(personLabel({ name: '杨秀云', birthYear: 1962, household: null })).toBe('杨秀云（1962年生）')
  })
  it('adds a detail inside brackets already there', () => {
    expect(withDetail('包巴特尔户', '户主1958年生')).toBe('包巴特尔户（户主1958年生）')
    expect(withDetail('其其格（一组12号，1964年生）', '前杨村')).toBe('其其格（一组12号，1964年生，前杨村）')
  })
})

describe('disambiguate', () => {
  it('leaves a list of different labels alone', () => {
    expect(disambiguate([{ label: '甲' }, { label: '乙', details: ['x'] }])).toEqual(['甲', '乙'])
  })
  it('adds details only to the entries that collide', () => {
    expect(
      householdLabels([
        { label: '包巴特尔户', group: null, houseNumber: null, headBirthYear: 1958 },
        { label: '包巴特尔户', group: null, houseNumber: null, headBirthYear: 1984 },
        { label: '双金户', group: null, houseNumber: null, headBirthYear: 1970 },
      ]),
    ).toEqual(['包巴特尔户（户主1958年生）', '包巴特尔户（户主1984年生）', '双金户'])
  })
  it('tells people of two villages apart by the village', () => {
    expect(
      personLabels([
        { name: '李秀梅', birthYear: 1970, household: null, villageName: '馆里村' },
        { name: '李秀梅', birthYear: 1970, household: null, villageName: '后李村' },
      ]),
    ).toEqual(['李秀梅（1970年生，馆里村）', '李秀梅（1970年生，后李村）'])
  })
  it('numbers entries alike in every detail, skipping a number someone already reads as', () => {
    expect(disambiguate([{ label: '某' }, { label: '某' }, { label: '某（同名第2）' }])).toEqual(['某', '某（同名第3）', '某（同名第2）'])
  })

  // Small alphabets so that collisions, collisions after a detail and look-alike numbered labels are common.
  const text = fc.string({ unit: fc.constantFrom('包', '巴', '（', '）', '，', '同名第2', '2', ' '), maxLength: 4 })
  const list = fc.array(fc.record({ label: text, details: fc.array(text, { maxLength: 3 }) }), { maxLength: 30 })

  it('never gives two entries the same label (property)', () => {
    fc.assert(
      fc.property(list, (items) => {
        const labels = disambiguate(items)
        expect(labels).toHaveLength(items.length)
        expect(new Set(labels).size).toBe(labels.length)
      }),
      { numRuns: 2000 },
    )
  })
  it('changes nothing when the labels already differ, and names the same list the same way twice (property)', () => {
    fc.assert(
      fc.property(list, (items) => {
        const labels = disambiguate(items)
        expect(disambiguate(items)).toEqual(labels)
        if (new Set(items.map((item) => item.label)).size === items.length) expect(labels).toEqual(items.map((item) => item.label))
      }),
      { numRuns: 2000 },
    )
  })
  it('keeps every entry recognisable: its label starts with what it was called (property)', () => {
    fc.assert(
      fc.property(list, (items) => {
        disambiguate(items).forEach((label, index) => {
          const base = items[index]?.label ?? ''
          expect(label.startsWith(base.endsWith('）') ? base.slice(0, -1) : base)).toBe(true)
        })
      }),
    )
  })
})

describe('comparePlaces', () => {
  it('orders 组 by their numbers and 户号 as numbers, unknown places last', () => {
    const places = [
      { group: '十组', houseNumber: '2号' },
      { group: null, houseNumber: null },
      { group: '二组', houseNumber: '10号' },
      { group: '二组', houseNumber: '9号' },
      { group: '一组', houseNumber: '1号' },
      { group: '十二组', houseNumber: '1号' },
    ]
    expect([...places].sort(comparePlaces).map((place) => `${place.group ?? '?'}${place.houseNumber ?? ''}`)).toEqual([
      '一组1号',
      '二组9号',
      '二组10号',
      '十组2号',
      '十二组1号',
      '?',
    ])
  })
  it('orders a courtyard by building, entrance and door', () => {
    const doors = [
      { group: '3号楼1单元', houseNumber: '302' },
      { group: '1号楼2单元', houseNumber: '101' },
      { group: '1号楼1单元', houseNumber: '502' },
      { group: '1号楼1单元', houseNumber: '301' },
    ]
    expect([...doors].sort(comparePlaces).map((door) => `${door.group}${door.houseNumber}`)).toEqual([
      '1号楼1单元301',
      '1号楼1单元502',
      '1号楼2单元101',
      '3号楼1单元302',
    ])
  })
})
