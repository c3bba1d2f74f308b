import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { toApiError, type ApiError } from '@/api/api-error'

export type AsyncState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError }

interface AsyncOptions<T> {
  /** Skip the call (e.g. the reader is being sent to login). */
  enabled?: boolean
  /** Data to show while the call runs, such as a cached profile. */
  initial?: T | null
}

export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, options: AsyncOptions<T> = {}): { state: AsyncState<T>; reload: () => void } {
  const enabled = options.enabled ?? true
  const initial = options.initial ?? null
  const [state, setState] = useState<AsyncState<T>>(initial === null ? { status: 'loading' } : { status: 'ready', data: initial })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)
  // The newest `load`: callers pass a fresh closure each render; `deps` say when to call it again.
  const loadLatest = useRef(load)
  loadLatest.current = load

  useEffect(() => {
    if (!enabled) return
    const call = ++latest.current
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }))
    loadLatest.current().then(
      (data) => {
        if (call === latest.current) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (call === latest.current) setState({ status: 'error', error: toApiError(error) })
      },
    )
    // The caller's deps decide, as with useEffect itself: the rule cannot see through the spread.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, attempt, ...deps])

  useEffect(
    () => () => {
      latest.current = -1
    },
    [],
  )

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
