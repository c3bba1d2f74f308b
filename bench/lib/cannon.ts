/**
 * Runs autocannon in its own process (so the load generator does not share an event loop with
 * the measured server or the orchestrator) and prints one JSON line with the result.
 * Input (argv[2], JSON): { url, method, body, tokens, connections, seconds, collection? }.
 * With `collection`, every request is a new offline entry synced as the app sends it (the sync
 * route, one entry, a fresh client id and a fresh Idempotency-Key), each connection for its own
 * household and order.
 */
import { randomUUID } from 'node:crypto'
import autocannon from 'autocannon'

interface Job {
  url: string
  method: 'GET' | 'POST'
  body?: string
  tokens: string[]
  connections: number
  seconds: number
  collection?: { workshopId: string; operationId: string; collectedOn: string; pairs: { workerId: string; orderId: string }[] }
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job
if (!job.url.startsWith('http://127.0.0.1:')) throw new Error('load runs only against 127.0.0.1')
let next = 0
const collection = job.collection
interface Context {
  token?: string
  pair?: { workerId: string; orderId: string }
}
const result = await autocannon({
  url: job.url,
  method: job.method,
  connections: job.connections,
  duration: Math.min(job.seconds, 10),
  headers: { 'content-type': 'application/json' },
  ...(job.body ? { body: job.body } : {}),
  ...(collection
    ? {
        requests: [
          {
            method: 'POST',
            setupRequest: (request: autocannon.Request, context: Context) => {
              context.token ??= job.tokens[next % Math.max(1, job.tokens.length)]
              context.pair ??= collection.pairs[next++ % collection.pairs.length]
              const entry = {
                clientId: randomUUID(),
                workerId: context.pair?.workerId,
                orderId: context.pair?.orderId,
                operationId: collection.operationId,
                collectedOn: collection.collectedOn,
                accepted: 1,
                rejected: 0,
              }
              return {
                ...request,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token ?? ''}`, 'idempotency-key': `bench-${randomUUID()}` },
                body: JSON.stringify({ workshopId: collection.workshopId, entries: [entry] }),
              }
            },
          },
        ],
      }
    : {
        // Each connection is one villager's phone: its own token.
        setupClient: (client: autocannon.Client) => {
          const token = job.tokens[next++ % Math.max(1, job.tokens.length)]
          client.setHeaders({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) })
        },
      }),
})
console.log(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
)
