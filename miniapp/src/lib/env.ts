// The only place that reads build-time variables; both are inlined by Taro at build time.
export const isWeapp = process.env.TARO_ENV === 'weapp'
export const apiBase = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '')
