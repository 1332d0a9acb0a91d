import { NATIONAL } from '@tradepilot/contracts';
import type { Connection, Model } from 'mongoose';
import { createMissingIndexes, isIndexOnlyInStorage } from './index-drift';
import type { AnyModelDefinition, ModelDefinition } from './model-definition';
import type { TenantRegistry } from './tenant-registry';
import { assertScope, nationalScope, tenantScope, type TenantScope } from './tenant-scope';

export interface TenantDatabasesOptions {
  service: string;
  registry: TenantRegistry;
  models: AnyModelDefinition[];
  /** prepended to every database name: lets test runs and deployments share one server */
  databasePrefix?: string;
}

/**
 * One database per tenant and service (`plans_guangdong`) plus `plans_national`. A model is only
 * handed out for a scope, and the first use of a scope in a process syncs its indexes.
 */
export class TenantDatabases {
  private readonly provisioned = new Map<string, Promise<void>>();
  private readonly models: ModelDefinition[];
  /** the last listing of the server's databases and the one under way, shared in this process */
  private listing: { scopes: Promise<TenantScope[]>; atMs: number } | undefined;
  private listingUnderWay: { scopes: Promise<TenantScope[]>; atMs: number } | undefined;

  constructor(
    private readonly root: Connection,
    private readonly options: TenantDatabasesOptions,
  ) {
    this.models = options.models as ModelDefinition[];
  }

  get service(): string {
    return this.options.service;
  }

  get registry(): TenantRegistry {
    return this.options.registry;
  }

  databaseName(scope: TenantScope): string {
    assertScope(scope);
    return `${this.options.databasePrefix ?? ''}${this.options.service}_${scope.tenant}`;
  }

  /** The scope a database name belongs to, or undefined when it is not one of this service's. */
  scopeOfDatabase(name: string): TenantScope | undefined {
    const prefix = `${this.options.databasePrefix ?? ''}${this.options.service}_`;
    if (!name.startsWith(prefix)) return undefined;
    const tenant = name.slice(prefix.length);
    if (tenant === NATIONAL) return nationalScope;
    return this.options.registry.isTenant(tenant) ? tenantScope(tenant) : undefined;
  }

  connection(scope: TenantScope): Connection {
    this.assertKnown(scope);
    return this.root.useDb(this.databaseName(scope), { useCache: true });
  }

  /** The model of `definition` in the scope's database, its indexes synced on first use. */
  async model<T>(scope: TenantScope, definition: ModelDefinition<T>): Promise<Model<T>> {
    const model = this.modelUnchecked(scope, definition);
    await this.provision(scope);
    return model;
  }

  /** Syncs the indexes of every model placed in this scope (once per process). */
  provision(scope: TenantScope): Promise<void> {
    this.assertKnown(scope);
    const key = this.databaseName(scope);
    let pending = this.provisioned.get(key);
    if (!pending) {
      pending = (async () => {
        for (const definition of this.models.filter((d) => placedIn(d, scope))) {
          const model = this.modelUnchecked(scope, definition);
          await model.createCollection().catch((err: { code?: number }) => {
            if (err.code !== 48) throw err; // 48: the collection exists
          });
          await model.syncIndexes().catch((err: unknown) => {
            if (!isIndexOnlyInStorage(err)) throw err;
            return createMissingIndexes(model);
          });
        }
      })().catch((err: unknown) => {
        throw new TenantProvisioningError(key, err);
      });
      pending.catch(() => this.provisioned.delete(key));
      this.provisioned.set(key, pending);
    }
    return pending;
  }

  /**
   * Every scope whose database exists on the server (the relay's sweep, the timer sweeps). A
   * listing begun at most `maxAgeMs` before the call is reused (finished or under way): the
   * pollers of a process ask every second or so.
   *
   * Only this service's possible databases are asked about (national, and one per tenant of the
   * registry: no other database is ever one of its scopes), each by listing its collections: a
   * database exists when it holds one. `listDatabases` would cost the server in proportion to
   * every database on it, other services' and other deployments' included: FerretDB computes the
   * size of each collection of each database even for `nameOnly` (50 ms for 200 small databases,
   * every few seconds from every process), while listing one database's collections is a lookup.
   */
  async existingScopes(options: { maxAgeMs?: number } = {}): Promise<TenantScope[]> {
    const maxAgeMs = options.maxAgeMs ?? 0;
    const calledAtMs = Date.now();
    for (const listing of [this.listingUnderWay, this.listing])
      if (listing && calledAtMs - listing.atMs <= maxAgeMs) return listing.scopes;
    const atMs = calledAtMs;
    const scopes = (async () => {
      if (!this.root.db) return [];
      const client = this.root.getClient();
      const candidates = [nationalScope, ...this.options.registry.tenantIds().map(tenantScope)];
      const exists = await Promise.all(
        candidates.map(async (scope) => {
          const collections = await client
            .db(this.databaseName(scope))
            .listCollections({}, { nameOnly: true })
            .toArray();
          return collections.length > 0;
        }),
      );
      return candidates.filter((_, i) => exists[i]);
    })();
    const underWay = { scopes, atMs };
    this.listingUnderWay = underWay;
    try {
      const listed = await scopes;
      if (!this.listing || this.listing.atMs < atMs) this.listing = { scopes: Promise.resolve(listed), atMs };
      return listed;
    } finally {
      if (this.listingUnderWay === underWay) this.listingUnderWay = undefined;
    }
  }

  outboxModels(scope: TenantScope): Model<unknown>[] {
    return this.models
      .filter((d) => d.outbox && placedIn(d, scope))
      .map((d) => this.modelUnchecked(scope, d));
  }

  /** Removes a scope's database: tests, and erasing a tenant as a unit. */
  async dropDatabase(scope: TenantScope): Promise<void> {
    await this.connection(scope).dropDatabase();
    this.provisioned.delete(this.databaseName(scope));
    this.listing = undefined;
  }

  private modelUnchecked<T>(scope: TenantScope, definition: ModelDefinition<T>): Model<T> {
    assertScope(scope);
    if (!placedIn(definition as ModelDefinition, scope)) {
      throw new Error(
        `${definition.name} lives in ${definition.placement} databases, not in ${scope.kind} ones`,
      );
    }
    const connection = this.connection(scope);
    return (
      (connection.models[definition.name] as Model<T> | undefined) ??
      connection.model<T>(definition.name, definition.schema, definition.collection)
    );
  }

  private assertKnown(scope: TenantScope): void {
    assertScope(scope);
    if (scope.kind === 'tenant' && !this.options.registry.isTenant(scope.tenant)) {
      throw new Error(`unknown tenant ${scope.tenant}`);
    }
  }
}

function placedIn(definition: ModelDefinition, scope: TenantScope): boolean {
  return definition.placement === 'both' || definition.placement === scope.kind;
}

/**
 * A tenant database could not be prepared (the server was away, or the connection not yet open):
 * transient, the next use provisions again.
 */
export class TenantProvisioningError extends Error {
  readonly transient = true;

  constructor(database: string, cause: unknown) {
    super(
      `database ${database} could not be provisioned: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'TenantProvisioningError';
  }
}
