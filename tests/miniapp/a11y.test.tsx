import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { LargeFontSwitch } from '@/components/large-font-switch'
import { NavCell, NavList } from '@/components/nav-cell'
import { enableButtonSemantics, enableKeyboardActivation, makePageScrollable, pressableProps } from '@/lib/a11y'
import Taro from './taro-mock'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const stop of cleanups.splice(0)) stop()
  document.body.innerHTML = ''
})

describe('clickable Views work as controls (H5)', () => {
  it('a menu row is a named button that Tab reaches and Enter or Space presses', () => {
    cleanups.push(enableKeyboardActivation())
    const open = vi.fn()
    render(
      <NavList>
        <NavCell title='村务记录核验' description='查看记录是否被改动过' onClick={open} testId='open-audit' />
      </NavList>,
    )
    const row = screen.getByRole('button', { name: /村务记录核验/ })
    expect(row.getAttribute('tabindex')).toBe('0')
    expect(row.getAttribute('data-testid')).toBe('open-audit')
    fireEvent.keyDown(row, { key: 'Enter' })
    fireEvent.keyDown(row, { key: ' ' })
    fireEvent.keyDown(row, { key: 'a' })
    expect(open).toHaveBeenCalledTimes(2)
  })

  it('the 大字 setting is a switch that says whether it is on, and Space flips it', () => {
    cleanups.push(enableKeyboardActivation())
    render(<LargeFontSwitch />)
    const toggle = screen.getByRole('switch', { name: /大字模式/ })
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    fireEvent.keyDown(toggle, { key: ' ' })
    expect(Taro.getStorageSync('xy.largeFont')).toBe(true)
    expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true')
  })

  it.each([
    ['radio', { checked: true }, { role: 'radio', tabIndex: 0, 'aria-checked': 'true' }],
    ['checkbox', { checked: false }, { role: 'checkbox', tabIndex: 0, 'aria-checked': 'false' }],
    ['button', { expanded: false }, { role: 'button', tabIndex: 0, 'aria-expanded': 'false' }],
    ['button', { checked: true }, { role: 'button', tabIndex: 0 }],
  ] as const)('pressableProps(%s, %o) carries the web attributes', (role, options, expected) => {
    expect(pressableProps(role, options)).toEqual(expected)
  })

  it('keys on an aria-disabled control do nothing', () => {
    cleanups.push(enableKeyboardActivation())
    const press = vi.fn()
    render(
      <div role='button' tabIndex={0} aria-disabled='true' onClick={press}>
        不通过
      </div>,
    )
    fireEvent.keyDown(screen.getByRole('button'), { key: 'Enter' })
    expect(press).not.toHaveBeenCalled()
  })
})

describe("Taro's H5 buttons and page scroller", () => {
  it('every taro-button-core becomes a focusable button, and a disabled one says so', async () => {
    cleanups.push(enableButtonSemantics())
    const ready = document.createElement('taro-button-core')
    ready.textContent = '通过'
    document.body.append(ready)
    const off = document.createElement('taro-button-core')
    off.className = 'nut-button nut-button-disabled'
    off.textContent = '不通过'
    document.body.append(off)
    await Promise.resolve()
    expect(screen.getByRole('button', { name: '通过' }).getAttribute('tabindex')).toBe('0')
    const disabled = screen.getByRole('button', { name: '不通过' })
    expect(disabled.getAttribute('aria-disabled')).toBe('true')
    expect(disabled.getAttribute('tabindex')).toBe('-1')
    off.className = 'nut-button'
    await Promise.resolve()
    expect(disabled.hasAttribute('aria-disabled')).toBe(false)
    expect(disabled.getAttribute('tabindex')).toBe('0')
  })

  it("the page's scroll container becomes a named region that Tab reaches", () => {
    const page = document.createElement('div')
    page.className = 'taro_page'
    const root = document.createElement('div')
    page.append(root)
    document.body.append(page)
    makePageScrollable(root)
    const region = screen.getByRole('region', { name: '本页内容' })
    expect(region).toBe(page)
    expect(region.getAttribute('tabindex')).toBe('0')
  })
})
