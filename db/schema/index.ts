export * from './core'
export * from './audit'
export * from './idempotency'
export * from './land'
