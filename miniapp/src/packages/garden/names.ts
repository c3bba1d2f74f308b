import { listLabels } from '@shared/people'
import { fetchMembers } from '@/api/garden'
import { useAsync } from '@/lib/use-async'

/** Someone a garden page lists: a shift's volunteer, a line of the roster, a place on the points board. */
export interface Listed {
  personId: string
  name: string
}

/**
 * How a garden page names the people it lists: by name, and namesakes (two 杨秀云 of the
 * courtyard) by the village-wide label the members list gives (杨秀云（1号楼2单元101，1948年生）).
 * While that list loads, or if it cannot, namesakes are still told apart (同名第2), never shown alike.
 */
export function useGardenNames(villageId: string | null): (people: readonly Listed[]) => Map<string, string> {
  const { state } = useAsync(() => fetchMembers(villageId ?? ''), [villageId], { enabled: villageId !== null })
  const known = new Map(state.status === 'ready' ? state.data.members.map((m) => [m.personId, m.label ?? null]) : [])
  return (people) => listLabels(people.map((p) => ({ key: p.personId, name: p.name, label: known.get(p.personId) ?? null })))
}
