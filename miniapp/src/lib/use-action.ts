import { useCallback, useRef, useState } from 'react'
import { toApiError, type ApiError } from '@/api/api-error'

/**
 * A button's request: busy while it runs (a second tap does nothing), and the refusal kept to
 * show beside the button. Replaces the setBusy / try / catch / finally each page wrote by hand.
 * `run` resolves with the work's result, or null when it failed (the error is then in `error`).
 */
export function useAction(): {
  busy: boolean
  error: ApiError | null
  run: <T>(work: () => Promise<T>) => Promise<T | null>
  clearError: () => void
} {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  // Read synchronously, so two taps before React re-renders still start one request.
  const running = useRef(false)
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | null> => {
    if (running.current) return null
    running.current = true
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (caught) {
      setError(toApiError(caught))
      return null
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  const clearError = useCallback(() => setError(null), [])
  return { busy, error, run, clearError }
}
