// The services `npm start` runs: every dist/services/<name>/src/main.js that the build
// produced, each on its port.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo.mjs';

/** Fixed ports (docker-compose.yml uses the same). */
export const SERVICE_PORTS = { registration: 3001, 'risk-scoring': 3002, alerts: 3003, referral: 3004 };
const FIRST_EXTRA_PORT = 3005;

/**
 * @param {string} [distDir] <repo>/dist
 * @returns {Array<{name: string, main: string, port: number}>} in port order
 */
export function discoverServices(distDir = path.join(REPO_ROOT, 'dist')) {
  const root = path.join(distDir, 'services');
  if (!fs.existsSync(root)) return [];
  const names = fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'src', 'main.js')));
  const known = names.filter((n) => n in SERVICE_PORTS).sort((a, b) => SERVICE_PORTS[a] - SERVICE_PORTS[b]);
  const extra = names.filter((n) => !(n in SERVICE_PORTS)).sort(); // not in the table yet: the next ports
  return [
    ...known.map((name) => ({ name, port: SERVICE_PORTS[name] })),
    ...extra.map((name, i) => ({ name, port: FIRST_EXTRA_PORT + i })),
  ].map((s) => ({ ...s, main: path.join(root, s.name, 'src', 'main.js') }));
}
