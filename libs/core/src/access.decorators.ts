import { SetMetadata } from '@nestjs/common';
import { Role } from './roles';

export const IS_PUBLIC = 'gv:public';
export const ROLES = 'gv:roles';

/** Anonymous visitors may call this route. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call this route (signed-in users with another role get 403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
