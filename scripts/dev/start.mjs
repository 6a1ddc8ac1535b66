#!/usr/bin/env node
// npm start: everything needed to use Siaga locally, in one terminal, without Docker.
//
//   1. npm run build                       (skip with SKIP_BUILD=1)
//   2. PostgreSQL: DATABASE_URL if set, else the embedded one (scripts/postgres/postgres.mjs,
//      127.0.0.1:$PG_PORT, default 5433, data in .data/postgres); services use database `siaga`
//   3. Kafka: KAFKA_BROKERS if set, else the local broker (scripts/kafka/kafka.mjs,
//      127.0.0.1:$KAFKA_PORT, default 9092, data in $KAFKA_DATA_DIR or .data/kafka)
//   4. sign-in (SIAGA_AUTH):
//      keycloak (default): KEYCLOAK_URL if set, else the local Keycloak (scripts/keycloak/keycloak.mjs,
//        127.0.0.1:$KEYCLOAK_PORT, default 8180, data in .data/keycloak) with the siaga realm; the services
//        verify its tokens (JWT_JWKS_URL, JWT_ISSUER from the realm); the demo accounts (one per role, passwords
//        generated into .data/demo-accounts.json) are made on the local one (or with KEYCLOAK_DEMO_ACCOUNTS=1)
//      dev-secret: HS256 tokens signed with JWT_SECRET, else .data/dev-jwt-secret (created once, mode 0600);
//        demo tokens printed and written to .data/dev-tokens.env; `npm run token -- --role ...` mints more
//      (JWT_JWKS_URL set: the services trust that identity provider as configured; nothing is printed)
//   5. every built service (dist/services/<name>/src/main.js) on its port, output prefixed
//   6. waits for each GET /health/ready (READY_TIMEOUT_MS, default 90000)
//   7. demo seed, if there is one: dist/services/referral/src/seed/seed.js, scripts/dev/seed.mjs
//      (skip with SKIP_SEED=1). A seed runs with the services' environment plus
//      SIAGA_SERVICE_URLS and SIAGA_DEMO_TOKENS (JSON: name -> URL, role -> token).
//   8. prints URLs, the sign-in accounts (or demo tokens) and curl examples; .data/auth.json tells
//      `npm run token` which way the services verify
//
// Ctrl-C / SIGTERM: stops the services (SIGTERM, SIGKILL after 10 s), then Keycloak, Kafka and
// PostgreSQL if this run started them (ones that were already running are left alone);
// exit 0. A service that exits on its own stops everything; exit 1 with its last lines.
// Also read by the services: HOST (default 127.0.0.1), LOG_LEVEL (default info),
// JWT_ISSUER, JWT_AUDIENCE, KAFKA_TOPIC_PREFIX, KAFKA_TOPIC_PARTITIONS.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startKafka, stopKafka } from '../kafka/kafka.mjs';
import { signIn } from '../keycloak/admin.mjs';
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts } from '../keycloak/demo-accounts.mjs';
import { stopKeycloak, useKeycloak } from '../keycloak/keycloak.mjs';
import { startPostgres, stopPostgres } from '../postgres/postgres.mjs';
import { DEMO_USERS, villageNames } from '../lib/demo.mjs';
import { linePrefix, runToEnd, superviseChild } from '../lib/processes.mjs';
import { DATA_DIR, REPO_ROOT } from '../lib/repo.mjs';
import { discoverServices } from '../lib/services.mjs';
import { AUTH_FILE, DEFAULT_AUDIENCE, DEFAULT_ISSUER, mintToken, resolveJwtSecret } from '../lib/tokens.mjs';
import { httpStatus, portAnswers, portFree, waitUntil, whoListens } from '../lib/wait.mjs';

const env = process.env;
const READY_TIMEOUT_MS = Number(env.READY_TIMEOUT_MS ?? 90_000);
const HOST = env.HOST ?? '127.0.0.1';
const PROBE_HOST = HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST;
const STOP = Symbol('stopping');

const running = []; // the services (supervised children)
const cleanups = []; // stopKafka / stopPostgres, when we started them
let inFlight = Promise.resolve(); // the startup step in progress
let currentChild = null; // the build or the seed: stopped first on shutdown
let stopping = null;
let width = 12;
const log = (msg) => console.log(`${linePrefix('dev', -1, width)}${msg}`);

/** Runs one startup step; registers its cleanup; aborts the startup once we are stopping. */
function step(run, cleanupOf) {
  const done = (async () => {
    const result = await run();
    const cleanup = cleanupOf?.(result);
    if (cleanup) cleanups.push(cleanup);
    return result;
  })();
  inFlight = done.catch(() => {});
  return done.then((result) => {
    if (stopping) throw STOP;
    return result;
  });
}

function shutdown(code, why) {
  if (stopping) {
    if (why === 'SIGINT' || why === 'SIGTERM') {
      log(`${why} again: killing the services`);
      for (const h of running) h.child.kill('SIGKILL');
    }
    return stopping;
  }
  stopping = (async () => {
    log(`${why}: stopping`);
    currentChild?.kill('SIGTERM');
    await inFlight;
    await Promise.all(running.map((h) => h.stop(10_000)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => log(e.message));
    log(code === 0 ? 'stopped' : 'stopped after an error');
    process.exit(code);
  })();
  return stopping;
}

function fail(message) {
  console.error(`\n${message}\n`);
  return shutdown(1, 'error');
}

async function database() {
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    if (!(await portAnswers(Number(u.port || 5432), u.hostname, 2000))) {
      throw new Error(`DATABASE_URL: nothing answers on ${u.hostname}:${u.port || 5432}`);
    }
    log(`PostgreSQL: DATABASE_URL (${u.host}${u.pathname})`);
    return env.DATABASE_URL;
  }
  const pg = await step(
    () => startPostgres({ database: 'siaga', log }),
    (r) => !r.alreadyRunning && (() => stopPostgres({ log })),
  );
  return pg.url;
}

async function kafka() {
  if (env.KAFKA_BROKERS) {
    const brokers = env.KAFKA_BROKERS.split(',').map((b) => b.trim());
    const answers = await Promise.all(brokers.map((b) => portAnswers(Number(b.split(':').pop()), b.replace(/:\d+$/, ''), 2000)));
    if (!answers.some(Boolean)) throw new Error(`KAFKA_BROKERS: none of ${brokers.join(', ')} answers`);
    log(`Kafka: KAFKA_BROKERS (${brokers.join(', ')})`);
    return brokers.join(',');
  }
  const k = await step(
    () => startKafka({ log }),
    (r) => !r.alreadyRunning && (() => stopKafka({ log })),
  );
  return k.brokers.join(',');
}

/**
 * How the services verify tokens, and who can sign in: Keycloak (default), the development secret
 * (SIAGA_AUTH=dev-secret), or an identity provider given by JWT_JWKS_URL.
 */
async function identity() {
  if (env.JWT_JWKS_URL) {
    log(`sign-in: JWT_JWKS_URL (${env.JWT_JWKS_URL}), issuer ${env.JWT_ISSUER ?? DEFAULT_ISSUER}`);
    return { mode: 'external', serviceEnv: {} };
  }
  const mode = env.SIAGA_AUTH ?? 'keycloak';
  if (mode === 'dev-secret') {
    const jwt = resolveJwtSecret({ create: true });
    log(
      `sign-in: development tokens, HS256 secret from ${jwt.source === 'JWT_SECRET' ? 'JWT_SECRET' : path.relative(REPO_ROOT, jwt.source)}${jwt.created ? ' (new)' : ''}`,
    );
    return { mode, secret: jwt.secret, serviceEnv: { JWT_SECRET: jwt.secret } };
  }
  if (mode !== 'keycloak') throw new Error(`SIAGA_AUTH must be keycloak or dev-secret (got ${mode})`);
  const k = await step(
    () => useKeycloak({ start: true, log }),
    (r) => r.startedHere && (() => stopKeycloak({ log })),
  );
  log(`sign-in: Keycloak ${k.url}, issuer ${k.issuer}`);
  const accounts =
    k.admin && (k.local || env.KEYCLOAK_DEMO_ACCOUNTS === '1') ? await step(() => ensureDemoAccounts(k.admin, { url: k.url })) : [];
  return { mode, keycloak: k, accounts, serviceEnv: { JWT_SECRET: '', JWT_JWKS_URL: k.jwksUrl, JWT_ISSUER: k.issuer } };
}

/** The demo tokens a seed gets: minted with the dev secret, or the demo accounts signed in (as the console would). */
async function demoTokens(auth) {
  const tokens = {};
  if (auth.mode === 'dev-secret') {
    const signing = {
      secret: auth.secret,
      issuer: env.JWT_ISSUER ?? DEFAULT_ISSUER,
      audience: env.JWT_AUDIENCE ?? DEFAULT_AUDIENCE,
      ttl: env.DEV_TOKEN_TTL ?? '12h',
    };
    for (const u of DEMO_USERS) tokens[u.key] = await mintToken(u.claims, signing);
  }
  for (const a of auth.accounts ?? []) {
    tokens[a.key] = (await signIn({ url: auth.keycloak.url, username: a.username, password: a.password })).access_token;
  }
  return tokens;
}

async function waitReady(h, url, t0) {
  await waitUntil(async () => (await httpStatus(`${url}/health/ready`)) === 200, {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 500,
    what: `${h.name} ${url}/health/ready`,
    fail: () => (stopping ? 'stopping' : h.exit ? `${h.name} exited during start (${exitText(h.exit)})` : null),
  }).catch(async (e) => {
    if (stopping) throw STOP;
    const body = await fetch(`${url}/health/ready`).then(
      (r) => r.text(),
      () => '',
    );
    throw new Error(`${e.message}${body ? `\n/health/ready said: ${body}` : ''}\nLast lines of ${h.name}:\n${h.lastLines().join('\n')}`);
  });
  log(`${h.name} ready (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

const exitText = (x) => (x.error ? x.error.message : x.signal ? `signal ${x.signal}` : `exit code ${x.code}`);

async function main() {
  const t0 = Date.now();
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {}); // reader gone (npm start | less): keep stopping cleanly
  process.on('SIGINT', () => shutdown(0, 'SIGINT'));
  process.on('SIGTERM', () => shutdown(0, 'SIGTERM'));

  if (env.SKIP_BUILD !== '1') {
    log('npm run build ...');
    const build = runToEnd('npm', ['run', 'build'], { cwd: REPO_ROOT, env });
    currentChild = build.child;
    const code = await step(() => build);
    currentChild = null;
    if (code !== 0) throw new Error(`npm run build failed (exit ${code})`);
  }
  const services = discoverServices();
  if (services.length === 0) throw new Error('no built services (dist/services/<name>/src/main.js); run npm run build');
  width = Math.max(width, ...services.map((s) => s.name.length));
  for (const s of services) {
    if (!(await portFree(s.port, PROBE_HOST))) {
      const who = whoListens(s.port);
      throw new Error(`port ${s.port} for ${s.name} is in use${who ? ` by ${who}` : ''} (another npm start?)`);
    }
  }

  const databaseUrl = await database();
  const brokers = await kafka();
  const auth = await identity();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(AUTH_FILE, `${JSON.stringify({ mode: auth.mode, keycloakUrl: auth.keycloak?.url, issuer: auth.keycloak?.issuer })}\n`);

  const serviceEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    ...auth.serviceEnv,
    NOTIFY_WEBHOOK_SECRET: env.NOTIFY_WEBHOOK_SECRET ?? devWebhookSecret(),
    HOST,
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
  };
  const urls = {};
  let readyMs = null;
  for (const [i, s] of services.entries()) {
    urls[s.name] = `http://${PROBE_HOST}:${s.port}`;
    const h = superviseChild({
      name: s.name,
      command: process.execPath,
      args: [s.main],
      cwd: REPO_ROOT,
      env: { ...serviceEnv, PORT: String(s.port) },
      prefix: linePrefix(s.name, i, width),
    });
    running.push(h);
    h.exited.then((x) => {
      const when = readyMs === null ? 'exited during start' : 'stopped unexpectedly';
      if (!stopping) fail(`${s.name} ${when} (${exitText(x)}). Last lines:\n${h.lastLines().join('\n')}`);
    });
  }
  await step(() => Promise.all(running.map((h) => waitReady(h, urls[h.name], t0))));
  readyMs = Date.now() - t0;

  const tokens = await step(() => demoTokens(auth));
  await seed({ ...serviceEnv, SIAGA_SERVICE_URLS: JSON.stringify(urls), SIAGA_DEMO_TOKENS: JSON.stringify(tokens) });
  summary({ services, urls, auth, tokens, databaseUrl, brokers, readyMs });
}

async function seed(seedEnv) {
  const scripts = [path.join(REPO_ROOT, 'dist/services/referral/src/seed/seed.js'), path.join(REPO_ROOT, 'scripts/dev/seed.mjs')];
  for (const file of scripts.filter((f) => fs.existsSync(f))) {
    if (env.SKIP_SEED === '1') return log(`SKIP_SEED=1: not running ${path.relative(REPO_ROOT, file)}`);
    log(`seeding demo data: ${path.relative(REPO_ROOT, file)}`);
    const h = superviseChild({
      name: 'seed',
      command: process.execPath,
      args: [file],
      cwd: REPO_ROOT,
      env: seedEnv,
      prefix: linePrefix('seed', 4, width),
    });
    currentChild = h.child;
    const x = await step(() => h.exited);
    currentChild = null;
    if (x.code !== 0) log(`warning: the seed failed (${exitText(x)}); the services keep running`);
  }
}

function summary({ services, urls, auth, tokens, databaseUrl, brokers, readyMs }) {
  const names = villageNames();
  const about = (text) => text.replace(/\d{2}\.\d{2}\.\d{2}\.\d{4}/g, (c) => (names[c] ? `${c} ${names[c]}` : c));
  const first = services[0].name;
  const lines = [
    '',
    `Siaga is up: ${services.length} service(s) ready in ${(readyMs / 1000).toFixed(1)}s`,
    ...services.map((s) => `  ${s.name.padEnd(width)}  ${urls[s.name]}   docs ${urls[s.name]}/docs`),
    `  ${'PostgreSQL'.padEnd(width)}  ${databaseUrl}`,
    `  ${'Kafka'.padEnd(width)}  ${brokers}`,
    ...(auth.keycloak ? [`  ${'Keycloak'.padEnd(width)}  ${auth.keycloak.url}   realm ${auth.keycloak.issuer}`] : []),
    '',
    ...signInLines(auth, tokens, about),
    'Try:',
    ...(urls.registration
      ? [
          `  curl -s -H "Authorization: Bearer $SIAGA_TOKEN_MIDWIFE" ${urls.registration}/pregnancies`,
          `  curl -s -H "Authorization: Bearer $SIAGA_TOKEN_DOCTOR" ${urls.registration}/pregnancies`,
        ]
      : []),
    `  curl -s ${urls[first]}/health/ready`,
    `  open ${urls[first]}/docs  (Authorize with a token to try requests)`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

const varName = (key) => `SIAGA_TOKEN_${key.toUpperCase()}`;

/** Who can sign in: the demo accounts (Keycloak), or the demo tokens (development secret). */
function signInLines(auth, tokens, about) {
  if (auth.mode === 'keycloak' && auth.accounts.length) {
    return [
      `Sign-in accounts (realm siaga; passwords generated into ${path.relative(REPO_ROOT, DEMO_ACCOUNTS_FILE)}):`,
      ...auth.accounts.map((a) => `  ${a.username.padEnd(16)} ${a.password}   ${a.name}: ${about(a.about)}`),
      '',
      'A token (5 minutes; signs in like the console, authorization code + PKCE):',
      ...auth.accounts.slice(0, 2).map((a) => `  export ${varName(a.key)}=$(npm run -s token -- --user ${a.username})`),
      `Add a person: npm run -s user:add -- --role midwife --name "Bidan Ayu" --health-center <uuid> --villages 35.10.20.2001`,
      '',
    ];
  }
  if (auth.mode === 'keycloak') return ['Sign in with the accounts of your Keycloak (npm run -s token -- --user <username>).', ''];
  if (auth.mode === 'external') return ['Tokens: from the identity provider of JWT_JWKS_URL.', ''];
  const file = path.join(DATA_DIR, 'dev-tokens.env');
  fs.writeFileSync(file, DEMO_USERS.map((u) => `export ${varName(u.key)}=${tokens[u.key]}\n`).join(''), { mode: 0o600 });
  return [
    `Demo tokens (development secret, valid ${env.DEV_TOKEN_TTL ?? '12h'}; also in ${path.relative(REPO_ROOT, file)}, load them with: source ${path.relative(REPO_ROOT, file)})`,
    ...DEMO_USERS.flatMap((u) => [`  # ${u.claims.name}: ${about(u.about)}`, `  export ${varName(u.key)}=${tokens[u.key]}`]),
    '',
    'Other tokens: npm run -s token -- --role midwife --health-center <uuid> --villages 35.10.20.2001,35.10.20.2002',
    '',
  ];
}

main().catch((e) => {
  if (e !== STOP) fail(e.message);
});

/** Webhooks are signed (x-siaga-signature); locally with a secret kept in .data/, never committed. */
function devWebhookSecret() {
  const file = path.join(REPO_ROOT, '.data', 'dev-webhook-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
