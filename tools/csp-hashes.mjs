// Post-build step: put the SHA-256 of every inline <script> in the page's
// Content-Security-Policy, so the loader Trunk inlines runs without 'unsafe-inline'.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const placeholder = 'INLINE_SCRIPT_HASHES';
if (!html.includes(placeholder)) {
  console.error(`csp-hashes: ${file} has no ${placeholder} placeholder in its Content-Security-Policy`);
  process.exit(1);
}
const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  const digest = createHash('sha256').update(match[1], 'utf8').digest('base64');
  hashes.push(`'sha256-${digest}'`);
}
writeFileSync(file, html.replace(placeholder, hashes.join(' ')));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash in ${file}`);
