# syntax=docker/dockerfile:1
# The bot as the tests run it: `node --max-semi-space-size=2 --import tsx src/main.ts` (`npm start`) over `npm ci --omit=dev`.
# Build: docker build -t liandang-bot .   Run: see compose.yaml and docs/deploy.md.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    TERMINAL=off \
    CONSOLE_HOST=0.0.0.0 \
    CONSOLE_PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
# The image's own user (uid 1000), never root.
USER node
VOLUME ["/data"]
# Health and metrics; the console later. Slack (3000) and the Telegram webhook (8443) when configured.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.CONSOLE_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=2", "--import", "tsx", "src/main.ts"]
