// The demo accounts of `npm start`: one per role, scoped to the seeded demo regency (scripts/lib/demo.mjs),
// made through the admin REST API after the realm import. Passwords are generated and kept in
// .data/demo-accounts.json (mode 0600, git-ignored), never in the repository.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_USERS } from '../lib/demo.mjs';
import { DATA_DIR } from '../lib/repo.mjs';
import { createAccount, findUser, randomPassword, setPassword } from './admin.mjs';

export const DEMO_ACCOUNTS_FILE = path.join(DATA_DIR, 'demo-accounts.json');

/** What the demo seed holds about the demo escort's responder record (a police unit). */
const DEMO_ESCORT = { responderKind: 'police-unit', organisation: 'Polresta Banyuwangi (demo)' };

export const demoUsername = (key) => `demo.${key}`;

function readStored(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Makes sure every demo account exists in the Keycloak at `url` with the stored password (or a new one).
 * @returns {Promise<Array<{key: string, username: string, password: string, id: string, about: string, name: string}>>}
 */
export async function ensureDemoAccounts(admin, { url, file = DEMO_ACCOUNTS_FILE } = {}) {
  const stored = readStored(file);
  const passwords = stored.url === url ? (stored.passwords ?? {}) : {};
  const accounts = [];
  for (const user of DEMO_USERS) {
    const username = demoUsername(user.key);
    const { role, name, hc, villages, facility, responder } = user.claims;
    let password = passwords[username];
    let existing = await findUser(admin, username);
    if (existing && !password) {
      password = randomPassword(); // the file was lost: a new password, as an admin would reset it
      await setPassword(admin, existing.id, password);
    }
    if (!existing) {
      password ??= randomPassword();
      const scope = { hc, villages, facility, responder, ...(role === 'escort' ? DEMO_ESCORT : {}) };
      existing = await createAccount(admin, { username, password, firstName: name, role, scope });
    }
    passwords[username] = password;
    accounts.push({ key: user.key, username, password, id: existing.id, about: user.about, name });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ url, passwords }, null, 2)}\n`, { mode: 0o600 });
  return accounts;
}

/** The stored password of a demo (or any recorded) account, or null. */
export function storedPassword(username, { url, file = DEMO_ACCOUNTS_FILE } = {}) {
  const stored = readStored(file);
  if (url && stored.url !== url) return null;
  return stored.passwords?.[username] ?? null;
}
