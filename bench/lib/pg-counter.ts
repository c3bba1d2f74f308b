import { createServer, Socket, type Server } from 'node:net'

/**
 * A TCP proxy in front of Postgres that counts database round trips: each simple Query ('Q') and
 * each Sync ('S', the end of an extended-protocol batch) is one statement batch the server answers
 * with a ReadyForQuery. `waits` counts what the caller actually waits for: a batch sent while
 * nothing else is outstanding on that connection starts a wait; batches sent behind it
 * (pipelined, or several statements in one simple Query) ride the same wait. The product runs
 * unchanged behind it.
 */
export interface PgCounter {
  port: number
  trips: () => number
  waits: () => number
  statements: () => number
  statementsSince: (from: number) => string[]
  close: () => Promise<void>
}

export async function startPgCounter(target: { host: string; port: number }): Promise<PgCounter> {
  let trips = 0
  let waits = 0
  /** The text of each statement sent, in order, to show what a request's trips were. */
  const statements: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = new Socket()
    sockets.add(client).add(upstream)
    upstream.connect(target.port, target.host)
    let started = false
    let pending = Buffer.alloc(0)
    /** Batches sent on this connection and not yet answered with ReadyForQuery ('Z'). */
    let outstanding = 0
    let answers = Buffer.alloc(0)
    let sslReplyExpected = false
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk)
      pending = Buffer.concat([pending, chunk])
      for (;;) {
        if (!started) {
          if (pending.length < 4) break
          const length = pending.readInt32BE(0)
          if (pending.length < length) break
          // SSLRequest (80877103) is answered 'N' and followed by the real startup message.
          const code = pending.readInt32BE(4)
          pending = pending.subarray(length)
          if (code !== 80877103) started = true
          else sslReplyExpected = true
          continue
        }
        if (pending.length < 5) break
        const type = String.fromCharCode(pending[0] ?? 0)
        const length = pending.readInt32BE(1)
        if (pending.length < length + 1) break
        if (type === 'Q' || type === 'S') {
          trips += 1
          if (outstanding === 0) waits += 1
          outstanding += 1
        }
        if (type === 'Q') statements.push(cString(pending, 5))
        // Parse: statement name, then the query text.
        if (type === 'P') statements.push(cString(pending, pending.indexOf(0, 5) + 1))
        pending = pending.subarray(length + 1)
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk)
      answers = Buffer.concat([answers, chunk])
      if (sslReplyExpected && answers.length > 0) {
        answers = answers.subarray(1)
        sslReplyExpected = false
      }
      while (answers.length >= 5) {
        const length = answers.readInt32BE(1)
        if (answers.length < length + 1) break
        // The ReadyForQuery after startup answers no batch: never below zero.
        if (answers[0] === 0x5a) outstanding = Math.max(0, outstanding - 1)
        answers = answers.subarray(length + 1)
      }
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    trips: () => trips,
    waits: () => waits,
    statements: () => statements.length,
    statementsSince: (from: number) => statements.slice(from),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

function cString(buffer: Buffer, start: number): string {
  const end = buffer.indexOf(0, start)
  return buffer
    .toString('utf8', start, end < 0 ? undefined : end)
    .replace(/\s+/g, ' ')
    .trim()
}
