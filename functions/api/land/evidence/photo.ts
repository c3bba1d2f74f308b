import { eq } from 'drizzle-orm'
import { landEvidencePhotos } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { photoQuery, photoTypes } from '../../../../shared/land'
import { z } from '../../../../shared/zod'
import { defineRoute, toWebHandler } from '../../../lib/route'

const photoBytes = z.object({
  contentType: z.enum(photoTypes),
  sha256: z.string(),
  /** null: the reader's copy (If-None-Match) is this photo already. */
  bytes: z.instanceof(Uint8Array).nullable(),
})

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/evidence/photo',
  summary: '提名的证明照片（本村成员可看；未用在提名里的只有上传人能看）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: photoQuery,
  response: photoBytes,
  renders: 'image/*',
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, session, query, request }) => {
    const [photo] = await db
      .select({
        villageId: landEvidencePhotos.villageId,
        uploadedBy: landEvidencePhotos.uploadedBy,
        nominationId: landEvidencePhotos.nominationId,
        contentType: landEvidencePhotos.contentType,
        sha256: landEvidencePhotos.sha256,
      })
      .from(landEvidencePhotos)
      .where(eq(landEvidencePhotos.id, query.photoId))
    if (!photo) throw new AppError('not_found', '找不到这张照片')
    authorize(photo.villageId)
    // A photo not yet in a nomination is the uploader's draft: nobody else learns it exists.
    if (!photo.nominationId && photo.uploadedBy !== session.personId) throw new AppError('not_found', '找不到这张照片')
    const etag = `"${photo.sha256}"`
    if (request.headers.get('if-none-match') === etag) return { contentType: photo.contentType, sha256: photo.sha256, bytes: null }
    const [row] = await db.select({ data: landEvidencePhotos.data }).from(landEvidencePhotos).where(eq(landEvidencePhotos.id, query.photoId))
    if (!row) throw new AppError('not_found', '找不到这张照片')
    return { contentType: photo.contentType, sha256: photo.sha256, bytes: row.data }
  },
  render: async (photo) => {
    // A kept photo never changes (a trigger holds its bytes), so a reader's copy stays good; private:
    // no shared cache may keep what only members of the village may see.
    const headers = {
      etag: `"${photo.sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      vary: 'Authorization',
    }
    if (!photo.bytes) return new Response(null, { status: 304, headers })
    return new Response(photo.bytes, {
      status: 200,
      headers: { ...headers, 'content-type': photo.contentType, 'content-length': String(photo.bytes.byteLength), 'content-disposition': 'inline' },
    })
  },
})

export const GET = toWebHandler(route)
