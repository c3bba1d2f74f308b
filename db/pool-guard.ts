import { isConnectionLost } from './connection-lost'

interface CheckedOutClient {
  release: (error?: Error | boolean) => void
  query: (...args: never[]) => unknown
  _queryable?: boolean
  _ending?: boolean
}
interface PoolWithConnect {
  connect: (...args: never[]) => unknown
}

/**
 * drizzle's transaction() (node-postgres and Neon alike) checks a client out and sends BEGIN
 * before its try/finally: a BEGIN that fails because the backend was killed never releases the
 * client. Ten such and the pool is empty: every later request waits forever. So a client whose
 * connection is lost is released (and so dropped) by the pool as soon as one of its queries
 * fails for that reason, and a second release (drizzle's finally, when it does run) is a no-op.
 * Only the promise form of connect() is guarded: it is drizzle's transaction path; pool.query()
 * checks out with a callback and releases by itself.
 */
export function releaseDeadCheckouts(pool: PoolWithConnect): void {
  const connect = pool.connect.bind(pool) as (callback?: unknown) => unknown
  pool.connect = ((callback?: unknown) => {
    if (callback !== undefined) return connect(callback)
    return (connect() as Promise<CheckedOutClient>).then(guard)
  }) as PoolWithConnect['connect']
}

/** Clients whose query() already carries the check: the pool hands the same client out again and again. */
const watched = new WeakSet<CheckedOutClient>()

function guard(client: CheckedOutClient): CheckedOutClient {
  // The pool gives each checkout a fresh release(); wrap that one, so a second call is a no-op.
  const release = client.release
  let released = false
  client.release = (error) => {
    if (released) return
    released = true
    release(error)
  }
  // query() is wrapped once per client, not once per checkout: wrapping it at every checkout
  // nested one wrapper per request until the stack overflowed (seen under the fuzz suite).
  if (!watched.has(client)) {
    watched.add(client)
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    client.query = ((...args: unknown[]) => {
      const result = query(...args)
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          const dead = client._queryable === false || client._ending === true || isConnectionLost(error)
          // client.release is the current checkout's: a no-op once that checkout has released.
          if (dead) client.release(error instanceof Error ? error : true)
        })
      }
      return result
    }) as CheckedOutClient['query']
  }
  return client
}
