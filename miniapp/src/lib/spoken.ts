/**
 * Numbers as a listener hears them. Speech engines read "2025-12-01" digit by digit and
 * "24.50" as "二十四点五零"; villagers say 12月1日 and 24元5角.
 */

/** "2025-12-01" → "12月1日" (the year is left out: every date read aloud is this year's or next). */
export function spokenDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) return isoDate
  return `${Number(match[2])}月${Number(match[3])}日`
}

/** 2450 → "24元5角", 2405 → "24元零5分", 0 → "0元", -300 → "扣3元". */
export function spokenYuan(fen: number): string {
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const jiao = Math.floor((abs % 100) / 10)
  const cents = abs % 10
  let text = `${yuan}元`
  if (jiao > 0) text += `${jiao}角`
  if (cents > 0) text += `${jiao === 0 ? '零' : ''}${cents}分`
  return fen < 0 ? `扣${text}` : text
}

/** 420 (minutes after midnight) → "早上7点", 930 → "下午3点30分". */
export function spokenClock(minuteOfDay: number): string {
  return `${partOfDay(minuteOfDay)}${clockOnly(minuteOfDay)}`
}

/** 420, 480 → "早上7点到8点"; 690, 810 → "早上11点半到下午1点半". */
export function spokenClockRange(startMinute: number, endMinute: number): string {
  const end = partOfDay(endMinute) === partOfDay(startMinute) ? clockOnly(endMinute) : spokenClock(endMinute)
  return `${spokenClock(startMinute)}到${end}`
}

function partOfDay(minuteOfDay: number): string {
  const hour = Math.floor(minuteOfDay / 60) % 24
  return hour < 5 ? '凌晨' : hour < 12 ? '早上' : hour < 13 ? '中午' : hour < 18 ? '下午' : '晚上'
}

function clockOnly(minuteOfDay: number): string {
  const hour = Math.floor(minuteOfDay / 60) % 24
  const minute = minuteOfDay % 60
  const twelve = hour > 12 ? hour - 12 : hour
  return `${twelve}点${minute === 0 ? '' : minute === 30 ? '半' : `${minute}分`}`
}
