import { describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { directoryResponse, type Directory } from '../../../shared/people'
import { setupApi } from '../../harness/api'

const api = await setupApi()
const secretary = await api.tokenFor(DEMO_PEOPLE.secretary)
const committee = await api.someone(api.demo.gaojing, 'committee_member')

async function directory(query: Record<string, string>, token = secretary): Promise<Directory> {
  const res = await api.call('GET', '/api/villages/people', { token, query: { villageId: api.demo.gaojing, ...query } })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return directoryResponse.parse(res.body)
}

describe('the village directory (花名册)', () => {
  it('pages through the whole village in roll order, every label distinct', async () => {
    const seen: Directory['people'] = []
    let cursor: string | null = ''
    let pages = 0
    while (cursor !== null) {
      const page: Directory = await directory({ limit: '25', ...(cursor ? { cursor } : {}) })
      expect(page.people.length).toBeLessThanOrEqual(25)
      seen.push(...page.people)
      cursor = page.nextCursor
      pages += 1
    }
    const first = await directory({})
    expect(first.villageName).toBe('高井嘎查')
    expect(first.groups).toEqual(['一组', '二组', '三组', '四组'])
    expect(seen).toHaveLength(first.total)
    expect(pages).toBe(Math.ceil(first.total / 25))
    expect(new Set(seen.map((person) => person.personId)).size).toBe(seen.length)
    expect(new Set(seen.map((person) => person.label)).size).toBe(seen.length)
    // 一组1号 first, its head (the secretary) before the rest of the household; 四组40号 last.
    expect(seen[0]).toMatchObject({ name: DEMO_PEOPLE.secretary, household: { label: '一组1号 青明户', isHead: true, group: '一组' } })
    expect(seen[0]?.roles).toEqual(expect.arrayContaining(['secretary', 'villager_rep']))
    expect(seen.at(-1)?.household?.houseNumber).toBe('40号')
  })

  it('finds namesakes by name and tells them apart by 组, 户号 and birth year', async () => {
    // The household's name finds its members too (包巴特尔户: his wife, and in 四组 a wife and a daughter).
    const found = await directory({ q: '包巴特尔' })
    expect(found.total).toBe(5)
    const named = found.people.filter((person) => person.name === '包巴特尔')
    expect(named.map((person) => person.label)).toEqual(['包巴特尔（二组15号，1956年生）', '包巴特尔（四组33号，1982年生）'])
    expect(named[0]?.household).toMatchObject({ label: '二组15号 包巴特尔户', elderly: true, isHead: true, memberCount: 2 })
    expect(named[1]?.household).toMatchObject({ label: '四组33号 包巴特尔户', elderly: false, memberCount: 3 })
    expect(new Set(found.people.map((person) => person.label)).size).toBe(5)
    const qiqige = await directory({ q: '其其格' })
    expect(new Set(qiqige.people.map((person) => person.label)).size).toBe(2)
  })

  it('finds by 户号 and keeps to one 组', async () => {
    const byNumber = await directory({ q: '12号' })
    expect(byNumber.people.every((person) => person.household?.houseNumber === '12号')).toBe(true)
    expect(byNumber.people.map((person) => person.name)).toEqual(['朝鲁', '格日乐'])
    const group = await directory({ group: '三组', limit: '100' })
    expect(group.people.length).toBeGreaterThan(0)
    expect(group.people.every((person) => person.household?.group === '三组')).toBe(true)
  })

  it('gives ages and the elderly flag; a committee member may read it too', async () => {
    const thisYear = new Date().getFullYear()
    const page = await directory({ q: '白玉兰' }, committee.token)
    expect(page.people).toHaveLength(1)
    expect(page.people[0]).toMatchObject({ birthYear: 1940, household: { elderly: true } })
    expect(Math.abs((page.people[0]?.age ?? 0) - (thisYear - 1940))).toBeLessThanOrEqual(1)
  })

  it('answers an empty page, not an error, when nothing matches', async () => {
    const none = await directory({ q: '没有这个人' })
    expect(none).toMatchObject({ total: 0, people: [], nextCursor: null })
  })
})
