#!/usr/bin/env bash
# Publishes the web app: build it, upload it to the environment's web bucket,
# and invalidate CloudFront so viewers get the new index.html at once.
#
#   infra/scripts/deploy-web.sh [stack]        # stack defaults to codesync-prod
#
# The bucket and distribution come from the stack's Terraform outputs (after
# `cdktf deploy`), or from WEB_BUCKET and DISTRIBUTION_ID when set.
# SKIP_BUILD=1 uploads the existing build; WEB_DIST points at another build folder.
# Needs the AWS CLI v2 with credentials for the target account.
set -euo pipefail

stack="${1:-codesync-prod}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist="${WEB_DIST:-$root/web/dist}"

output() {
  local dir="$root/infra/cdktf.out/stacks/$stack"
  if [[ ! -d "$dir" ]]; then
    echo "deploy-web: no synthesised stack at $dir: run 'pnpm synth' and 'cdktf deploy $stack' first, or set WEB_BUCKET and DISTRIBUTION_ID" >&2
    exit 1
  fi
  terraform -chdir="$dir" output -raw "$1"
}

bucket="${WEB_BUCKET:-$(output web_bucket)}"
distribution="${DISTRIBUTION_ID:-$(output cloudfront_distribution_id)}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  (cd "$root" && pnpm --filter @codesync/web build)
fi
if [[ ! -f "$dist/index.html" ]]; then
  echo "deploy-web: $dist/index.html not found: build the web app first (pnpm --filter @codesync/web build)" >&2
  exit 1
fi

echo "deploy-web: $dist -> s3://$bucket (distribution $distribution)"
# 1. Content-hashed assets first, cached for a year: the new index.html must
#    never point at a file that is not there yet. Old assets stay, so a page
#    loaded before the deploy can still fetch its lazy chunks.
if [[ -d "$dist/assets" ]]; then
  aws s3 sync "$dist/assets" "s3://$bucket/assets" --only-show-errors \
    --cache-control "public, max-age=31536000, immutable"
fi
# 2. Everything else (index.html, favicon, ...) revalidates on every load.
aws s3 sync "$dist" "s3://$bucket" --only-show-errors --delete --exclude "assets/*" \
  --cache-control "no-cache"
# 3. Drop CloudFront's copies so the edge serves the new files now.
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/*" \
  --query "Invalidation.Id" --output text
echo "deploy-web: done"
