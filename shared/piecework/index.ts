/*
 * 微工厂计件 (micro-factory piecework): the pure rules, one file each, and the wire schemas.
 * Money is integer fen, material integer grams, days Beijing calendar days (shared/time.ts).
 */
export * from './limits'
export * from './pay'
export * from './material'
export * from './collections'
export * from './integrity'
export * from './corrections'
export * from './tickets'
export * from './closing'
export * from './paging'
export * from './format'
export * from './schemas'
export * from './statuses'
