import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import type { Naming } from '../naming.js';

export interface SecretsProps {
  naming: Naming;
  /** Days Secrets Manager keeps a deleted secret; 0 deletes at once (dev teardown). */
  recoveryWindowDays: number;
}

/**
 * Application secrets held in Secrets Manager. Terraform creates the secret,
 * never its value: the operator puts the value (README), so it never enters
 * Terraform state or this repository.
 */
export class Secrets extends Construct {
  readonly jwtSecretArn: string;
  readonly jwtSecretName: string;

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    this.jwtSecretName = `${props.naming.prefix}/jwt-secret`;
    const jwt = new SecretsmanagerSecret(this, 'jwt', {
      name: this.jwtSecretName,
      description: 'JWT_SECRET for the CodeSync API and sync services (>= 32 characters)',
      recoveryWindowInDays: props.recoveryWindowDays,
    });
    this.jwtSecretArn = jwt.arn;
  }
}
