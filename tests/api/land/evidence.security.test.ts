/**
 * Who sees evidence photos: members of the village only (a photo of a household's deed is the
 * village's affair, not the internet's); a photo not yet in a nomination only its uploader; no
 * login nothing. A refusal never says whether the photo exists to someone who may not see it.
 */
import { describe, expect, it } from 'vitest'
import { households, memberships, people } from '../../../db/schema'
import { photoSchema } from '../../../shared/land'
import { errorCodeOf, setupApi } from '../../harness/api'
import { tinyJpegBase64 } from './_photos'
import { cast, createYear, gaojingHouseholds, idOf, THIS_YEAR, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const council = await api.someone(api.demo.gaojing, 'council_member')
const awardYearId = await createYear(api, who.secretary)
// A villager holding no other role, in a household of their own (demo heads may sit on the council).
const [plainHome] = await api.db
  .insert(households)
  .values({ villageId: api.demo.gaojing, label: '测试普通户', elderly: false })
  .returning({ id: households.id })
const [plainPerson] = await api.db.insert(people).values({ name: '测试村民', birthYear: 1970, householdId: plainHome?.id }).returning({ id: people.id })
await api.db.insert(memberships).values({ personId: plainPerson?.id ?? '', villageId: api.demo.gaojing, role: 'villager' })
const plain = await tokenForId(plainPerson?.id ?? '')
const upload = async (token: string) =>
  photoSchema.parse((await api.call('POST', '/api/land/evidence/upload', { token, body: { awardYearId, dataBase64: tinyJpegBase64() } })).body)

const attached = await upload(council.token)
idOf(
  await api.call('POST', '/api/land/nominations/create', {
    token: council.token,
    body: { awardYearId, householdId: homes[0]?.id, deedKind: 'no_birthday_banquet', deedDate: `${THIS_YEAR}-01-01`, evidencePhotoIds: [attached.id] },
  }),
)
const draft = await upload(council.token)
const photo = (photoId: string, token?: string) => api.call('GET', '/api/land/evidence/photo', { ...(token ? { token } : {}), query: { photoId } })

describe('reading a photo', () => {
  it('no login: 401, no bytes', async () => {
    const res = await photo(attached.id)
    expect(res.status).toBe(401)
    expect(errorCodeOf(res)).toBe('unauthenticated')
  })
  it('a member of another village: 403, no bytes', async () => {
    const res = await photo(attached.id, who.outsider)
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('not_member_of_village')
    expect(res.headers.get('content-type')).toContain('application/json')
  })
  it('any member of the village sees a photo that is in a nomination', async () => {
    expect((await photo(attached.id, who.villager)).status).toBe(200)
  })
  it('a photo not yet in a nomination: its uploader sees it, nobody else learns it exists', async () => {
    expect((await photo(draft.id, council.token)).status).toBe(200)
    const other = await photo(draft.id, who.secretary)
    expect(other.status).toBe(404)
    expect(errorCodeOf(other)).toBe('not_found')
    const unknown = await photo('00000000-0000-4000-8000-000000000009', who.secretary)
    expect(other.body).toEqual(unknown.body)
  })
})

describe('uploading', () => {
  it('no login and other villages are refused, nothing kept', async () => {
    const anonymous = await api.call('POST', '/api/land/evidence/upload', { body: { awardYearId, dataBase64: tinyJpegBase64() } })
    expect(anonymous.status).toBe(401)
    const outsider = await api.call('POST', '/api/land/evidence/upload', { token: who.outsider, body: { awardYearId, dataBase64: tinyJpegBase64() } })
    expect(outsider.status).toBe(403)
    expect(errorCodeOf(outsider)).toBe('not_member_of_village')
  })
  it('a villager may not nominate another household, photos or not', async () => {
    const mine = await upload(plain)
    const res = await api.call('POST', '/api/land/nominations/create', {
      token: plain,
      body: { awardYearId, householdId: homes[5]?.id, deedKind: 'other', deedDate: `${THIS_YEAR}-01-01`, evidencePhotoIds: [mine.id] },
    })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('forbidden')
  })
  it('a villager sees only their own household in the nomination list', async () => {
    const res = await api.call('GET', '/api/land/nominations/households', { token: plain, query: { awardYearId } })
    const body = res.body as { canNominateOthers: boolean; households: { householdId: string }[] }
    expect(body.canNominateOthers).toBe(false)
    expect(body.households.map((home) => home.householdId)).toEqual([plainHome?.id])
  })
})
