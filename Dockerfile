# syntax=docker/dockerfile:1
# One Dockerfile, one target per process kind (docs/deploy.md, Container images):
#   docker build --target gateway -t region-edu/gateway .
#   targets: gateway, people, learning, learning-mart, admissions, admissions-outbox, extra-education,
#   extra-education-outbox, analytics, analytics-facts, learning-people-outbox, people-mail, migrate
# The services run their TypeScript through tsx, as `npm start` does, so the images carry the sources and the
# workspace's node_modules; the web client is built once and served by the gateway.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
ENV CI=1
COPY package.json package-lock.json ./
COPY patches ./patches
COPY schema/package.json schema/
COPY db/package.json db/
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/people/package.json subgraphs/people/
COPY subgraphs/learning/package.json subgraphs/learning/
COPY subgraphs/admissions/package.json subgraphs/admissions/
COPY subgraphs/extra-education/package.json subgraphs/extra-education/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY gateway/package.json gateway/
COPY tools/launcher/package.json tools/launcher/
COPY tools/dev-esia/package.json tools/dev-esia/
COPY tests/package.json tests/
COPY clients/web/package.json clients/web/
RUN npm ci --no-audit --no-fund

FROM deps AS source
COPY tsconfig.base.json ./
COPY schema ./schema
COPY db ./db
COPY subgraphs ./subgraphs
COPY gateway ./gateway

FROM source AS web-build
COPY clients/web ./clients/web
RUN node --import tsx -e "await (await import('./clients/web/build.ts')).buildWebClient('/app/web-dist')"

# Common runtime settings: production mode (CLOCK_NOW is refused), listen on every interface, no root.
FROM source AS runtime
ENV NODE_ENV=production LISTEN_HOST=0.0.0.0
USER node

FROM runtime AS gateway
COPY --from=web-build --chown=node /app/web-dist /app/web-dist
ENV WEB_DIST=/app/web-dist
EXPOSE 4000
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]

FROM runtime AS people
EXPOSE 4001
CMD ["node", "--import", "tsx", "subgraphs/people/src/index.ts"]

FROM runtime AS learning
# Journal notices go out from their own process kind (learning-people-outbox), not every API replica.
ENV OUTBOX_WORKERS=off
EXPOSE 4002
CMD ["node", "--import", "tsx", "subgraphs/learning/src/index.ts"]

FROM runtime AS admissions
# The outbox runs in its own process kind (admissions-outbox), not in every API replica.
ENV OUTBOX_WORKERS=off
EXPOSE 4003
CMD ["node", "--import", "tsx", "subgraphs/admissions/src/index.ts"]

FROM runtime AS admissions-outbox
EXPOSE 4013
CMD ["node", "--import", "tsx", "subgraphs/admissions/src/worker.ts"]

FROM runtime AS extra-education
# The outbox runs in its own process kind (extra-education-outbox), not in every API replica.
ENV OUTBOX_WORKERS=off
EXPOSE 4004
CMD ["node", "--import", "tsx", "subgraphs/extra-education/src/index.ts"]

FROM runtime AS extra-education-outbox
EXPOSE 4014
CMD ["node", "--import", "tsx", "subgraphs/extra-education/src/worker.ts"]

FROM runtime AS analytics
EXPOSE 4005
CMD ["node", "--import", "tsx", "subgraphs/analytics/src/index.ts"]

FROM runtime AS learning-mart
EXPOSE 4016
CMD ["node", "--import", "tsx", "subgraphs/learning/src/mart-worker.ts"]

FROM runtime AS analytics-facts
EXPOSE 4015
CMD ["node", "--import", "tsx", "subgraphs/analytics/src/worker.ts"]

FROM runtime AS learning-people-outbox
EXPOSE 4018
CMD ["node", "--import", "tsx", "subgraphs/learning/src/worker.ts"]

FROM runtime AS people-mail
EXPOSE 4019
CMD ["node", "--import", "tsx", "subgraphs/people/src/worker.ts"]

FROM runtime AS migrate
CMD ["node", "--import", "tsx", "db/src/migrate-command.ts"]
