import { approvalsService } from '@tradepilot/approvals';
import { plansService } from '@tradepilot/plans';
import { supervisionService } from '@tradepilot/supervision';
import { TenantDatabases, TenantRegistry, type AnyModelDefinition } from '@tradepilot/tenancy';
import type { Connection } from 'mongoose';

/** A service whose documents the volume benchmark reads and writes directly: its own model definitions. */
interface ServiceModels {
  name: string;
  models: AnyModelDefinition[];
}

const services = { plans: plansService, approvals: approvalsService, supervision: supervisionService } satisfies Record<string, ServiceModels>;
export type VolumeService = keyof typeof services;

/**
 * A service's databases under a stack's prefix, named and provisioned (indexes synced) exactly as
 * the service does it, with the model definitions the service itself registers.
 */
export class ServiceDatabases {
  readonly databases: TenantDatabases;

  constructor(
    connection: Connection,
    readonly service: VolumeService,
    databasePrefix: string,
    readonly registry: TenantRegistry = TenantRegistry.fromSeed(),
  ) {
    const { name, models } = services[service];
    this.databases = new TenantDatabases(connection, { service: name, registry, models, databasePrefix });
  }

  /** The service's model definition of that name (`Plan`, `ApprovalCase`, …). */
  definition(modelName: string): AnyModelDefinition {
    const found = services[this.service].models.find((m) => m.name === modelName);
    if (!found) throw new Error(`the ${this.service} service registers no model ${modelName}`);
    return found;
  }
}
