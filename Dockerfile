# syntax=docker/dockerfile:1
# Samverkan API image: `docker build -t samverkan .`, or `docker compose up --build` (see
# docker-compose.yml and docs/operations.md). Runs with NODE_ENV=production as the unprivileged
# `node` user, needs DATABASE_URL (or DATABASE_URL_FILE; PostgreSQL >= 15), and does not migrate at
# start: run the migration job (`node dist/src/cli/migrate.js`) first. Only production dependencies
# are installed: no embedded PostgreSQL, no GraphQL IDE, no TypeScript.

# Both stages: Node 24 LTS, node:24.21.0-trixie-slim pinned by the digest of its multi-platform
# index (amd64, arm64, ppc64le, s390x). Renew tag and digest together.

# ---- build: install everything, compile TypeScript, then drop the dev dependencies ----------
FROM node:24.21.0-trixie-slim@sha256:8ec5d7557396cfe32d21c3f9c13072355ceab22b584578ca4bb28af31120cffe AS build
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
COPY package.json package-lock.json ./
# argon2 loads its prebuilt binary for linux-x64/arm64 (glibc).
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY schema ./schema
COPY web ./web
RUN npm run build \
 && npm run web:build \
 && npm prune --omit=dev \
 && npm cache clean --force \
 && node -e "require('argon2')"

# ---- runtime ---------------------------------------------------------------------------------
FROM node:24.21.0-trixie-slim@sha256:8ec5d7557396cfe32d21c3f9c13072355ceab22b584578ca4bb28af31120cffe
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    npm_config_update_notifier=false
WORKDIR /app
# Code and dependencies belong to root and are read-only for the app, which writes nothing: the
# container can run with a read-only root filesystem (docker-compose.yml does).
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY schema ./schema
COPY scripts ./scripts
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# SIGTERM from `docker stop` reaches node directly (no npm wrapper) for a graceful shutdown.
# --heap-growing-percent=100: the same V8 flag as `npm start`.
STOPSIGNAL SIGTERM
CMD ["node", "--heap-growing-percent=100", "dist/src/main.js"]
