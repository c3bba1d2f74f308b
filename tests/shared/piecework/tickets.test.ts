import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkTicketEntry,
  formatTicketCode,
  materialCapacity,
  newTicketCode,
  noMaterialWarning,
  parseTicketCode,
  ticketQrText,
  TICKET_ALPHABET,
  type TicketFacts,
} from '../../../shared/piecework'

describe('ticket codes', () => {
  it('are six unambiguous characters that survive printing, scanning and typing', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 6, maxLength: 6 }), (draws) => {
        let i = 0
        const code = newTicketCode(() => draws[i++] ?? 0)
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
        expect(parseTicketCode(ticketQrText(code))).toBe(code)
        expect(parseTicketCode(formatTicketCode(code).toLowerCase())).toBe(code)
        expect(parseTicketCode(` ${formatTicketCode(code)} `)).toBe(code)
      }),
    )
    expect(TICKET_ALPHABET).not.toMatch(/[01OIL]/)
  })

  it.each(['', 'K7M3Q', 'K7M3QD9', 'K7M3Q0', 'https://weixin.qq.com/x', 'XY:ZP:'])('refuses %j', (text) => {
    expect(parseTicketCode(text)).toBeNull()
  })
})

const ticket: TicketFacts = { code: 'K7M3QD', workerId: 'w1', orderId: 'o1', operationId: 'op1', pieces: 10, collected: null }
const entry = { workerId: 'w1', orderId: 'o1', operationId: 'op1', accepted: 9, rejected: 1, rework: 0, reworkReturn: false }

describe('checkTicketEntry', () => {
  it('takes a bundle once, for its household, order and operation, at most its pieces', () => {
    expect(checkTicketEntry(ticket, entry)).toBeNull()
    expect(checkTicketEntry(ticket, { ...entry, accepted: 10 })?.code).toBe('piecework_ticket_pieces')
    expect(checkTicketEntry(ticket, { ...entry, workerId: 'w2' })?.code).toBe('piecework_ticket_mismatch')
    expect(checkTicketEntry(ticket, { ...entry, reworkReturn: true })?.code).toBe('piecework_ticket_mismatch')
    const collected = { ...ticket, collected: { at: '2026-12-03T06:20:00.000Z', byName: '刘建国', collectedOn: '2026-12-03' } }
    const refusal = checkTicketEntry(collected, entry)
    expect(refusal?.code).toBe('piecework_ticket_collected')
    expect(refusal?.message).toBe('扎票 K7M-3QD 已经收过了：2026-12-03 14:20 由刘建国登记，一张扎票只能收一次')
  })
})

describe('the collect screen’s material warning', () => {
  it('speaks before any count is typed when not one more piece can be made', () => {
    const names = { householdName: '何淑英', materialName: '尼龙网线', operationName: '织网' }
    expect(noMaterialWarning({ perPiece: 400, netIssued: 0, alreadyUsed: 0, toleranceBp: 500, ...names })).toMatch(/何淑英还没有领「尼龙网线」/)
    expect(noMaterialWarning({ perPiece: 400, netIssued: 4000, alreadyUsed: 4200, toleranceBp: 500, ...names })).toMatch(/用完了/)
    expect(noMaterialWarning({ perPiece: 400, netIssued: 4000, alreadyUsed: 3600, toleranceBp: 0, ...names })).toBeNull()
    expect(noMaterialWarning({ perPiece: 0, netIssued: 0, alreadyUsed: 0, toleranceBp: 0, ...names })).toBeNull()
    expect(materialCapacity({ perPiece: 24, netIssued: 200, alreadyUsed: 0, toleranceBp: 0 })).toBe(8)
  })
})
