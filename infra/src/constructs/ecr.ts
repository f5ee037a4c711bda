import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import type { Naming } from '../naming.js';

export interface ContainerRegistryProps {
  naming: Naming;
  images: readonly string[];
  forceDelete: boolean;
}

export interface Repository {
  url: string;
  arn: string;
}

/** One ECR repository per image: immutable tags, scanned on push, old images expired. */
export class ContainerRegistry extends Construct {
  readonly repositories: Record<string, Repository> = {};

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    for (const image of props.images) {
      const repo = new EcrRepository(this, image, {
        name: `${props.naming.prefix}/${image}`,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: 'AES256' }],
        forceDelete: props.forceDelete,
      });
      new EcrLifecyclePolicy(this, `${image}-lifecycle`, {
        repository: repo.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: 'drop untagged layers after a week',
              selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
              action: { type: 'expire' },
            },
            {
              rulePriority: 2,
              description: 'keep the 50 newest images',
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
              action: { type: 'expire' },
            },
          ],
        }),
      });
      this.repositories[image] = { url: repo.repositoryUrl, arn: repo.arn };
    }
  }
}
