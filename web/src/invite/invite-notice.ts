// Apart from invite-page.tsx so the sign-in page (main chunk) does not pull the invite page's chunk.

/** What someone signed out reads when they open an invite link. */
export const INVITE_SIGN_IN_NOTICE = 'You were invited to a project. Create an account (or sign in) to join it.';
