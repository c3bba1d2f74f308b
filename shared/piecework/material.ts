import { DEFAULT_TOLERANCE_BP } from './limits'

/* Material issued, returned and used (领料): the reconciliation a head and a household both check. */

export interface MaterialMovement {
  workerId: string
  productId: string
  /** Positive grams issued, or returned (kind `return`). */
  grams: number
  kind: 'issue' | 'return'
  expectedPieces: number
}

export interface MaterialUse {
  workerId: string
  productId: string
  gramsPerPiece: number
  accepted: number
  rejected: number
  rework: number
  reworkReturn: boolean
}

export interface MaterialBalance {
  workerId: string
  productId: string
  issuedGrams: number
  returnedGrams: number
  /** (accepted + rejected) × usage per piece. */
  usedGrams: number
  outstandingGrams: number
  expectedPieces: number
  finishedPieces: number
  /** Grams the household's remaining expected pieces would still use. */
  openWorkGrams: number
  /** Holds more material than its open work can use (beyond tolerance). */
  flagged: boolean
}

/**
 * Material reconciliation per household and product:
 * issued − returned − used (accepted + rejected pieces × usage per piece) = outstanding.
 * Flags a household whose outstanding material exceeds what its open work can still use.
 */
export function reconcileMaterial(
  movements: readonly MaterialMovement[],
  uses: readonly MaterialUse[],
  toleranceBp = DEFAULT_TOLERANCE_BP,
): MaterialBalance[] {
  const balances = new Map<string, MaterialBalance & { gramsPerPiece: number }>()
  const balanceFor = (workerId: string, productId: string) => {
    const key = `${workerId}|${productId}`
    let balance = balances.get(key)
    if (!balance) {
      balance = {
        workerId,
        productId,
        issuedGrams: 0,
        returnedGrams: 0,
        usedGrams: 0,
        outstandingGrams: 0,
        expectedPieces: 0,
        finishedPieces: 0,
        openWorkGrams: 0,
        flagged: false,
        gramsPerPiece: 0,
      }
      balances.set(key, balance)
    }
    return balance
  }
  for (const m of movements) {
    const balance = balanceFor(m.workerId, m.productId)
    if (m.kind === 'issue') {
      balance.issuedGrams += m.grams
      balance.expectedPieces += m.expectedPieces
    } else balance.returnedGrams += m.grams
  }
  for (const u of uses) {
    const balance = balanceFor(u.workerId, u.productId)
    balance.usedGrams += (u.accepted + u.rejected) * u.gramsPerPiece
    if (u.gramsPerPiece > 0) {
      balance.finishedPieces += u.accepted + u.rejected
      balance.gramsPerPiece = Math.max(balance.gramsPerPiece, u.gramsPerPiece)
    }
  }
  const result: MaterialBalance[] = []
  for (const { gramsPerPiece, ...balance } of balances.values()) {
    balance.outstandingGrams = balance.issuedGrams - balance.returnedGrams - balance.usedGrams
    const openPieces = Math.max(0, balance.expectedPieces - balance.finishedPieces)
    // Without a collection yet, the usage per piece is implied by the expected yield.
    const perPiece = gramsPerPiece > 0 ? gramsPerPiece : balance.expectedPieces > 0 ? Math.floor(balance.issuedGrams / balance.expectedPieces) : 0
    balance.openWorkGrams = openPieces * perPiece
    balance.flagged = balance.outstandingGrams > withTolerance(balance.openWorkGrams, toleranceBp)
    result.push(balance)
  }
  result.sort((a, b) => (a.workerId + a.productId < b.workerId + b.productId ? -1 : 1))
  return result
}

/** `grams` plus the tolerance, rounded up so a zero tolerance is exact. */
export function withTolerance(grams: number, toleranceBp: number): number {
  return grams + Math.ceil((grams * toleranceBp) / 10_000)
}
