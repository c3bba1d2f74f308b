import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { PageShell } from '@/components/page-shell'
import MinePage from '@/pages/mine/index'
import { me, ok } from './fixtures'
import Taro from './taro-mock'

function scaleOf(element: HTMLElement): string {
  return element.style.getPropertyValue('--xy-scale')
}

function renderMine() {
  Taro.setStorageSync('xy.session.token', 'tok-1')
  Taro.request.mockResolvedValue(ok(me))
  return render(
    <>
      <MinePage />
      <PageShell testId='other-tab'>另一个页面</PageShell>
    </>,
  )
}

describe('大字 (large font) switch', () => {
  it('starts at normal size', async () => {
    renderMine()
    const root = await screen.findByTestId('mine-page')
    expect(scaleOf(root)).toBe('1')
    expect(root.className).not.toContain('xy-page--large')
  })

  it('enlarges this page and every other open page, and remembers the choice', async () => {
    renderMine()
    const toggle = await screen.findByRole('switch', { name: /大字模式/ })
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    act(() => {
      fireEvent.click(toggle)
    })
    expect(scaleOf(screen.getByTestId('mine-page'))).toBe('1.25')
    expect(screen.getByTestId('mine-page').className).toContain('xy-page--large')
    expect(scaleOf(screen.getByTestId('other-tab'))).toBe('1.25')
    expect(Taro.getStorageSync('xy.largeFont')).toBe(true)
    expect(toggle.getAttribute('aria-checked')).toBe('true')

    act(() => {
      fireEvent.click(toggle)
    })
    expect(scaleOf(screen.getByTestId('mine-page'))).toBe('1')
    expect(Taro.getStorageSync('xy.largeFont')).toBe(false)
  })

  it('a page opened later reads the stored choice', () => {
    Taro.setStorageSync('xy.largeFont', true)
    render(<PageShell testId='fresh'>内容</PageShell>)
    expect(scaleOf(screen.getByTestId('fresh'))).toBe('1.25')
  })
})
