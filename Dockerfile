# flowmock as a container: the five APIs and /__mock on port 4010, on every interface.
#
#   docker build -t flowmock .
#   docker run --rm -p 4010:4010 -e FLOWMOCK_ADMIN_TOKEN=change-me flowmock
#
# Every FLOWMOCK_* variable configures it (docs/operations.md). Bound to 0.0.0.0, it refuses to start
# without FLOWMOCK_ADMIN_TOKEN: the admin API can reset the data.
#
# No Docker engine runs where flowmock is built and tested, so this file holds only commands CI runs
# without one: test/docker/dockerfile.test.ts reads it and runs its steps in a scratch directory (the
# package packed, installed globally, started with this ENV, asked by the HEALTHCHECK, stopped by SIGTERM).

# Build: the package exactly as npm would publish it.
FROM node:20-slim AS build
WORKDIR /src
COPY . .
# `npm ci` runs `prepare` (npm run build: dist/); pack what it built, without building it again.
RUN npm ci --no-audit --no-fund && npm pack --ignore-scripts

# Run: the packed package installed globally, nothing of the checkout, not root.
FROM node:20-slim
ENV NODE_ENV=production \
    FLOWMOCK_HOST=0.0.0.0 \
    FLOWMOCK_PORT=4010 \
    FLOWMOCK_LOG_FORMAT=json
COPY --from=build /src/flowmock-*.tgz /tmp/
RUN npm install --global --no-audit --no-fund /tmp/flowmock-*.tgz && rm /tmp/flowmock-*.tgz && npm cache clean --force
USER node
WORKDIR /home/node
EXPOSE 4010
# GET /__mock/health needs no admin token; node's own fetch, so the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.FLOWMOCK_PORT || 4010) + '/__mock/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop): flowmock drains for at most FLOWMOCK_DRAIN_TIMEOUT (10 s, docker's own wait) and exits 0.
STOPSIGNAL SIGTERM
CMD ["flowmock", "serve"]
