#!/bin/sh
# Copies GOV.UK Frontend's built CSS, JS, fonts and images from node_modules
# into static/govuk/ (gitignored), which the server serves as /assets/govuk/.
# Does nothing when the copy already matches the installed version.
set -eu
cd "$(dirname "$0")/.."

src=node_modules/govuk-frontend/dist/govuk
dst=static/govuk

[ -f "$src/govuk-frontend.min.css" ] || {
  echo "copy-assets: $src not found; run 'npm ci' first" >&2
  exit 1
}

# The stamp records the package version and this script's checksum, so a new
# govuk-frontend or a change here redoes the copy. (npm gives every file in a
# package the same old mtime, so timestamps cannot tell versions apart.)
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' node_modules/govuk-frontend/package.json | head -n 1)
stamp="govuk-frontend $version $(cksum <"$0" | cut -d' ' -f1)"
if [ -f "$dst/.stamp" ] && [ "$(cat "$dst/.stamp")" = "$stamp" ]; then
  exit 0
fi

tmp=$dst.tmp.$$
trap 'rm -rf "$tmp"' EXIT
rm -rf "$tmp"
mkdir -p "$tmp"

# The stylesheet asks for /assets/fonts/... and /assets/images/...; here the
# assets live under /assets/govuk/assets/, so rewrite those URLs. The source
# map comments go too, since the maps are not copied.
sed -e 's#url(/assets/#url(/assets/govuk/assets/#g' \
    -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
    "$src/govuk-frontend.min.css" >"$tmp/govuk-frontend.min.css"
sed -e 's#//\# sourceMappingURL=.*$##' \
    "$src/govuk-frontend.min.js" >"$tmp/govuk-frontend.min.js"
cp -R "$src/assets" "$tmp/assets"
echo "$stamp" >"$tmp/.stamp"

# Swap in whole, so a server never sees half a copy. If another run swapped
# first, its copy is as good as ours.
rm -rf "$dst"
mv -T "$tmp" "$dst" 2>/dev/null || true
echo "copy-assets: $dst <- govuk-frontend $version"
