import { insertOnce } from '@tradepilot/messaging';
import { trusted, type TenantDatabases, type TenantScope } from '@tradepilot/tenancy';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from './app-error';
import { idempotencyKeyModel, type IdempotencyKeyDocument } from './idempotency-key-model';
import { assertBeforeDeadline } from './request-deadline';

/** The optional input field of every creating procedure (REST: the `Idempotency-Key` header). */
export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only (e.g. a UUID)');

export const idempotencyKeyTtlMs = 24 * 3600 * 1000;
const sweepEveryMs = 3600 * 1000;

const keyReused = (procedure: string) =>
  new AppError(
    'CONFLICT',
    'IDEMPOTENCY_KEY_REUSED',
    {
      'zh-CN': `幂等键已用于另一次内容不同的 ${procedure} 调用；内容不同的请求请使用新的幂等键`,
      en: `This Idempotency-Key was already used for a ${procedure} call with other input; use a new key for a different request`,
    },
    { procedure },
  );

/** JSON with object keys sorted, so the same input always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([name, v]) => name !== 'idempotencyKey' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, v]) => `${JSON.stringify(name)}:${canonical(v)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export interface IdempotentCreation<T> {
  scope: TenantScope;
  procedure: string;
  userId: string;
  key: string | undefined;
  /** the call's input (its `idempotencyKey` field is left out of the comparison) */
  input: unknown;
  /** the request's deadline: past it, nothing is written */
  deadlineAt?: number | undefined;
  /**
   * The one write of the effect: inserts its document under `id`, or marks the document it
   * inserts with `id` when the caller names the document's own id (a measure's)
   */
  create: (id: string) => Promise<T>;
  /** the answer for the document created under (or marked with) `id`, or undefined when there is none */
  existing: (id: string) => Promise<T | undefined>;
}

/**
 * Retries never double an effect (R12). A key is claimed per scope (tenant, or national), user
 * and procedure by inserting a document with a unique `_id`; the claim names the id of the
 * document to create, and the effect is the insert of that document, so the same key with the
 * same input creates once and answers with what was created, however many times or however
 * concurrently it arrives. The same key with other input is a 409. A refused call (no effect)
 * gives its key back.
 */
export class IdempotencyKeys {
  private readonly lastSweep = new Map<string, number>();

  constructor(
    private readonly databases: TenantDatabases,
    private readonly now: () => Date,
  ) {}

  async create<T>(call: IdempotentCreation<T>): Promise<T> {
    if (call.key === undefined) {
      assertBeforeDeadline(call.deadlineAt);
      return call.create(randomUUID());
    }
    const { claim, fresh } = await this.claim(call, call.key);
    if (!fresh) {
      const earlier = await call.existing(claim.resultId);
      if (earlier !== undefined) return earlier;
    }
    assertBeforeDeadline(call.deadlineAt);
    try {
      return await call.create(claim.resultId);
    } catch (err) {
      // a concurrent call with the same key may have created it first
      const created = await call.existing(claim.resultId);
      if (created !== undefined) return created;
      if (fresh && err instanceof AppError) await this.release(call.scope, claim);
      throw err;
    }
  }

  private async claim(
    call: IdempotentCreation<unknown>,
    key: string,
  ): Promise<{ claim: IdempotencyKeyDocument; fresh: boolean }> {
    const model = await this.databases.model(call.scope, idempotencyKeyModel);
    const now = this.now();
    this.sweep(call.scope, now);
    const inputHash = sha256(canonical(call.input));
    const wanted: IdempotencyKeyDocument = {
      _id: sha256([call.scope.tenant, call.userId, call.procedure, key].join('\u0000')),
      procedure: call.procedure,
      userId: call.userId,
      inputHash,
      resultId: randomUUID(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + idempotencyKeyTtlMs),
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if ((await insertOnce(() => model.create(wanted))) === 'inserted')
        return { claim: wanted, fresh: true };
      const found = await model.findById(wanted._id).lean<IdempotencyKeyDocument>();
      if (!found) continue;
      if (found.expiresAt.getTime() <= now.getTime()) {
        // an old key not swept yet: it no longer binds
        await model.deleteOne({ _id: found._id, resultId: found.resultId });
        continue;
      }
      if (found.inputHash !== inputHash) throw keyReused(call.procedure);
      return { claim: found, fresh: false };
    }
    throw new AppError('CONFLICT', 'IDEMPOTENCY_KEY_BUSY', {
      'zh-CN': '同一幂等键的请求正在并发处理，请稍后重试',
      en: 'Calls with this Idempotency-Key are being handled concurrently; retry shortly',
    });
  }

  private async release(scope: TenantScope, claim: IdempotencyKeyDocument): Promise<void> {
    const model = await this.databases.model(scope, idempotencyKeyModel);
    await model.deleteOne({ _id: claim._id, resultId: claim.resultId }).catch(() => undefined);
  }

  /** Expired keys of a scope are removed at most once an hour, off the caller's path. */
  private sweep(scope: TenantScope, now: Date): void {
    const last = this.lastSweep.get(scope.tenant) ?? 0;
    if (now.getTime() - last < sweepEveryMs) return;
    this.lastSweep.set(scope.tenant, now.getTime());
    void this.databases
      .model(scope, idempotencyKeyModel)
      .then((model) => model.deleteMany({ expiresAt: trusted({ $lte: now }) }))
      .catch(() => this.lastSweep.delete(scope.tenant));
  }
}
