/* Money and weight as a head reads them. */

/** 12345 fen → "123.45". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** 2500 g → "2.5". */
export function formatKg(grams: number): string {
  const sign = grams < 0 ? '-' : ''
  const abs = Math.abs(grams)
  const kg = Math.floor(abs / 1000)
  const rest = abs % 1000
  return rest === 0 ? `${sign}${kg}` : `${sign}${kg}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`
}
