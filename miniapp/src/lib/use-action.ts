import { useCallback, useRef, useState } from 'react'
import { ApiError, toApiError } from '@/api/api-error'

export interface Action {
  busy: boolean
  /** The label given to the run under way: a page of many buttons spins only the one tapped. */
  busyWith: string | null
  error: ApiError | null
  /** The label of the run (or `fail`) that left `error`, so the refusal shows beside its own button. */
  errorAt: string | null
  run: <T>(work: () => Promise<T>, label?: string) => Promise<T | null>
  /** A refusal found on the phone (a field left empty) shows where, and as, the server's would. */
  fail: (error: ApiError | string, label?: string) => void
  clearError: () => void
}

/**
 * A button's request: busy while it runs (a second tap does nothing), and the refusal kept to
 * show beside the button. Replaces the setBusy / try / catch / finally each page wrote by hand.
 * `run` resolves with the work's result, or null when it failed (the error is then in `error`).
 */
export function useAction(): Action {
  const [current, setCurrent] = useState<{ label: string | null } | null>(null)
  const [failure, setFailure] = useState<{ error: ApiError; at: string | null } | null>(null)
  // Read synchronously, so two taps before React re-renders still start one request.
  const running = useRef(false)
  const run = useCallback(async <T>(work: () => Promise<T>, label?: string): Promise<T | null> => {
    if (running.current) return null
    running.current = true
    setCurrent({ label: label ?? null })
    setFailure(null)
    try {
      return await work()
    } catch (caught) {
      setFailure({ error: toApiError(caught), at: label ?? null })
      return null
    } finally {
      running.current = false
      setCurrent(null)
    }
  }, [])
  const fail = useCallback((error: ApiError | string, label?: string) => {
    setFailure({ error: typeof error === 'string' ? new ApiError('validation_failed', error, 0) : error, at: label ?? null })
  }, [])
  const clearError = useCallback(() => setFailure(null), [])
  return { busy: current !== null, busyWith: current?.label ?? null, error: failure?.error ?? null, errorAt: failure?.at ?? null, run, fail, clearError }
}
