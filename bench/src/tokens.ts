import { createTokenService } from '@codesync/auth';

export interface TokenFactory {
  /** A document token (editor) for user `n` of `documentId`. */
  forDocument(documentId: string, n: number): Promise<string>;
  many(requests: { documentId: string; n: number }[]): Promise<string[]>;
}

export function createTokenFactory(secret: string): TokenFactory {
  const service = createTokenService({ secret });
  const forDocument = async (documentId: string, n: number) => {
    const { token } = await service.signDocument({
      userId: `bench-user-${n}`,
      name: `Bench ${n}`,
      documentId,
      role: 'editor',
      sessionId: `bench-session-${n}`,
    });
    return token;
  };
  return {
    forDocument,
    many: (requests) => Promise.all(requests.map((r) => forDocument(r.documentId, r.n))),
  };
}
