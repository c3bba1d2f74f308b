import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { roleLabels, type Role } from '@shared/roles'

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  return (
    <View className='xy-tags'>
      {roles.map((role) => (
        <Tag key={role} type={role === 'villager' ? 'default' : 'primary'} plain={role === 'villager'}>
          {roleLabels[role]}
        </Tag>
      ))}
    </View>
  )
}
