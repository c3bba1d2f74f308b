import { Text, View } from '@tarojs/components'
import type { SessionResponse } from '@shared/auth'
import { demoLogin, fetchDemoPersonas } from '@/api/auth'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { ErrorNotice } from './error-notice'
import { RoleTags } from './role-tags'
import { roleProps } from '@/lib/a11y'
import { LoadState } from '@/components/async-view'

interface PersonaPickerProps {
  onSession: (session: SessionResponse) => void
}

/** H5 demo login: pick one of the seeded villagers instead of logging in through WeChat. */
export function PersonaPicker({ onSession }: PersonaPickerProps) {
  const { state, reload } = useAsync(fetchDemoPersonas, [])
  const { busyWith: pendingId, error: loginError, run } = useAction()

  // Keeping the session is part of the work: one this phone cannot keep is a failed login, shown here.
  const pick = (personId: string) => run(async () => onSession(await demoLogin(personId)), personId)

  if (state.status !== 'ready') return <LoadState state={state} reload={reload} />

  return (
    <View data-testid='persona-picker'>
      <Text className='xy-card__text'>演示版：请选择一位村民的身份进入</Text>
      {loginError !== null && <ErrorNotice error={loginError} />}
      {state.data.map((persona) => (
        <View
          key={persona.personId}
          className='xy-card xy-tappable persona-card'
          data-testid={`persona-${persona.personId}`}
          {...roleProps('button')}
          onClick={() => void pick(persona.personId)}
        >
          <View className='persona-card__head'>
            <Text className='xy-card__title'>{persona.name}</Text>
            <Text className='persona-card__village'>{persona.villageName}</Text>
          </View>
          <RoleTags roles={persona.roles} />
          <Text className='xy-card__text'>{persona.description}</Text>
          {pendingId === persona.personId && <Text className='xy-muted'>正在进入…</Text>}
        </View>
      ))}
    </View>
  )
}
