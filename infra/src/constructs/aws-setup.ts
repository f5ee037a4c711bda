import { Construct } from 'constructs';
import { S3Backend } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import type { EnvironmentConfig } from '../config/schema.js';

export interface AwsSetupProps {
  config: EnvironmentConfig;
}

/**
 * The AWS provider with default tags, and the remote state: S3 with native
 * lock files (Terraform >= 1.10), one key per environment.
 */
export class AwsSetup extends Construct {
  readonly accountId: string;
  readonly defaultTags: Record<string, string>;

  constructor(scope: Construct, id: string, { config }: AwsSetupProps) {
    super(scope, id);
    this.defaultTags = {
      Project: config.project,
      Environment: config.name,
      ManagedBy: 'cdktf',
      Repository: 'codesync/infra',
    };
    new AwsProvider(this, 'aws', { region: config.region, defaultTags: [{ tags: this.defaultTags }] });

    const backend = new S3Backend(scope, {
      bucket: config.state.bucket,
      key: `${config.project}/${config.name}/terraform.tfstate`,
      region: config.state.region,
      encrypt: true,
    });
    // cdktf 0.21 predates `use_lockfile`; Terraform >= 1.10 reads it from the JSON.
    backend.addOverride('use_lockfile', true);

    this.accountId = new DataAwsCallerIdentity(this, 'caller').accountId;
  }
}
