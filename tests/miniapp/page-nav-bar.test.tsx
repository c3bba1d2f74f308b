/** H5 feature pages: the page's own title, and 返回 to the page before or 首页 when opened directly. */
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { PageShell } from '@/components/page-shell'
import Taro from './taro-mock'

function onPage(path: string, title: string, stackDepth: number): void {
  vi.spyOn(Taro, 'getCurrentInstance').mockReturnValue({
    router: { params: {}, path },
    page: { config: { navigationBarTitleText: title } },
  } as unknown as ReturnType<typeof Taro.getCurrentInstance>)
  Taro.getCurrentPages.mockImplementation(() => Array.from({ length: stackDepth }, (_, i) => ({ route: `page-${i}` })))
}

describe('the H5 page bar', () => {
  it('shows a feature page’s title and goes back to the page before', () => {
    onPage('/packages/garden/home/index', '我的菜园值班', 2)
    render(<PageShell>内容</PageShell>)
    expect(screen.getByTestId('page-nav-title').textContent).toBe('我的菜园值班')
    expect(screen.getByTestId('page-nav-title').getAttribute('role')).toBe('heading')
    const back = screen.getByTestId('page-back')
    expect(back.textContent).toContain('返回')
    expect(back.getAttribute('role')).toBe('button')
    fireEvent.click(back)
    expect(Taro.navigateBack).toHaveBeenCalledTimes(1)
    expect(Taro.switchTab).not.toHaveBeenCalled()
  })

  it('offers 首页 on a page opened straight from a link or QR code', () => {
    onPage('/packages/land/notice/index', '公示', 1)
    render(<PageShell>内容</PageShell>)
    const home = screen.getByTestId('page-back')
    expect(home.textContent).toContain('首页')
    fireEvent.click(home)
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
    expect(Taro.navigateBack).not.toHaveBeenCalled()
  })

  it('draws no bar on tab pages', () => {
    onPage('/pages/garden/index', '乡约', 1)
    render(<PageShell>内容</PageShell>)
    expect(screen.queryByTestId('page-nav-bar')).toBeNull()
  })
})
