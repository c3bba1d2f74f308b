/* Closing a pay period: early closes end on the close date. */

/**
 * The last day a period covers once closed on `today` (Beijing). Closing before the planned end
 * ends it on the close date, so the days after stay open for the next period instead of being
 * locked in a closed one where no collection and no period could go. Pieces already recorded
 * for a later day (a phone a day ahead) keep the period to that day, so none is stranded.
 * A period that has not begun cannot be closed: it has nothing to pay yet.
 */
export function closingEndsOn(input: {
  startsOn: string
  endsOn: string
  today: string
  lastCollectionDay: string | null
}): { endsOn: string; early: boolean } | { code: 'piecework_period_not_started'; message: string } {
  const { startsOn, endsOn, today, lastCollectionDay } = input
  if (today < startsOn && (lastCollectionDay === null || lastCollectionDay < startsOn)) {
    return { code: 'piecework_period_not_started', message: `这个周期 ${startsOn} 才开始，还没有可结的账；不用的周期不必结账` }
  }
  if (endsOn <= today) return { endsOn, early: false }
  let last = today < startsOn ? startsOn : today
  if (lastCollectionDay !== null && lastCollectionDay > last) last = lastCollectionDay
  if (last >= endsOn) return { endsOn, early: false }
  return { endsOn: last, early: true }
}

/** What the head reads before closing: the period ends today, not on its planned day. */
export function earlyCloseNotice(period: { name: string; endsOn: string }, today: string): string | null {
  if (today >= period.endsOn) return null
  return `今天（${today}）结账，「${period.name}」就结算到今天为止；原定 ${period.endsOn} 之前的其余日子不算在这一期，请为它们新建下一期。`
}
