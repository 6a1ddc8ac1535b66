#!/usr/bin/env node
// Regenerates services/registration/src/nik/wilayah-codes.ts from a districts.csv
// (default: ../shared/domain/wilayah/districts.csv). Usage: node scripts/dev/generate-wilayah-codes.mjs [csv]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const csvPath = process.argv[2] ?? path.resolve('..', 'shared', 'domain', 'wilayah', 'districts.csv');
const rows = readFileSync(csvPath, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const regencies = [...new Set(rows.map((r) => r[2].replaceAll('.', '')))].sort();
const districts = rows.map((r) => r[0].replaceAll('.', '')).sort();
const list = (codes) =>
  codes
    .map((c) => `'${c}',`)
    .join(' ')
    .replace(/(.{1,116})( |$)/g, '  $1\n');
writeFileSync(
  'services/registration/src/nik/wilayah-codes.ts',
  `// Generated from shared/domain/wilayah/districts.csv (Kepmendagri 300.2.2-2138/2025, via the MIT-licensed
// cahyadsn/wilayah dataset): regency codes PPRR and district codes PPRRDD as they appear in a NIK.
// Regenerate with scripts/dev/generate-wilayah-codes.mjs when the list changes.

export const REGENCY_CODES: readonly string[] = [
${list(regencies)}];

export const DISTRICT_CODES: readonly string[] = [
${list(districts)}];
`,
);
console.log(`${regencies.length} regencies, ${districts.length} districts`);
