import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { listLabels } from '../../../shared/people'

describe('listLabels: short names, full labels only for namesakes', () => {
  it('keeps unique names short and gives namesakes their full label', () => {
    const labels = listLabels([
      { key: 'a', name: '杨秀云', label: '杨秀云（一组1号，1962年生）' },
      { key: 'b', name: '杨秀云', label: '杨秀云（二组7号，1975年生）' },
      { key: 'c', name: '马淑兰', label: '马淑兰（一组3号，1950年生）' },
    ])
    expect(labels.get('a')).toBe('杨秀云（一组1号，1962年生）')
    expect(labels.get('b')).toBe('杨秀云（二组7号，1975年生）')
    expect(labels.get('c')).toBe('马淑兰')
  })
  it('one person listed twice reads the same both times and is not a namesake of themself', () => {
    const labels = listLabels([
      { key: 'a', name: '杨秀云', label: '杨秀云（一组1号，1962年生）' },
      { key: 'a', name: '杨秀云', label: '杨秀云（一组1号，1962年生）' },
    ])
    expect([...labels.entries()]).toEqual([['a', '杨秀云']])
  })
  it('numbers namesakes no label tells apart', () => {
    const labels = listLabels([
      { key: 'a', name: '吴金宝' },
      { key: 'b', name: '吴金宝', label: null },
    ])
    expect(labels.get('a')).toBe('吴金宝')
    expect(labels.get('b')).toBe('吴金宝（同名第2）')
  })
  it('never gives two keys the same label', () => {
    const entry = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      name: fc.constantFrom('吴金宝', '杨秀云', '吴金宝（同名第2）'),
      label: fc.option(fc.constantFrom('吴金宝（一组1号）', '杨秀云（二组）'), { nil: undefined }),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const labels = [...listLabels(entries).values()]
        expect(new Set(labels).size).toBe(labels.length)
      }),
    )
  })
})
