import { appendAudit } from '../../../../db/audit'
import { PHOTO_UPLOAD_MAX_BODY_BYTES, photoSchema, uploadPhotoInput } from '../../../../shared/land'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear, requireYearOpen } from '../../../queries/land'
import { storePhoto } from '../../../queries/land-evidence'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/evidence/upload',
  summary: '上传提名的证明照片（手机上先压缩；按文件头识别类型，不超过600KB），提交提名时再附上',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  body: uploadPhotoInput,
  response: photoSchema,
  successStatus: 201,
  maxBodyBytes: PHOTO_UPLOAD_MAX_BODY_BYTES,
  errors: [
    'not_member_of_village',
    'not_found',
    'land_photo_too_large',
    'land_photo_type_refused',
    'land_photo_quota',
    'land_nomination_closed',
    'land_result_locked',
    'payload_too_large',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const year = await loadYear(db, body.awardYearId)
    authorize(year.villageId)
    requireYearOpen(year)
    const photo = await storePhoto(db, year.villageId, session.personId, Buffer.from(body.dataBase64, 'base64'))
    await appendAudit(db, {
      villageId: year.villageId,
      actorPersonId: session.personId,
      action: 'land.evidence.uploaded',
      subjectType: 'land_evidence_photo',
      subjectId: photo.id,
      payload: { contentType: photo.contentType, byteSize: photo.byteSize, sha256: photo.sha256 },
    })
    return photo
  },
})

export const POST = toWebHandler(route)
