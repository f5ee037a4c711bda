import type { RequestOptions } from './request-options';

type Request = <T>(method: string, path: string, opts?: RequestOptions) => Promise<T>;

/** DESIGN's account self-service routes, on the client's `request`. */
export function accountMethods(request: Request) {
  return {
    changePassword: (currentPassword: string, newPassword: string): Promise<void> =>
      request('POST', '/api/auth/password', { body: { currentPassword, newPassword } }),
    /** Ends every session of the account, this one included. */
    logoutEverywhere: (): Promise<void> => request('POST', '/api/auth/logout-all'),
    deleteAccount: (password: string): Promise<void> => request('DELETE', '/api/users/me', { body: { password } }),
    /** Completes a reset link made by `pnpm admin reset-link`. */
    resetPassword: (token: string, newPassword: string): Promise<void> =>
      request('POST', '/api/auth/reset', { body: { token, newPassword }, auth: false }),
  };
}
