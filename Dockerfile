# One image for every Tributary program: the compose file (or a Kubernetes Deployment) picks the
# program with its command, e.g. `dist/services/tax-sink/src/main.js`. Built from a clean
# checkout: `docker build -t tributary .`
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# What the compiled programs read at run time: their code, the @tributary/* path map
# (tsconfig.base.json through bin/dist-paths.js), the platform's Avro schemas and the examples
# the embedded stack seeds a demo tenant from.
COPY --from=build /app/package.json /app/tsconfig.base.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/bin bin
COPY --from=build /app/schemas schemas
COPY --from=build /app/examples examples
USER node
ENTRYPOINT ["node", "--require", "./bin/dist-paths.js"]
CMD ["bin/tributary.js", "--help"]
