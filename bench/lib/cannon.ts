/**
 * Runs autocannon in its own process (so the load generator does not share an event loop with
 * the measured server or the orchestrator) and prints one JSON line with the result.
 * Input (argv[2], JSON): { url, method, body, tokens, connections, seconds }.
 */
import autocannon from 'autocannon'

interface Job {
  url: string
  method: 'GET' | 'POST'
  body?: string
  tokens: string[]
  connections: number
  seconds: number
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job
if (!job.url.startsWith('http://127.0.0.1:')) throw new Error('load runs only against 127.0.0.1')
let next = 0
const result = await autocannon({
  url: job.url,
  method: job.method,
  connections: job.connections,
  duration: Math.min(job.seconds, 10),
  headers: { 'content-type': 'application/json' },
  ...(job.body ? { body: job.body } : {}),
  // Each connection is one villager's phone: its own token.
  setupClient: (client) => {
    const token = job.tokens[next++ % Math.max(1, job.tokens.length)]
    client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` })
  },
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
