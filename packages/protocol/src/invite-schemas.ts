import { z } from 'zod';
import { memberRoleSchema } from './role-schemas.js';

// Invite links to a project (DESIGN "Projects": POST …/invites, POST /api/invites/accept).

/** Default lifetime of an invite link, and the longest one may ask for. */
export const DEFAULT_INVITE_HOURS = 7 * 24;
export const MAX_INVITE_HOURS = 90 * 24;

const isoTime = z.iso.datetime().meta({ description: 'ISO 8601 time, UTC' });

export const createInviteBodySchema = z.strictObject({
  role: memberRoleSchema,
  expiresInHours: z.int().min(1).max(MAX_INVITE_HOURS).optional().meta({ description: `default ${DEFAULT_INVITE_HOURS} (7 days)` }),
});

/** Tokens are 43 base64url characters; anything much longer is not one of ours. */
export const acceptInviteBodySchema = z.strictObject({ token: z.string().min(1).max(256) });

export const inviteSchema = z
  .strictObject({
    id: z.uuid(),
    role: memberRoleSchema,
    expiresAt: isoTime,
    createdAt: isoTime,
    useCount: z.int().nonnegative().meta({ description: 'how many people joined (or were raised to its role) through it' }),
  })
  .meta({ id: 'Invite' });

export const createdInviteSchema = z
  .strictObject({
    invite: inviteSchema.extend({
      token: z.string().meta({ description: 'shown once: only its hash is stored' }),
      url: z.string().meta({ description: 'the link to share: `<origin>/invite/<token>`' }),
    }),
  })
  .meta({ id: 'CreatedInvite' });

export type CreateInviteBody = z.infer<typeof createInviteBodySchema>;
export type InviteDto = z.infer<typeof inviteSchema>;
export type CreatedInviteDto = z.infer<typeof createdInviteSchema>['invite'];
