# attache's processor image: the quick start by default (`docker compose up` runs it behind Envoy).
# Build stage: compile TypeScript. Runtime stage: production dependencies only (npm ci --omit=dev),
# non-root user, a health check on the admin listener's /readyz. Checked in CI by test/docker/docker-files.test.ts
# (dockerfile-utils' linter plus the rules above); no Docker engine runs there.
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY examples/plugin-correlation-id/package.json examples/plugin-correlation-id/
COPY examples/app/package.json examples/app/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY processors ./processors
RUN npm run build

FROM node:24.11.1-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY examples/plugin-correlation-id/package.json examples/plugin-correlation-id/
COPY examples/app/package.json examples/app/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY envoy/api ./envoy/api
COPY protos ./protos
COPY scripts/grpc-health.mjs scripts/admin-health.mjs ./scripts/
COPY examples/quickstart ./examples/quickstart
COPY envoy/compose ./envoy/compose
# The node image's unprivileged user (uid 1000); the Kubernetes manifests run as the same uid.
USER node
# 50051: gRPC (ext_proc, grpc.health.v1); 9464: admin (/metrics, /healthz, /readyz).
EXPOSE 50051 9464
# Ready, not just alive: compose's depends_on service_healthy waits for the plugins' setup.
# (scripts/grpc-health.mjs checks gRPC health instead, for admin.address: off.)
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 CMD ["node", "scripts/admin-health.mjs", "/readyz", "9464"]
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve", "--config", "examples/quickstart/attache.yaml", "--processes", "1", "--address", "0.0.0.0:50051", "--admin-address", "0.0.0.0:9464"]
