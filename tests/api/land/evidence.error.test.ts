/**
 * Evidence photos refused: not a photo (whatever the client calls it), too big after compression,
 * too many unused, or not the caller's to attach. Each with its code and Chinese message, and
 * nothing stored: no photo row, no nomination, no audit entry.
 */
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, landEvidencePhotos, landNominations } from '../../../db/schema'
import { errorCatalog, type ErrorCode } from '../../../shared/errors'
import { MAX_PHOTO_BYTES, MAX_UNUSED_PHOTOS, photoSchema } from '../../../shared/land'
import { errorCodeOf, setupApi, type CallResult } from '../../harness/api'
import { fakeJpeg, notPhotos, tinyJpegBase64 } from './_photos'
import { cast, createYear, gaojingHouseholds, THIS_YEAR } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const council = await api.someone(api.demo.gaojing, 'council_member')
const awardYearId = await createYear(api, who.secretary)

async function snapshot() {
  const [photos] = await api.db.select({ n: count() }).from(landEvidencePhotos)
  const [nominations] = await api.db.select({ n: count() }).from(landNominations)
  const [audit] = await api.db.select({ n: count() }).from(auditLog).where(eq(auditLog.villageId, api.demo.gaojing))
  return { photos: photos?.n ?? 0, nominations: nominations?.n ?? 0, audit: audit?.n ?? 0 }
}

function expectRefusal(res: CallResult, code: ErrorCode): string {
  expect(res.status, JSON.stringify(res.body)).toBe(errorCatalog[code].status)
  expect(errorCodeOf(res)).toBe(code)
  const message = (res.body as { error: { message: string } }).error.message
  expect(message).toMatch(/[\u4e00-\u9fff]/)
  return message
}

const upload = (dataBase64: string, token = council.token) => api.call('POST', '/api/land/evidence/upload', { token, body: { awardYearId, dataBase64 } })

describe('what is not a photo is refused by its bytes, and nothing is kept', () => {
  it.each(Object.entries(notPhotos))('%s', async (_, bytes) => {
    const before = await snapshot()
    const message = expectRefusal(await upload(bytes.toString('base64')), 'land_photo_type_refused')
    expect(message).toContain('JPG、PNG 或 WebP')
    expect(await snapshot()).toEqual(before)
  })

  it('a JPEG with a forged name or header is still judged by its bytes (a declared type is ignored)', async () => {
    const before = await snapshot()
    const res = await api.call('POST', '/api/land/evidence/upload', {
      token: council.token,
      headers: { 'x-content-type': 'image/jpeg' },
      body: { awardYearId, dataBase64: notPhotos.html.toString('base64'), contentType: 'image/jpeg', name: 'photo.jpg' },
    })
    expectRefusal(res, 'land_photo_type_refused')
    expect(await snapshot()).toEqual(before)
  })

  it('data that is not base64 is a field error, in Chinese', async () => {
    const before = await snapshot()
    const res = await upload('这不是照片!!')
    expectRefusal(res, 'validation_failed')
    expect(JSON.stringify(res.body)).toContain('照片数据格式不对')
    expect(await snapshot()).toEqual(before)
  })
})

describe('size', () => {
  it('a photo one byte over 600 KB after compression is refused with its size in words', async () => {
    const before = await snapshot()
    const message = expectRefusal(await upload(fakeJpeg(MAX_PHOTO_BYTES + 1).toString('base64')), 'land_photo_too_large')
    expect(message).toContain('600KB')
    expect(await snapshot()).toEqual(before)
  })

  it('exactly 600 KB is kept', async () => {
    const res = await upload(fakeJpeg(MAX_PHOTO_BYTES).toString('base64'))
    expect(res.status).toBe(201)
    expect(photoSchema.parse(res.body).byteSize).toBe(MAX_PHOTO_BYTES)
  })

  it('a body far over the cap is refused before it is read, as too large', async () => {
    const before = await snapshot()
    const res = await api.call('POST', '/api/land/evidence/upload', {
      token: council.token,
      rawBody: JSON.stringify({ awardYearId, dataBase64: 'A'.repeat(3 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    })
    expectRefusal(res, 'payload_too_large')
    expect(await snapshot()).toEqual(before)
  })

  it('the database holds the cap too: a row over 600 KB cannot be written past the CHECK', async () => {
    const bytes = new Uint8Array(fakeJpeg(MAX_PHOTO_BYTES + 10))
    await expect(
      api.db.insert(landEvidencePhotos).values({
        villageId: api.demo.gaojing,
        uploadedBy: council.personId,
        contentType: 'image/jpeg',
        byteSize: bytes.length,
        sha256: 'a'.repeat(64),
        data: bytes,
      }),
    ).rejects.toThrow()
  })
})

describe('unused photos are bounded per person', () => {
  it(`the ${MAX_UNUSED_PHOTOS + 1}th photo not yet in a nomination is refused`, async () => {
    const villager = who.villager
    for (let index = 0; index < MAX_UNUSED_PHOTOS; index++) expect((await upload(tinyJpegBase64(1024 + index), villager)).status).toBe(201)
    const before = await snapshot()
    expectRefusal(await upload(tinyJpegBase64(), villager), 'land_photo_quota')
    expect(await snapshot()).toEqual(before)
  })
})

describe('unused photos under concurrency', () => {
  it(`${MAX_UNUSED_PHOTOS + 5} uploads at once by one person keep exactly ${MAX_UNUSED_PHOTOS}; the rest are refused`, async () => {
    const person = await api.someone(api.demo.gaojing, 'committee_member')
    const answers = await Promise.all(Array.from({ length: MAX_UNUSED_PHOTOS + 5 }, (_, index) => upload(tinyJpegBase64(3000 + index), person.token)))
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(MAX_UNUSED_PHOTOS)
    expect(answers.filter((answer) => answer.status !== 201).map((answer) => errorCodeOf(answer))).toEqual(Array.from({ length: 5 }, () => 'land_photo_quota'))
    const [kept] = await api.db.select({ n: count() }).from(landEvidencePhotos).where(eq(landEvidencePhotos.uploadedBy, person.personId))
    expect(kept?.n).toBe(MAX_UNUSED_PHOTOS)
  })
})

describe('attaching', () => {
  it('someone else’s photo cannot be attached, and the nomination is not made either', async () => {
    const [mine] = [photoSchema.parse((await upload(tinyJpegBase64())).body)]
    const before = await snapshot()
    const res = await api.call('POST', '/api/land/nominations/create', {
      token: who.secretary,
      body: { awardYearId, householdId: homes[8]?.id, deedKind: 'simple_wedding', deedDate: `${THIS_YEAR}-01-01`, evidencePhotoIds: [mine?.id] },
    })
    expectRefusal(res, 'land_photo_not_usable')
    expect(await snapshot()).toEqual(before)
    const [row] = await api.db
      .select()
      .from(landEvidencePhotos)
      .where(eq(landEvidencePhotos.id, mine?.id ?? ''))
    expect(row?.nominationId).toBeNull()
  })

  it('a photo already in one nomination cannot be put into another', async () => {
    const photo = photoSchema.parse((await upload(tinyJpegBase64())).body)
    const first = await api.call('POST', '/api/land/nominations/create', {
      token: council.token,
      body: { awardYearId, householdId: homes[9]?.id, deedKind: 'simple_funeral', deedDate: `${THIS_YEAR}-01-01`, evidencePhotoIds: [photo.id] },
    })
    expect(first.status).toBe(201)
    const before = await snapshot()
    const second = await api.call('POST', '/api/land/nominations/create', {
      token: council.token,
      body: { awardYearId, householdId: homes[10]?.id, deedKind: 'simple_funeral', deedDate: `${THIS_YEAR}-01-01`, evidencePhotoIds: [photo.id] },
    })
    expectRefusal(second, 'land_photo_not_usable')
    expect(await snapshot()).toEqual(before)
  })

  it('the same photo twice in one nomination, or more than nine, is a field error', async () => {
    const photo = photoSchema.parse((await upload(tinyJpegBase64())).body)
    const before = await snapshot()
    for (const ids of [[photo.id, photo.id], Array.from({ length: 10 }, () => photo.id)]) {
      const res = await api.call('POST', '/api/land/nominations/create', {
        token: council.token,
        body: { awardYearId, householdId: homes[11]?.id, deedKind: 'other', deedDate: `${THIS_YEAR}-01-01`, evidencePhotoIds: ids },
      })
      expectRefusal(res, 'validation_failed')
    }
    expect(await snapshot()).toEqual(before)
  })

  it('a kept photo’s bytes cannot be changed afterwards, even by a direct update', async () => {
    const photo = photoSchema.parse((await upload(tinyJpegBase64())).body)
    await expect(
      api.db
        .update(landEvidencePhotos)
        .set({ data: new Uint8Array(fakeJpeg(999)), byteSize: 999 })
        .where(eq(landEvidencePhotos.id, photo.id)),
    ).rejects.toThrow()
  })
})
