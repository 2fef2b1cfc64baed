// Gives each built file a name that changes with its content (portal.3f9a1c20b7.css), writes
// gzip and brotli copies beside it, and records logical name -> file name in manifest.json, which
// portal/rendering/assets.py reads. A fingerprinted file never changes, so browsers may keep it for a year.
// Usage: node scripts/fingerprint.mjs DIR FILE...   (FILE names relative to DIR)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, unlinkSync } from "node:fs";
import { join, extname, basename } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const [dir, ...files] = process.argv.slice(2);
const manifest = {};
const keep = new Set(["manifest.json"]);
for (const name of files) {
  const body = readFileSync(join(dir, name));
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  const ext = extname(name);
  const hashed = `${basename(name, ext)}.${hash}${ext}`;
  writeFileSync(join(dir, hashed), body);
  // Text compresses; an SVG favicon too. Only keep a compressed copy that is smaller.
  const gz = gzipSync(body, { level: 9 });
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  for (const [suffix, packed] of [[".gz", gz], [".br", br]]) {
    if (packed.length < body.length) {
      writeFileSync(join(dir, hashed + suffix), packed);
      keep.add(hashed + suffix);
    }
  }
  manifest[name] = hashed;
  keep.add(hashed);
  keep.add(name);
}
// Old fingerprinted copies from earlier builds go, so the folder holds one version of each file.
const fingerprinted = /\.[0-9a-f]{10}\.[a-z0-9]+(\.gz|\.br)?$/;
for (const entry of readdirSync(dir)) {
  if (fingerprinted.test(entry) && !keep.has(entry)) unlinkSync(join(dir, entry));
}
writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
