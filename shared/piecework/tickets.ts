import { chinaDateTimeOf } from '../time'

/*
 * Bundle tickets (扎票): material is issued in bundles of N pieces, each with a ticket, and one
 * copy of each ticket is what stops a piece being paid twice. A ticket is collected once.
 */

/** Letters and digits a head reads off a label without mixing them up (no 0/O, 1/I/L). */
export const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const TICKET_CODE_LENGTH = 6
/** Bundles one issue of material may be cut into. */
export const MAX_BUNDLES_PER_ISSUE = 100
/** What the QR code holds: a prefix, so a stray QR code (a WeChat payment) is not taken for a ticket. */
export const TICKET_QR_PREFIX = 'XY:ZP:'

/** A new code from `random` (uniform in [0, 1)); the server draws from crypto randomness. */
export function newTicketCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < TICKET_CODE_LENGTH; i++) code += TICKET_ALPHABET[Math.floor(random() * TICKET_ALPHABET.length)] ?? '2'
  return code
}

/** "K7M3QD" → "K7M-3QD", as printed under the QR code. */
export function formatTicketCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`
}

/** The text a ticket's QR code holds. */
export function ticketQrText(code: string): string {
  return `${TICKET_QR_PREFIX}${code}`
}

/**
 * The code in what a scanner read or a head typed: the QR text, or the printed code with or
 * without its dash, in any case. Null for anything else (another QR code, a typo).
 */
export function parseTicketCode(text: string): string | null {
  let raw = text.trim().toUpperCase()
  if (raw.startsWith(TICKET_QR_PREFIX)) raw = raw.slice(TICKET_QR_PREFIX.length)
  raw = raw.replace(/[\s-]/g, '')
  if (raw.length !== TICKET_CODE_LENGTH) return null
  for (const ch of raw) if (!TICKET_ALPHABET.includes(ch)) return null
  return raw
}

export interface TicketFacts {
  code: string
  workerId: string
  orderId: string
  operationId: string
  pieces: number
  /** The collection that took the ticket, if any. */
  collected: { at: string; byName: string; collectedOn: string } | null
}

export type TicketRefusal = { code: 'piecework_ticket_collected' | 'piecework_ticket_mismatch' | 'piecework_ticket_pieces'; message: string }

/** "扎票 K7M-3QD 已经收过了：2026-12-03 14:20 由刘建国登记". */
export function ticketCollectedMessage(ticket: Pick<TicketFacts, 'code' | 'collected'>): string {
  const when = ticket.collected ? chinaDateTimeOf(new Date(ticket.collected.at)) : ''
  const who = ticket.collected?.byName ? `由${ticket.collected.byName}` : ''
  return `扎票 ${formatTicketCode(ticket.code)} 已经收过了：${when} ${who}登记，一张扎票只能收一次`
}

/**
 * Whether an entry may be recorded against a ticket: not collected before, the same household,
 * order and operation the ticket was issued for, a first inspection (never a rework return), and
 * no more pieces than the bundle holds.
 */
export function checkTicketEntry(
  ticket: TicketFacts,
  entry: { workerId: string; orderId: string; operationId: string; accepted: number; rejected: number; rework: number; reworkReturn: boolean },
): TicketRefusal | null {
  if (ticket.collected) return { code: 'piecework_ticket_collected', message: ticketCollectedMessage(ticket) }
  if (ticket.workerId !== entry.workerId || ticket.orderId !== entry.orderId || ticket.operationId !== entry.operationId || entry.reworkReturn) {
    return { code: 'piecework_ticket_mismatch', message: `扎票 ${formatTicketCode(ticket.code)} 是发给别的户、订单或工序的，请按扎票上写的登记` }
  }
  const pieces = entry.accepted + entry.rejected + entry.rework
  if (pieces > ticket.pieces) {
    return { code: 'piecework_ticket_pieces', message: `扎票 ${formatTicketCode(ticket.code)} 这一扎只有 ${ticket.pieces} 件，登记了 ${pieces} 件` }
  }
  return null
}
