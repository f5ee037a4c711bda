import type { TypedClient } from './typed-client';
import { call } from './call';

/**
 * DESIGN's account self-service routes: `client` is the authorised typed client,
 * `open` the one without a session (a reset link is used signed out).
 */
export function accountMethods(client: TypedClient, open: TypedClient) {
  return {
    changePassword: (currentPassword: string, newPassword: string): Promise<unknown> =>
      call(client.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
    /** Ends every session of the account, this one included. */
    logoutEverywhere: (): Promise<unknown> => call(client.POST('/api/auth/logout-all')),
    deleteAccount: (password: string): Promise<unknown> => call(client.DELETE('/api/users/me', { body: { password } })),
    /** Completes a reset link made by `pnpm admin reset-link`. */
    resetPassword: (token: string, newPassword: string): Promise<unknown> =>
      call(open.POST('/api/auth/reset', { body: { token, newPassword } })),
  };
}
