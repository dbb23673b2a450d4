# syntax=docker/dockerfile:1
# The support desk as a container (docs/deploy.md). Not built on the machine this repository is developed on (it has
# no Docker engine and reaches no container registry): the steps are the ones CI runs there (npm ci, npm run build,
# node dist/scripts/start.js).
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary when it can; otherwise it compiles with the image's own Node headers.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json .npmrc ./
COPY scripts/check-sqlite-driver.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    DATABASE_PATH=/var/lib/support-desk/support.sqlite \
    MODEL_CACHE_PATH=/var/lib/support-desk/cache/intent-model.json
WORKDIR /opt/support-desk
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY knowledge/articles ./knowledge/articles
COPY support.config.example.yaml ./
RUN mkdir -p /var/lib/support-desk && chown node:node /var/lib/support-desk
USER node
VOLUME /var/lib/support-desk
EXPOSE 3000
# node is PID 1 and handles SIGTERM itself: `docker stop` gives it 10 s, the desk drains for at most 8 (SHUTDOWN_DRAIN_MS).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/scripts/start.js"]
