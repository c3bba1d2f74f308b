import type { ReactNode } from 'react'
import { ApiError, NETWORK_ERROR_MESSAGE } from '@/api/api-error'
import type { AsyncState } from '@/lib/use-async'
import { useSlow } from '@/lib/use-slow'
import { ErrorNotice } from './error-notice'
import { LoadingBlock } from './loading-block'

const stillWaiting = new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)

/**
 * What a load shows before its data: 正在加载 while it runs, the refusal with 重试 when it failed,
 * and after a few seconds without an answer (a weak network) 网络不好 with 重试 rather than
 * 正在加载 for ever. Nothing once the data is there: the page draws that itself. The one copy of
 * the ladder every page used to write out.
 */
export function LoadState<T>({ state, reload, loadingText }: { state: AsyncState<T>; reload: () => void; loadingText?: string }) {
  const slow = useSlow(state.status === 'loading')
  if (state.status === 'ready') return null
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />
  return slow ? <ErrorNotice error={stillWaiting} onRetry={reload} /> : <LoadingBlock {...(loadingText === undefined ? {} : { text: loadingText })} />
}

/** The load's states (`LoadState`), then the page's own content once the data is there. */
export function AsyncView<T>({ state, reload, children }: { state: AsyncState<T>; reload: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'ready') return <>{children(state.data)}</>
  return <LoadState state={state} reload={reload} />
}
