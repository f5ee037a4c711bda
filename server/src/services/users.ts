import { randomUUID } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { decoyPasswordHash, DEFAULT_PASSWORD_COST, hashPassword, needsRehash, verifyPassword } from '@codesync/auth';
import { users, type Database } from '@codesync/db';
import type { LoginBody, RegisterBody, UserDto } from '@codesync/protocol';
import { ApiError, conflict, unauthorized } from '../errors.js';
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
  /**
   * The signed-in user's password, checked again before something that cannot
   * be undone: 403 `wrong_password` (not 401, which a client reads as "session over").
   */
  confirmPassword(userId: string, password: string): Promise<UserRow>;
  setPassword(userId: string, password: string): Promise<void>;
}

export const wrongPassword = () => new ApiError(403, 'wrong_password', 'the password is not right');

export function createUserService(db: Database, passwordCost: ScryptOptions = DEFAULT_PASSWORD_COST): UserService {
  const findByEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];
  const findById = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
  const setPassword = async (userId: string, password: string) => {
    const passwordHash = await hashPassword(password, passwordCost);
    await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  };
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
      const valid = await verifyPassword(body.password, user?.passwordHash ?? (await decoyPasswordHash(passwordCost)));
      if (!user || !valid) throw unauthorized('invalid_credentials', 'invalid email or password');
      // A hash from before the cost was raised is re-made now, while the password is at hand.
      if (needsRehash(user.passwordHash, passwordCost)) await setPassword(user.id, body.password);
      return user;
    },
    findById,
    findByEmail,
    async namesOf(ids) {
      const wanted = ids.filter(isUuid);
      if (wanted.length === 0) return new Map();
      const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
      return new Map(rows.map((row) => [row.id, row.name]));
    },
    async confirmPassword(userId, password) {
      const user = await findById(userId);
      if (!user) throw unauthorized('session_revoked', 'account no longer exists');
      if (!(await verifyPassword(password, user.passwordHash))) throw wrongPassword();
      return user;
    },
    setPassword,
  };
}
