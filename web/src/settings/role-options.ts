import type { TFunction } from 'i18next';
import { ROLES, type Role } from '../lib/sections.ts';

export function roleOptions(t: TFunction): { value: Role; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
