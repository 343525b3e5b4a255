/**
 * The department server: one Fastify instance serving the built app (`dist/`, the same files
 * and security headers as `npm start`, SPA fallback to index.html) and the sync API under
 * `/api/v1` from one origin, so the app's CSP stays `connect-src 'self'` (design §5).
 *
 * Owns: routes, authentication by tablet credential (only its SHA-256 is stored), body
 * validation (zod, before anything reads a body), size limits (413), rate limits (429), and
 * the error answers `{ error, message }`. The SQL lives in `store.ts`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { z } from 'zod';
import { securityHeaders } from '../../src/pwa/security-headers.ts';
import type { Database } from './db.ts';
import { RateLimiter } from './rate-limit.ts';
import {
  claimEnrolmentBodySchema,
  createDepartmentBodySchema,
  createEnrolmentBodySchema,
  leaseBodySchema,
  leaseParamsSchema,
  MAX_BODY_BYTES,
  MAX_PUSH_ROWS,
  pullQuerySchema,
  pushBodySchema,
  rowParamsSchema,
  tabletParamsSchema,
} from './schemas.ts';
import * as store from './store.ts';
import type { Tablet } from './store.ts';

export interface ServerOptions {
  db: Database;
  /** The built app; not served when absent (API only). */
  appDir?: string | undefined;
  now?: () => Date;
  /** Enrolment claims and department creations per client address per minute (default 10). */
  claimsPerMinute?: number;
  /** API requests per tablet per minute (default 600). */
  requestsPerMinute?: number;
  logger?: FastifyServerOptions['logger'];
  /** Behind a reverse proxy: read the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  https?: { cert: Buffer; key: Buffer } | undefined;
}

export const EXPIRED_CODE_MESSAGE = 'This code has expired or has been used. Ask the nurse in charge for a new one.';
export const TABLET_ID_TAKEN_MESSAGE = 'A tablet with this id is already registered with the server. Set this tablet up again before it joins.';

declare module 'fastify' {
  interface FastifyRequest {
    tablet?: Tablet;
  }
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(400, 'bad-request', 'The request is not in the expected form.', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return result.data;
}

function tabletOf(request: FastifyRequest): Tablet {
  if (!request.tablet) throw new HttpError(401, 'unauthorised', 'This tablet is not enrolled in a department.');
  return request.tablet;
}

const OPEN_ROUTES = new Set(['/api/v1/departments', '/api/v1/enrolments/claim']);

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const clockMs = () => now().getTime();
  const claimLimiter = new RateLimiter(options.claimsPerMinute ?? 10, 60_000, clockMs);
  const tabletLimiter = new RateLimiter(options.requestsPerMinute ?? 600, 60_000, clockMs);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions);

  // The one source of the headers (src/pwa/security-headers.ts), on every answer.
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof HttpError) {
      const retryAfter = error.extra['retryAfter'];
      if (error.statusCode === 429) void reply.header('Retry-After', typeof retryAfter === 'number' ? String(retryAfter) : '60');
      return reply.status(error.statusCode).send({ error: error.code, message: error.message, ...error.extra });
    }
    const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413) return reply.status(413).send({ error: 'too-large', message: `A request may carry at most ${MAX_PUSH_ROWS} rows and ${MAX_BODY_BYTES} bytes.` });
    if (status >= 400 && status < 500) return reply.status(status).send({ error: 'bad-request', message: 'The request could not be read.' });
    reply.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'server-error', message: 'The server could not complete the request.' });
  });

  // Authentication and the per-tablet rate limit for every API route but the two open ones.
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/')) return;
    if (OPEN_ROUTES.has(path)) {
      const wait = claimLimiter.hit(request.ip);
      if (wait > 0) throw new HttpError(429, 'rate-limited', 'Too many attempts from this address. Wait a minute and try again.', { retryAfter: wait });
      return;
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header);
    if (!match?.[1]) throw new HttpError(401, 'unauthorised', 'This tablet is not enrolled in a department.');
    const auth = await store.authenticate(db, match[1]);
    if (!auth.ok) {
      if (auth.reason === 'revoked') throw new HttpError(401, 'tablet-revoked', 'This tablet has been removed from the department.');
      throw new HttpError(401, 'unauthorised', 'This tablet is not enrolled in a department.');
    }
    const wait = tabletLimiter.hit(auth.tablet.id);
    if (wait > 0) throw new HttpError(429, 'rate-limited', 'Too many requests from this tablet. It will try again shortly.', { retryAfter: wait });
    request.tablet = auth.tablet;
  });

  app.post('/api/v1/departments', async (request, reply) => {
    const body = parse(createDepartmentBodySchema, request.body);
    const created = await store.createDepartment(db, body.credential, body.tabletId, now());
    if (created === 'tablet-id-taken') throw new HttpError(409, 'tablet-id-taken', TABLET_ID_TAKEN_MESSAGE);
    return reply.status(201).send(created);
  });

  app.get('/api/v1/tablets', async (request) => ({ tablets: await store.listTablets(db, tabletOf(request)) }));

  app.post('/api/v1/tablets/:id/revoke', async (request) => {
    const params = parse(tabletParamsSchema, request.params);
    const revoked = await store.revokeTablet(db, tabletOf(request), params.id, now());
    if (revoked === 'not-found') throw new HttpError(404, 'not-found', 'No such tablet in this department.');
    return { tabletId: params.id, revokedAt: revoked.revokedAt.toISOString() };
  });

  app.post('/api/v1/enrolments', async (request, reply) => {
    const body = parse(createEnrolmentBodySchema, request.body);
    const created = await store.createEnrolment(db, tabletOf(request), body.tokenSha256, Buffer.from(body.package, 'base64url'), now());
    if (created === 'duplicate') throw new HttpError(409, 'duplicate-token', 'That enrolment token is already in use. Make a new code.');
    return reply.status(201).send({ expiresAt: created.expiresAt.toISOString() });
  });

  app.post('/api/v1/enrolments/claim', async (request) => {
    const body = parse(claimEnrolmentBodySchema, request.body);
    const claimed = await store.claimEnrolment(db, body.token, body.credential, body.tabletId, now());
    if (claimed === 'tablet-id-taken') throw new HttpError(409, 'tablet-id-taken', TABLET_ID_TAKEN_MESSAGE);
    if (claimed === 'spent') throw new HttpError(410, 'enrolment-expired-or-used', EXPIRED_CODE_MESSAGE);
    return { tabletId: claimed.tabletId, departmentId: claimed.departmentId, package: claimed.package.toString('base64url') };
  });

  app.post('/api/v1/push', async (request, reply) => {
    const rowCount = (request.body as { rows?: unknown } | null)?.rows;
    if (Array.isArray(rowCount) && rowCount.length > MAX_PUSH_ROWS) {
      throw new HttpError(413, 'too-large', `A push carries at most ${MAX_PUSH_ROWS} rows; send the rest in another batch.`);
    }
    const body = parse(pushBodySchema, request.body);
    const { answer, replayed } = await store.push(db, tabletOf(request), body.requestId, body.rows, now());
    if (replayed) void reply.header('Idempotent-Replay', 'true');
    return answer;
  });

  app.get('/api/v1/pull', async (request) => {
    const query = parse(pullQuerySchema, request.query);
    return store.pull(db, tabletOf(request), query.after, query.limit, query.kinds);
  });

  app.get('/api/v1/rows/:kind/:rowId', async (request) => {
    const params = parse(rowParamsSchema, request.params);
    const rows = await store.rowRevisions(db, tabletOf(request), params.kind, params.rowId);
    if (rows.length === 0) throw new HttpError(404, 'not-found', 'No such row in this department.');
    return { rows };
  });

  app.get('/api/v1/audit-heads', async (request) => store.auditHeads(db, tabletOf(request)));

  app.get('/api/v1/leases/:rowId', async (request) => {
    const params = parse(leaseParamsSchema, request.params);
    return { lease: await store.currentLease(db, tabletOf(request), params.rowId, now()) };
  });

  app.post('/api/v1/leases/:rowId', async (request, reply) => {
    const params = parse(leaseParamsSchema, request.params);
    const body = parse(leaseBodySchema, request.body);
    const outcome = await store.leaseAction(db, tabletOf(request), params.rowId, body.action, body.holder, body.ttlSeconds, now());
    if (outcome.status === 'refused') return reply.status(409).send(outcome);
    return outcome;
  });

  const appDir = options.appDir;
  const hasApp = appDir !== undefined && existsSync(join(appDir, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: appDir,
      wildcard: false,
      setHeaders: (response, path) => {
        if (path.endsWith('sw.js') || path.endsWith('index.html')) void response.header('Cache-Control', 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/');
    if (hasApp && isPage) {
      void reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ error: 'not-found', message: 'No such route.' });
  });

  return app;
}
