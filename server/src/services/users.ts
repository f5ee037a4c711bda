import { randomUUID } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { decoyPasswordHash, hashPassword, verifyPassword } from '@codesync/auth';
import { users, type Database } from '@codesync/db';
import type { LoginBody, RegisterBody, UserDto } from '@codesync/protocol';
import { conflict, unauthorized } from '../errors.js';
import { isUuid } from './documents.js';

export type UserRow = typeof users.$inferSelect;

export function toUserDto(user: UserRow): UserDto {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
}

export interface UserService {
  register(body: RegisterBody): Promise<UserRow>;
  /** The user whose password matches, or 401 invalid_credentials (never saying which part was wrong). */
  authenticate(body: LoginBody): Promise<UserRow>;
  findById(id: string): Promise<UserRow | undefined>;
  /** Display names of these users (ids of deleted accounts are left out). */
  namesOf(ids: string[]): Promise<Map<string, string>>;
  findByEmail(email: string): Promise<UserRow | undefined>;
}

export function createUserService(db: Database, passwordCost?: ScryptOptions): UserService {
  const findByEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];
  return {
    async register(body) {
      const passwordHash = await hashPassword(body.password, passwordCost);
      const [user] = await db
        .insert(users)
        .values({ id: randomUUID(), email: body.email, name: body.name, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning();
      if (!user) throw conflict('email_taken', 'an account with this email already exists');
      return user;
    },
    async authenticate(body) {
      const user = await findByEmail(body.email);
      // An unknown email still costs one hash check, so timing does not tell accounts apart.
      const valid = await verifyPassword(body.password, user?.passwordHash ?? (await decoyPasswordHash()));
      if (!user || !valid) throw unauthorized('invalid_credentials', 'invalid email or password');
      return user;
    },
    async findById(id) {
      return (await db.select().from(users).where(eq(users.id, id)))[0];
    },
    findByEmail,
    async namesOf(ids) {
      const wanted = ids.filter(isUuid);
      if (wanted.length === 0) return new Map();
      const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
      return new Map(rows.map((row) => [row.id, row.name]));
    },
  };
}
