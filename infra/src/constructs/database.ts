import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation/index.js';
import type { EnvironmentConfig } from '../config/schema.js';
import type { Naming } from '../naming.js';

export interface DatabaseProps {
  naming: Naming;
  config: EnvironmentConfig['database'];
  subnetIds: string[];
  securityGroupId: string;
  allowDataLoss: boolean;
}

/**
 * PostgreSQL on RDS: Multi-AZ, encrypted, private, TLS forced by parameter,
 * and a master password that RDS generates and keeps in Secrets Manager
 * (it never appears in Terraform state).
 */
export class Database extends Construct {
  static readonly port = 5432;
  readonly address: string;
  readonly identifier: string;
  readonly databaseName = 'codesync';
  readonly username = 'codesync';
  /** The RDS-managed secret; its JSON holds `username` and `password`. */
  readonly masterSecretArn: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { naming, config } = props;
    const major = config.engineVersion.split('.')[0] ?? config.engineVersion;
    const subnets = new DbSubnetGroup(this, 'subnets', {
      name: naming.name('rdsIdentifier', 'db'),
      subnetIds: props.subnetIds,
      description: 'CodeSync private data subnets',
    });
    const parameters = new DbParameterGroup(this, 'parameters', {
      // A prefix, not a name: a family change replaces the group, new before old.
      namePrefix: `${naming.name('rdsIdentifier', 'pg', major)}-`,
      family: `postgres${major}`,
      description: 'CodeSync: TLS only, slow statement log',
      parameter: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_min_duration_statement', value: '500' },
        { name: 'max_connections', value: String(config.maxConnections), applyMethod: 'pending-reboot' },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    this.identifier = naming.name('rdsIdentifier', 'postgres');
    const db = new DbInstance(this, 'postgres', {
      identifier: this.identifier,
      engine: 'postgres',
      engineVersion: config.engineVersion,
      autoMinorVersionUpgrade: true,
      instanceClass: config.instanceClass,
      allocatedStorage: config.allocatedStorageGb,
      maxAllocatedStorage: config.maxAllocatedStorageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      multiAz: config.multiAz,
      dbName: this.databaseName,
      username: this.username,
      manageMasterUserPassword: true,
      port: Database.port,
      dbSubnetGroupName: subnets.name,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      backupRetentionPeriod: config.backupRetentionDays,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      copyTagsToSnapshot: true,
      deletionProtection: !props.allowDataLoss,
      skipFinalSnapshot: props.allowDataLoss,
      finalSnapshotIdentifier: props.allowDataLoss ? undefined : `${this.identifier}-final`,
      enabledCloudwatchLogsExports: ['postgresql'],
      applyImmediately: props.allowDataLoss,
    });
    this.address = db.address;
    this.masterSecretArn = db.masterUserSecret.get(0).secretArn;
    // RDS rotates its managed secret every 7 days unless told otherwise. Tasks
    // read the password at start, so each rotation means new tasks (README).
    new SecretsmanagerSecretRotation(this, 'password-rotation', {
      secretId: this.masterSecretArn,
      rotationRules: { automaticallyAfterDays: config.passwordRotationDays },
    });
  }
}
