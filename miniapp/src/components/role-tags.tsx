import { Text, View } from '@tarojs/components'
import { roleLabels, type Role } from '@shared/roles'

/** A person's roles in a village: filled for an office, plain for 村民 (everyone's). */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  return (
    <View className='xy-tags'>
      {roles.map((role) => (
        <Text key={role} className={role === 'villager' ? 'xy-tag xy-tag--plain' : 'xy-tag'}>
          {roleLabels[role]}
        </Text>
      ))}
    </View>
  )
}
