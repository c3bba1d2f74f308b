import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Text, View } from '@tarojs/components'
import { ApiError } from '@/api/api-error'
import { AsyncView } from '@/components/async-view'
import type { AsyncState } from '@/lib/use-async'
import { useAction } from '@/lib/use-action'

describe('AsyncView: the one loading / error ladder', () => {
  it('shows the content when ready, the refusal with 重试 when it failed', () => {
    const reload = vi.fn()
    const ready: AsyncState<string> = { status: 'ready', data: '高井嘎查' }
    const { rerender } = render(
      <AsyncView state={ready} reload={reload}>
        {(name) => <Text>{name}</Text>}
      </AsyncView>,
    )
    expect(screen.getByText('高井嘎查')).toBeTruthy()
    const failed: AsyncState<string> = { status: 'error', error: new ApiError('forbidden', '您没有权限', 403) }
    rerender(
      <AsyncView<string> state={failed} reload={reload}>
        {(name) => <Text>{name}</Text>}
      </AsyncView>,
    )
    expect(screen.getByTestId('error-notice').textContent).toContain('您没有权限')
    fireEvent.click(screen.getByText('重试'))
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('after a few seconds without an answer says the network is weak and offers 重试', async () => {
    vi.useFakeTimers()
    try {
      render(
        <AsyncView state={{ status: 'loading' }} reload={() => undefined}>
          {() => <Text>不会出现</Text>}
        </AsyncView>,
      )
      expect(screen.getByTestId('loading')).toBeTruthy()
      await act(async () => {
        vi.advanceTimersByTime(4100)
      })
      expect(screen.queryByTestId('loading')).toBeNull()
      expect(screen.getByTestId('error-notice').textContent).toContain('网络不好')
      expect(screen.getByText('重试')).toBeTruthy()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('useAction: busy, error, one request per tap', () => {
  function Form({ work }: { work: () => Promise<string> }) {
    const action = useAction()
    return (
      <View>
        <View data-testid='go' onClick={() => void action.run(work)}>
          {action.busy ? '请稍候' : '提交'}
        </View>
        {action.error && <Text data-testid='problem'>{action.error.message}</Text>}
      </View>
    )
  }

  it('a second tap while the first runs sends nothing more; a refusal is kept to show', async () => {
    let finish: (value: string) => void = () => undefined
    const work = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)))
    render(<Form work={work} />)
    fireEvent.click(screen.getByTestId('go'))
    fireEvent.click(screen.getByTestId('go'))
    expect(work).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('go').textContent).toBe('请稍候')
    await act(async () => finish('ok'))
    await waitFor(() => expect(screen.getByTestId('go').textContent).toBe('提交'))

    work.mockImplementationOnce(() => Promise.reject(new ApiError('conflict', '已经有人登记过了', 409)))
    fireEvent.click(screen.getByTestId('go'))
    expect((await screen.findByTestId('problem')).textContent).toBe('已经有人登记过了')
  })
})

describe('useAction with labels: which button is busy, where the refusal belongs', () => {
  function Buttons({ work }: { work: (which: string) => Promise<string> }) {
    const action = useAction()
    return (
      <View>
        {['open', 'close'].map((which) => (
          <View key={which}>
            <View data-testid={which} onClick={() => void action.run(() => work(which), which)}>
              {action.busyWith === which ? '请稍候' : which}
            </View>
            {action.errorAt === which && action.error && <Text data-testid={`${which}-problem`}>{action.error.message}</Text>}
          </View>
        ))}
        <View data-testid='check' onClick={() => action.fail('请填上人数', 'close')}>
          检查
        </View>
        <Text data-testid='busy'>{action.busy ? 'busy' : 'idle'}</Text>
      </View>
    )
  }

  it('spins only the tapped button and shows its refusal beside it', async () => {
    let finish: (value: string) => void = () => undefined
    const work = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)))
    render(<Buttons work={work} />)
    fireEvent.click(screen.getByTestId('open'))
    expect(screen.getByTestId('open').textContent).toBe('请稍候')
    expect(screen.getByTestId('close').textContent).toBe('close')
    expect(screen.getByTestId('busy').textContent).toBe('busy')
    fireEvent.click(screen.getByTestId('close'))
    expect(work).toHaveBeenCalledTimes(1)
    await act(async () => finish('ok'))
    await waitFor(() => expect(screen.getByTestId('busy').textContent).toBe('idle'))

    work.mockImplementationOnce(() => Promise.reject(new ApiError('conflict', '已经开始表决了', 409)))
    fireEvent.click(screen.getByTestId('open'))
    expect((await screen.findByTestId('open-problem')).textContent).toBe('已经开始表决了')
    expect(screen.queryByTestId('close-problem')).toBeNull()
  })

  it('fail shows a refusal found on the phone, and the next run clears it', async () => {
    const work = vi.fn(() => Promise.resolve('ok'))
    render(<Buttons work={work} />)
    fireEvent.click(screen.getByTestId('check'))
    expect(screen.getByTestId('close-problem').textContent).toBe('请填上人数')
    fireEvent.click(screen.getByTestId('close'))
    await waitFor(() => expect(screen.queryByTestId('close-problem')).toBeNull())
    expect(work).toHaveBeenCalledWith('close')
  })
})
