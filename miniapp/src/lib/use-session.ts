import { useEffect, useState } from 'react'
import type { Me } from '@shared/auth'
import { fetchMe } from '@/api/auth'
import { goToLogin } from './routes'
import { getCachedMe, isLoggedIn, setCachedMe } from './session'
import { useAsync, type AsyncState } from './use-async'

/** For member-only pages: a reader without a session is sent to the login page. */
export function useRequireLogin(): boolean {
  const [loggedIn] = useState(isLoggedIn)
  useEffect(() => {
    if (!loggedIn) goToLogin()
  }, [loggedIn])
  return loggedIn
}

export function useMe(): { state: AsyncState<Me>; reload: () => void } {
  const loggedIn = useRequireLogin()
  return useAsync(
    async () => {
      const me = await fetchMe()
      setCachedMe(me)
      return me
    },
    [],
    { enabled: loggedIn, initial: getCachedMe() },
  )
}
