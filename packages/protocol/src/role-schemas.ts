import { z } from 'zod';
import { memberRoles, roles } from './roles.js';

export const roleSchema = z.enum(roles);
export const memberRoleSchema = z.enum(memberRoles);
