/**
 * What drivers say when the connection, not the statement, failed. node-postgres answers a query on
 * a client whose backend was killed (the BEGIN of a pooled client that died idle, the ROLLBACK after
 * a query the kill interrupted) with "Client has encountered a connection error and is not
 * queryable", or "Client was closed and is not queryable"; Neon's driver says the same of its socket.
 */
const CONNECTION_LOST =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|connection is closed|not queryable|Connection ended|terminating connection|server closed the connection|socket hang up|WebSocket/i

function sqlState(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * The connection is gone (class 08, an administrator's or a crash's 57P0x, or a socket error),
 * looking down drizzle's cause chain. Not a serialization failure: its connection is still good.
 */
export function isConnectionLost(error: unknown): boolean {
  const code = sqlState(error)
  if (code && (code.startsWith('08') || code.startsWith('57P'))) return true
  let current: unknown = error
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (CONNECTION_LOST.test(current.message)) return true
    current = current.cause
  }
  return false
}
