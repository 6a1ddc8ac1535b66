import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { composeServiceEnv } from '@scripts/dev/compose-env.mjs';

/** Every environment variable name the services' code reads (process.env.X or env.X in libs and services). */
function namesReadByCode(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(file)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]);
      }
    }
  };
  for (const root of ['libs', 'services']) walk(root);
  return names;
}

const SERVICE_PORTS: Record<string, number> = { registration: 3001, 'risk-scoring': 3002, alerts: 3003, referral: 3004 };

describe('docker-compose.yml', () => {
  const compose = composeServiceEnv();
  const readByCode = namesReadByCode();

  it('runs every service on its own port', () => {
    for (const [service, port] of Object.entries(SERVICE_PORTS)) expect(compose[service]?.port).toBe(port);
  });

  it('sets only variables the services read, and every one they cannot do without', () => {
    for (const [service, { env }] of Object.entries(compose)) {
      const unknown = env.filter((name) => !readByCode.has(name));
      expect({ service, unknown }).toEqual({ service, unknown: [] });
      expect(env).toEqual(expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS', 'JWT_JWKS_URL', 'JWT_ISSUER', 'PORT', 'HOST']));
    }
  });

  it("is started by README's command with every variable it requires", () => {
    const required = new Set([...readFileSync('docker-compose.yml', 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((m) => m[1]));
    const command = readFileSync('README.md', 'utf8')
      .split('\n')
      .find((line) => line.includes('docker compose up'));

    expect(required.size).toBeGreaterThan(0);
    for (const name of required) expect({ name, setByReadme: command?.includes(`${name}=`) }).toEqual({ name, setByReadme: true });
  });
});
