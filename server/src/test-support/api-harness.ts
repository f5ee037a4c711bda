import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMemoryBus, createRedisBus, type DocumentBus } from '@codesync/bus';
import { loadConfig } from '@codesync/config';
import type { DatabaseHandle } from '@codesync/db';
import type { BusEvent, DocumentDto, MemberRole, ProjectDto, ProjectEntryDto, UserDto } from '@codesync/protocol';
import { createMemorySnapshotStore, type SnapshotStore } from '@codesync/storage';
import { testLogger } from '@codesync/testing';
import type { RateLimits } from '../app.js';
import { createApiRuntime, type ApiRuntime, type ApiRuntimeOptions } from '../runtime.js';
import { createResponseChecker } from './documented-responses.js';

export const TEST_JWT_SECRET = 'test-secret-'.padEnd(48, 'x');
/** scrypt at 1/32 of the production cost: the same code path, a fraction of the time. */
const CHEAP_PASSWORDS = { N: 1024, r: 8, p: 1 };
const GENEROUS_LIMITS: RateLimits = {
  register: { bucket: 'register', limit: 100_000, windowMs: 60_000 },
  login: { bucket: 'login', limit: 100_000, windowMs: 60_000 },
  refresh: { bucket: 'refresh', limit: 100_000, windowMs: 60_000 },
  write: { bucket: 'write', limit: 100_000, windowMs: 60_000 },
  search: { bucket: 'search', limit: 100_000, windowMs: 60_000 },
};

export interface TestResponse<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
  /** The body's bytes (for binary responses such as zips). */
  bytes: Uint8Array;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface RequestOptions {
  token?: string | undefined;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface TestUser {
  user: UserDto;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface ApiHarness {
  runtime: ApiRuntime;
  bus: DocumentBus;
  store: SnapshotStore;
  /** Every event seen on the bus since the harness started. */
  events: BusEvent[];
  request<T = ErrorBody>(method: string, url: string, options?: RequestOptions): Promise<TestResponse<T>>;
  /** Registers and logs in a fresh user. */
  signUp(name?: string): Promise<TestUser>;
  login(user: Pick<TestUser, 'email' | 'password'>): Promise<TestUser>;
  createDocument(owner: TestUser, body?: { title?: string; language?: string; content?: string }): Promise<DocumentDto>;
  share(owner: TestUser, documentId: string, member: TestUser, role: MemberRole): Promise<void>;
  createProject(owner: TestUser, name?: string): Promise<ProjectDto>;
  /** Creates a file (or folder) in a project; returns its entry. */
  addFile(user: TestUser, projectId: string, path: string, content?: string, kind?: 'file' | 'folder'): Promise<ProjectEntryDto>;
  shareProject(owner: TestUser, projectId: string, member: TestUser, role: MemberRole): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  database: DatabaseHandle;
  /** Sessions, limits and bus in Redis under this prefix (on a Redis Cluster with `cluster`); in process when unset. */
  redis?: { url: string; prefix: string; cluster?: boolean };
  rateLimits?: Partial<RateLimits>;
  loginThrottle?: ApiRuntimeOptions['loginThrottle'];
  store?: SnapshotStore;
  corsOrigins?: string[];
  /** Extra environment for the config (limits). */
  env?: Record<string, string>;
}

let userCounter = 0;

export async function createApiHarness(options: HarnessOptions): Promise<ApiHarness> {
  const logger = testLogger();
  const config = loadConfig(
    {
      DATA_DIR: path.join(tmpdir(), 'cs-api-unused'),
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: options.redis?.url,
      REDIS_KEY_PREFIX: options.redis?.prefix,
      REDIS_CLUSTER: options.redis?.cluster ? 'true' : undefined,
      LOG_LEVEL: 'silent',
      CORS_ORIGINS: options.corsOrigins?.join(','),
      ...options.env,
    },
    { port: 0 },
  );
  const bus = options.redis
    ? createRedisBus({ url: options.redis.url, cluster: config.redisCluster, keyPrefix: options.redis.prefix, logger })
    : createMemoryBus();
  const store = options.store ?? createMemorySnapshotStore();
  const runtime = await createApiRuntime({
    config,
    logger,
    bus,
    store,
    database: options.database,
    passwordCost: CHEAP_PASSWORDS,
    rateLimits: { ...GENEROUS_LIMITS, ...options.rateLimits },
    loginThrottle: options.loginThrottle,
  });
  const checkResponse = createResponseChecker(runtime.app);
  const events: BusEvent[] = [];
  const subscription = bus.onEvent((event) => events.push(event));

  async function request<T>(method: string, url: string, opts: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await runtime.app.request(url, { method, headers, body: body as RequestInit['body'] });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const contentType = response.headers.get('content-type');
    const isJson = contentType?.includes('application/json') ?? false;
    const parsed: unknown = isJson ? JSON.parse(text) : text;
    // Every answer in the contract suites is also checked against the OpenAPI document.
    checkResponse({ method: method.toUpperCase(), path: new URL(url, 'http://api.test').pathname, status: response.status, contentType, body: parsed });
    return { status: response.status, headers: response.headers, text, bytes, body: parsed as T };
  }

  async function expectOk<T>(response: TestResponse<T | ErrorBody>, status: number, what: string): Promise<T> {
    if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
    return response.body as T;
  }

  async function login({ email, password }: Pick<TestUser, 'email' | 'password'>): Promise<TestUser> {
    const response = await request<TestUser>('POST', '/api/auth/login', { json: { email, password } });
    const body = await expectOk(response, 200, 'login');
    return { ...body, email, password };
  }

  return {
    runtime,
    bus,
    store,
    events,
    request,
    login,
    async signUp(name = 'Test User') {
      userCounter += 1;
      const email = `user${userCounter}-${randomBytes(4).toString('hex')}@example.test`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      await expectOk(await request('POST', '/api/auth/register', { json: { email, password, name } }), 201, 'register');
      return login({ email, password });
    },
    async createDocument(owner, body = {}) {
      const json = { title: 'main.ts', language: 'typescript', ...body };
      const response = await request<{ document: DocumentDto }>('POST', '/api/documents', { token: owner.accessToken, json });
      return (await expectOk(response, 201, 'create document')).document;
    },
    async share(owner, documentId, member, role) {
      const response = await request('POST', `/api/documents/${documentId}/members`, {
        token: owner.accessToken,
        json: { email: member.email, role },
      });
      if (response.status !== 201 && response.status !== 200) throw new Error(`share: ${response.status} ${response.text}`);
    },
    async createProject(owner, name = 'Project') {
      const response = await request<{ project: ProjectDto }>('POST', '/api/projects', { token: owner.accessToken, json: { name } });
      return (await expectOk(response, 201, 'create project')).project;
    },
    async addFile(user, projectId, path, content, kind = 'file') {
      const json = kind === 'file' ? { path, content } : { path, kind };
      const response = await request<{ entry: ProjectEntryDto }>('POST', `/api/projects/${projectId}/files`, { token: user.accessToken, json });
      return (await expectOk(response, 201, `create ${path}`)).entry;
    },
    async shareProject(owner, projectId, member, role) {
      const response = await request('POST', `/api/projects/${projectId}/members`, {
        token: owner.accessToken,
        json: { email: member.email, role },
      });
      if (response.status !== 201 && response.status !== 200) throw new Error(`share project: ${response.status} ${response.text}`);
    },
    async close() {
      subscription.unsubscribe();
      await runtime.close();
      await bus.close();
    },
  };
}
