#!/usr/bin/env node
// Reads docker-compose.yml and tells, per service, which environment variables it sets and
// its port, so a test can compare them with what the services read (and with npm start).
//
//   import { composeServiceEnv, composeServices } from './scripts/dev/compose-env.mjs';
//   composeServiceEnv()  // { registration: { env: ['DATABASE_URL', ..., 'PORT'], port: 3001 }, ... }
//   node scripts/dev/compose-env.mjs [--all] [file]   # prints it as JSON
//
// YAML via js-yaml (a dependency of @nestjs/swagger), with `<<` merge keys enabled as Docker
// Compose does. Values are not interpolated: `${JWT_SECRET:?...}` is returned as written.
import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { REPO_ROOT, isMain } from '../lib/repo.mjs';

export const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');

function parse(text) {
  // js-yaml 5 leaves merge keys off by default; 3.x/4.x had them on.
  const options = yaml.mergeTag && yaml.CORE_SCHEMA?.withTags ? { schema: yaml.CORE_SCHEMA.withTags(yaml.mergeTag) } : {};
  return yaml.load(text, options);
}

/** environment as a map (compose allows a map or a list of NAME=value / NAME). */
function environmentOf(service) {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => (String(e).includes('=') ? String(e).split(/=(.*)/s).slice(0, 2) : [String(e), null])));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]));
}

/** Container ports of `ports:` ("3001:3001", "127.0.0.1:${X:-1}:5432", "9092/tcp", {target: 3001}). */
function containerPorts(service) {
  return (service.ports ?? [])
    .map((p) =>
      typeof p === 'object'
        ? p.target
        : String(p)
            .replace(/\/(tcp|udp)$/, '')
            .split(':')
            .pop(),
    )
    .map(Number)
    .filter(Number.isInteger);
}

/**
 * Every service of the compose file.
 * @returns {Record<string, {env: string[], environment: Record<string, string | null>, port: number | null,
 *          ports: number[], image: string | null, built: boolean, buildArgs: Record<string, string>,
 *          dependsOn: string[], healthcheck: string[] | string | null}>}
 */
export function composeServices(file = COMPOSE_FILE) {
  const doc = parse(fs.readFileSync(file, 'utf8'));
  const result = {};
  for (const [name, service] of Object.entries(doc?.services ?? {})) {
    const environment = environmentOf(service);
    const ports = containerPorts(service);
    const build = service.build;
    result[name] = {
      env: Object.keys(environment).sort(),
      environment,
      port: environment.PORT ? Number(environment.PORT) : (ports[0] ?? null),
      ports,
      image: service.image ?? null,
      built: build !== undefined,
      buildArgs: typeof build === 'object' && build?.args ? environmentOf({ environment: build.args }) : {},
      dependsOn: Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {}),
      healthcheck: service.healthcheck?.test ?? null,
    };
  }
  return result;
}

/**
 * The Siaga services (built from the Dockerfile), their environment variable names and port.
 * @returns {Record<string, {env: string[], port: number | null}>}
 */
export function composeServiceEnv(file = COMPOSE_FILE) {
  return Object.fromEntries(
    Object.entries(composeServices(file))
      .filter(([, s]) => s.built)
      .map(([name, s]) => [name, { env: s.env, port: s.port }]),
  );
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? COMPOSE_FILE;
  console.log(JSON.stringify(args.includes('--all') ? composeServices(file) : composeServiceEnv(file), null, 2));
}
