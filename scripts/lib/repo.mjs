// Paths shared by the dev scripts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is <repo>/scripts/lib/repo.mjs). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Local, git-ignored state: databases, broker data, the dev JWT secret. */
export const DATA_DIR = path.join(REPO_ROOT, '.data');

/** True when `importMetaUrl` is the module node was started with (`node file.mjs`). */
export const isMain = (importMetaUrl) => Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(importMetaUrl);
