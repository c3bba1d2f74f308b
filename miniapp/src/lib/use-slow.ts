import { useEffect, useState } from 'react'

/**
 * True once `active` has stayed true for `ms`: a call still running after a few seconds on a
 * weak network (a request may wait 15 s, and once more, before it gives up), so a page can say
 * so and offer 重试 instead of 正在加载 with no end in sight.
 */
export function useSlow(active: boolean, ms = 4000): boolean {
  const [slow, setSlow] = useState(false)
  useEffect(() => {
    setSlow(false)
    if (!active) return
    const timer = setTimeout(() => setSlow(true), ms)
    return () => clearTimeout(timer)
  }, [active, ms])
  return slow
}
