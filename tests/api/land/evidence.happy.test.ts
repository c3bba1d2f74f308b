/**
 * Evidence photos, happy path: a council member and a household each upload photos, attach them to
 * a nomination, and the reviewer (and any member of the village) reads them back byte for byte.
 */
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { households, landEvidencePhotos, memberships, people } from '../../../db/schema'
import { currentYearResponse, photoSchema } from '../../../shared/land'
import { setupApi } from '../../harness/api'
import { fakeJpeg, fakePng } from './_photos'
import { cast, createYear, gaojingHouseholds, idOf, THIS_YEAR, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const council = await api.someone(api.demo.gaojing, 'council_member')
const awardYearId = await createYear(api, who.secretary)

async function upload(token: string, bytes: Buffer) {
  const res = await api.call('POST', '/api/land/evidence/upload', { token, body: { awardYearId, dataBase64: bytes.toString('base64') } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return photoSchema.parse(res.body)
}

describe('a council member nominates with photos', () => {
  it('keeps each photo with its sniffed type, size and sha256, and attaches them in order', async () => {
    const first = fakeJpeg(300 * 1024)
    const second = fakePng(4096)
    const a = await upload(council.token, first)
    const b = await upload(council.token, second)
    expect(a).toMatchObject({ contentType: 'image/jpeg', byteSize: first.length, sha256: createHash('sha256').update(first).digest('hex') })
    expect(b.contentType).toBe('image/png')
    const home = homes[4]
    const nominationId = idOf(
      await api.call('POST', '/api/land/nominations/create', {
        token: council.token,
        body: {
          awardYearId,
          householdId: home?.id,
          deedKind: 'no_full_month_banquet',
          deedDate: `${THIS_YEAR}-02-01`,
          notes: '孙子满月没办酒',
          evidencePhotoIds: [b.id, a.id],
        },
      }),
    )
    const year = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.secretary, query: { villageId: api.demo.gaojing } })).body,
    )
    const nomination = year.awardYear?.nominations.find((candidate) => candidate.id === nominationId)
    expect(nomination?.evidencePhotoIds).toEqual([b.id, a.id])
    expect(nomination?.selfApplied).toBe(false)

    // The reviewer reads the photo back whole, typed by its bytes, cacheable only privately.
    const res = await api.call('GET', '/api/land/evidence/photo', { token: who.deputy, query: { photoId: a.id } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('etag')).toBe(`"${a.sha256}"`)
    expect(Number(res.headers.get('content-length'))).toBe(first.length)

    // A reader who has it already gets 304 and no bytes.
    const again = await api.call('GET', '/api/land/evidence/photo', {
      token: who.villager,
      query: { photoId: a.id },
      headers: { 'if-none-match': `"${a.sha256}"` },
    })
    expect(again.status).toBe(304)
    expect(again.body).toBe('')
  })

  it('returns the very bytes that were uploaded', async () => {
    const bytes = fakeJpeg(50 * 1024)
    bytes.write('差一点就办了满月酒', 100)
    const photo = await upload(council.token, bytes)
    const url = new URL('http://xiangyue.test/api/land/evidence/photo')
    url.searchParams.set('photoId', photo.id)
    const { dispatch } = await import('../../../functions/lib/router')
    const response = await dispatch(new Request(url, { headers: { authorization: `Bearer ${council.token}` } }))
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })
})

describe('a household applies for itself with a photo', () => {
  it('marks the nomination self-applied and attaches the household’s own photo', async () => {
    // A household of its own with one plain villager: demo households may hold cadres.
    const [home] = await api.db.insert(households).values({ villageId: api.demo.gaojing, label: '测试申请户', elderly: false }).returning({ id: households.id })
    if (!home) throw new Error('no household')
    const [member] = await api.db.insert(people).values({ name: '测试申请人', birthYear: 1975, householdId: home.id }).returning({ id: people.id })
    if (!member) throw new Error('no member')
    await api.db.insert(memberships).values({ personId: member.id, villageId: api.demo.gaojing, role: 'villager' })
    const token = await tokenForId(member.id)
    const listed = await api.call('GET', '/api/land/nominations/households', { token, query: { awardYearId } })
    expect(listed.body).toMatchObject({ canNominateOthers: false, households: [{ householdId: home.id, nominated: false }] })
    const photo = await upload(token, fakeJpeg(20 * 1024))
    const nominationId = idOf(
      await api.call('POST', '/api/land/nominations/create', {
        token,
        body: { awardYearId, householdId: home.id, deedKind: 'no_birthday_banquet', deedDate: `${THIS_YEAR}-01-15`, evidencePhotoIds: [photo.id] },
      }),
    )
    const [row] = await api.db.select().from(landEvidencePhotos).where(eq(landEvidencePhotos.id, photo.id))
    expect(row).toMatchObject({ nominationId, position: 1, uploadedBy: member.id, villageId: api.demo.gaojing })
    const year = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: council.token, query: { villageId: api.demo.gaojing } })).body,
    )
    expect(year.awardYear?.nominations.find((candidate) => candidate.id === nominationId)).toMatchObject({ selfApplied: true, evidencePhotoIds: [photo.id] })
    // The council member sees every household, this one now marked as nominated.
    const all = await api.call('GET', '/api/land/nominations/households', { token: council.token, query: { awardYearId } })
    const listedAll = (all.body as { households: { householdId: string; nominated: boolean }[] }).households
    expect(listedAll.length).toBe(homes.length + 1)
    expect(listedAll.find((candidate) => candidate.householdId === home.id)?.nominated).toBe(true)
  })
})
