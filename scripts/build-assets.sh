#!/usr/bin/env bash
# Builds static/dist/ from static/src/ and node_modules/ (run `npm ci` first).
# Usage (from anywhere): bash scripts/build-assets.sh   or   npm run build
# Idempotent: every output is rewritten through a temporary file and moved
# into place, so a failed run never leaves a half-written stylesheet.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

src=static/src
dist=static/dist
gf=node_modules/govuk-frontend/dist/govuk
bin=node_modules/.bin

for need in "$bin/sass" "$bin/rtlcss" "$bin/esbuild" "$gf/all.mjs" node_modules/htmx.org/dist/htmx.esm.js; do
  if [[ ! -e "$need" ]]; then
    echo "build-assets: missing $need (run 'npm ci' first)" >&2
    exit 1
  fi
done

start=$(date +%s%N)
mkdir -p "$dist"
tmp="$(mktemp -d "$dist/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# 1. CSS (left-to-right). --quiet-deps: deprecation notes from inside
#    govuk-frontend are not ours to fix; our own warnings still show.
"$bin/sass" --pkg-importer=node --style=compressed --no-source-map --quiet-deps \
  "$src/scss/portal.scss" "$tmp/portal.css"

# 2. CSS (right-to-left) from the compiled LTR file. rtlcss drops its own
#    directive comments; strip them from the LTR file afterwards.
"$bin/rtlcss" --silent "$tmp/portal.css" "$tmp/portal-rtl.css"
sed -i -e 's#/\*! *rtl:[a-z:]* *\*/##g' "$tmp/portal.css"

# Guard: the RTL tick must still be rotate(-45deg) with left+bottom borders.
if ! grep -q '\.govuk-checkboxes__label::after{transform:rotate(-45deg);border-width:0 0 5px 5px}' "$tmp/portal-rtl.css"; then
  echo "build-assets: checkbox tick rule missing or flipped in portal-rtl.css" >&2
  exit 1
fi
if grep -q '@font-face' "$tmp/portal.css"; then
  echo "build-assets: unexpected @font-face in portal.css (GDS Transport must stay out)" >&2
  exit 1
fi

# 3. JavaScript: one bundle (GOV.UK Frontend, htmx 2 and our own modules, minified) so a first visit
#    makes one script request, plus the tiny classic script that must run before the first paint.
"$bin/esbuild" "$src/js/portal.mjs" --bundle --format=esm --minify --target=es2017 --legal-comments=none \
  --log-level=warning --outfile="$tmp/portal.js"
"$bin/esbuild" "$src/js/js-enabled.js" --minify --log-level=warning --outfile="$tmp/js-enabled.js"
# The council's own favicon (GOV.UK's favicons and icons show the crown).
cp "$src/images/favicon.svg" "$tmp/favicon.svg"
# The easy-read pictures (our own simple drawings; each page gives its text alternative).
mkdir -p "$tmp/easy-read"
cp "$src/images/easy-read/"*.svg "$tmp/easy-read/"

# 4. GOV.UK assets without fonts (system font stack): only the images the CSS can ask for.
mkdir -p "$tmp/assets/images"
cp "$gf/assets/images/govuk-crest.svg" "$tmp/assets/images/"

# 5. Fingerprinted names, gzip and brotli copies, and manifest.json (read by portal/rendering/assets.py).
files=(portal.css portal-rtl.css portal.js js-enabled.js favicon.svg)
node scripts/fingerprint.mjs "$tmp" "${files[@]}" $(cd "$tmp" && ls easy-read/*.svg)

# Move into place: files one by one (atomic rename), manifest last so it never names a missing file;
# assets/ as a whole. Files an earlier build made and this one did not (old fingerprints, the
# pre-bundle htmx.min.js and .mjs files) are removed.
built=()
for f in "$tmp"/*; do
  [[ -f "$f" ]] && built+=("$(basename "$f")")
done
for name in "${built[@]}"; do
  [[ "$name" != manifest.json ]] && mv -f "$tmp/$name" "$dist/$name"
done
mv -f "$tmp/manifest.json" "$dist/manifest.json"
for f in "$dist"/*; do
  name="$(basename "$f")"
  [[ -f "$f" ]] || continue
  if [[ ! " ${built[*]} " =~ " $name " ]]; then rm -f "$f"; fi
done
rm -rf "$dist/easy-read"
mv "$tmp/easy-read" "$dist/easy-read"
rm -rf "$dist/assets.old"
if [[ -d "$dist/assets" ]]; then mv "$dist/assets" "$dist/assets.old"; fi
mv "$tmp/assets" "$dist/assets"
rm -rf "$dist/assets.old"

elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

printf '%-36s %9s %9s %9s\n' "static/dist/ (first load)" "bytes" "gzip" "brotli"
total=0; total_gz=0; total_br=0
for f in "${files[@]}"; do
  hashed=$(node -e "process.stdout.write(require('./$dist/manifest.json')['$f'])")
  b=$(wc -c < "$dist/$hashed")
  g=$( [[ -f "$dist/$hashed.gz" ]] && wc -c < "$dist/$hashed.gz" || echo "$b")
  r=$( [[ -f "$dist/$hashed.br" ]] && wc -c < "$dist/$hashed.br" || echo "$b")
  total=$((total + b)); total_gz=$((total_gz + g)); total_br=$((total_br + r))
  printf '%-36s %9d %9d %9d\n' "$hashed" "$b" "$g" "$r"
done
printf '%-36s %9d %9d %9d\n' "(total; one of the two stylesheets loads)" "$total" "$total_gz" "$total_br"
echo "build-assets: done in ${elapsed_ms} ms"
