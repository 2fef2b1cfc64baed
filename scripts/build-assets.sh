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

for need in "$bin/sass" "$bin/rtlcss" "$gf/govuk-frontend.min.js" node_modules/htmx.org/dist/htmx.min.js; do
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

# 3. JavaScript: GOV.UK Frontend (ES module), htmx 2, our own two files.
cp "$gf/govuk-frontend.min.js" "$tmp/govuk-frontend.min.js"
cp node_modules/htmx.org/dist/htmx.min.js "$tmp/htmx.min.js"
cp "$src/js/js-enabled.js" "$src/js/portal.mjs" "$src/js/timeout-warning.mjs" "$src/js/listen.mjs" "$tmp/"
# The council's own favicon (GOV.UK's favicons and icons show the crown).
cp "$src/images/favicon.svg" "$tmp/favicon.svg"
# The easy-read pictures (our own simple drawings; each page gives its text alternative).
mkdir -p "$tmp/easy-read"
cp "$src/images/easy-read/"*.svg "$tmp/easy-read/"

# 4. GOV.UK assets without fonts (system font stack).
mkdir -p "$tmp/assets"
cp -R "$gf/assets/images" "$tmp/assets/images"
cp "$gf/assets/manifest.json" "$tmp/assets/manifest.json"

# Move into place: files one by one (atomic rename), assets/ as a whole.
for f in portal.css portal-rtl.css govuk-frontend.min.js htmx.min.js js-enabled.js portal.mjs timeout-warning.mjs listen.mjs favicon.svg; do
  mv -f "$tmp/$f" "$dist/$f"
done
rm -rf "$dist/easy-read"
mv "$tmp/easy-read" "$dist/easy-read"
rm -rf "$dist/assets.old"
if [[ -d "$dist/assets" ]]; then mv "$dist/assets" "$dist/assets.old"; fi
mv "$tmp/assets" "$dist/assets"
rm -rf "$dist/assets.old"

elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

printf '%-28s %9s %9s\n' "static/dist/" "bytes" "gzip"
total=0; total_gz=0
for f in portal.css portal-rtl.css govuk-frontend.min.js htmx.min.js js-enabled.js portal.mjs timeout-warning.mjs listen.mjs favicon.svg; do
  b=$(wc -c < "$dist/$f"); g=$(gzip -9 -c "$dist/$f" | wc -c)
  total=$((total + b)); total_gz=$((total_gz + g))
  printf '%-28s %9d %9d\n' "$f" "$b" "$g"
done
printf '%-28s %9d %9d\n' "(total)" "$total" "$total_gz"
printf '%-28s %9d\n' "assets/ (images, manifest)" "$(du -sb "$dist/assets" | cut -f1)"
echo "build-assets: done in ${elapsed_ms} ms"
