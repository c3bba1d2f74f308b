import { createHash } from 'node:crypto'
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { landEvidencePhotos, people } from '../../db/schema'
import { AppError } from '../../shared/errors'
import { MAX_UNUSED_PHOTOS, photoRefusal, sniffPhotoType, type Photo } from '../../shared/land'

/**
 * Keeps one photo for its uploader, or refuses it with nothing stored. The person's row is locked
 * first, so two uploads at once are counted one after the other against the unused-photo bound.
 */
export async function storePhoto(db: Db, villageId: string, uploaderId: string, bytes: Uint8Array<ArrayBuffer>): Promise<Photo> {
  const refusal = photoRefusal(bytes)
  const contentType = sniffPhotoType(bytes)
  if (refusal || !contentType) throw new AppError(refusal?.code ?? 'land_photo_type_refused', refusal?.message)
  await db.select({ id: people.id }).from(people).where(eq(people.id, uploaderId)).for('update')
  const [unused] = await db
    .select({ n: count() })
    .from(landEvidencePhotos)
    .where(and(eq(landEvidencePhotos.uploadedBy, uploaderId), isNull(landEvidencePhotos.nominationId)))
  if ((unused?.n ?? 0) >= MAX_UNUSED_PHOTOS) throw new AppError('land_photo_quota')
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const [row] = await db
    .insert(landEvidencePhotos)
    .values({ villageId, uploadedBy: uploaderId, contentType, byteSize: bytes.length, sha256, data: bytes })
    .returning({ id: landEvidencePhotos.id })
  if (!row) throw new Error('photo insert returned nothing')
  return { id: row.id, contentType, byteSize: bytes.length, sha256 }
}

/**
 * Attaches the uploader's own unused photos to a nomination, in the order given, or refuses the
 * whole nomination: the update re-checks owner, village and "not yet used" as it writes.
 */
export async function attachPhotos(db: Db, nominationId: string, villageId: string, uploaderId: string, photoIds: readonly string[]): Promise<void> {
  if (photoIds.length === 0) return
  const order = sql.join(
    photoIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const attached = await db
    .update(landEvidencePhotos)
    .set({ nominationId, position: sql`array_position(array[${order}], ${landEvidencePhotos.id})` })
    .where(
      and(
        inArray(landEvidencePhotos.id, [...photoIds]),
        eq(landEvidencePhotos.uploadedBy, uploaderId),
        eq(landEvidencePhotos.villageId, villageId),
        isNull(landEvidencePhotos.nominationId),
      ),
    )
    .returning({ id: landEvidencePhotos.id })
  if (attached.length !== photoIds.length) throw new AppError('land_photo_not_usable')
}

/** Each nomination's photo ids, in their order. */
export async function photoIdsOf(db: Db, nominationIds: readonly string[]): Promise<Map<string, string[]>> {
  const byNomination = new Map<string, string[]>()
  if (nominationIds.length === 0) return byNomination
  const rows = await db
    .select({ id: landEvidencePhotos.id, nominationId: landEvidencePhotos.nominationId })
    .from(landEvidencePhotos)
    .where(inArray(landEvidencePhotos.nominationId, [...nominationIds]))
    .orderBy(asc(landEvidencePhotos.position), asc(landEvidencePhotos.createdAt))
  for (const row of rows) {
    if (!row.nominationId) continue
    byNomination.set(row.nominationId, [...(byNomination.get(row.nominationId) ?? []), row.id])
  }
  return byNomination
}
