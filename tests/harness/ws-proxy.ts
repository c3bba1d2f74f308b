import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

export interface WsProxy {
  /** `host:port` for neonConfig.wsProxy. */
  address: string
  close: () => Promise<void>
}

/**
 * What Neon runs in front of Postgres, reduced to loopback: each WebSocket becomes one TCP
 * connection to the server, bytes passed through unchanged. Lets the production driver be tested here.
 */
export async function startWsProxy(target: { host: string; port: number }): Promise<WsProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  server.on('connection', (socket) => {
    const tcp = connect(target.port, target.host)
    const pending: Buffer[] = []
    let connected = false
    tcp.on('connect', () => {
      connected = true
      for (const chunk of pending.splice(0)) tcp.write(chunk)
    })
    socket.on('message', (data: Buffer) => (connected ? tcp.write(data) : pending.push(data)))
    tcp.on('data', (data) => socket.send(data))
    tcp.on('close', () => socket.close())
    tcp.on('error', () => socket.terminate())
    socket.on('close', () => tcp.end())
    socket.on('error', () => tcp.destroy())
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate()
        server.close(() => resolve())
      }),
  }
}
