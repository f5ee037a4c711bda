# syntax=docker/dockerfile:1.7
# CodeSync sync image. Build from the repository root:
#   docker build -f infra/docker/sync.Dockerfile -t codesync-sync .
# Runs the compiled `sync/dist/main.js` (`pnpm build`): no TypeScript loader in the image.

ARG NODE_IMAGE=node:24-bookworm-slim
ARG PNPM_VERSION=10.34.9

FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION
RUN npm install --global --no-fund --no-audit pnpm@${PNPM_VERSION}
WORKDIR /repo
# Fetch every package the lockfile names first: this layer survives source edits.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm fetch --frozen-lockfile
COPY . .
# Install the sync service, its workspace dependencies and the root's build tool
# (`--filter codesync`: esbuild), compile them to dist/, then copy the service out
# with production dependencies only.
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile --offline --filter "@codesync/sync..." --filter codesync \
 && node scripts/build.mjs sync \
 && pnpm --filter @codesync/sync deploy --prod --legacy /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3001 \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/rds-global-bundle.pem
# Amazon RDS certificate authorities, so `sslmode=verify-full` can verify the
# database. Node adds NODE_EXTRA_CA_CERTS to its default trust store.
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
WORKDIR /app
# Owned by root, read-only to the app user.
COPY --from=build /out ./
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + '/socket/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The condition selects each workspace package's dist/ (see its package.json exports).
# The young generation is capped at 8 MB per semi-space: shorter scavenge pauses under
# typing load and less RSS per socket (docs/benchmarks.md); the same as `pnpm start:sync`.
CMD ["node", "--max-semi-space-size=8", "--conditions=codesync-compiled", "dist/main.js"]
