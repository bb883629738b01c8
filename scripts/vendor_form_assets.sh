#!/usr/bin/env bash
# Re-vendor the proposal form's browser libraries into site/assets/vendor/ (see its README.md).
# Needs node and npm; run by hand when upgrading, never by the build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=site/assets/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  npm pack --silent ajv-dist@8.17.1 ajv@8.17.1 ajv-i18n@4.2.0 >/dev/null
  for f in *.tgz; do mkdir "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done
  npm init -y >/dev/null
  npm install --silent --no-audit --no-fund esbuild@0.25 yaml@2.9.1
  echo 'export { parseDocument, parse, stringify, isMap, isSeq, isScalar, isPair, YAMLMap, YAMLSeq, Scalar, Document, LineCounter } from "yaml";' > entry.js
  npx esbuild entry.js --bundle --minify --format=iife --global-name=YAML --target=es2019 --outfile=yaml.min.js
)
sed '/sourceMappingURL=ajv7.min.js.map/d' "$work/ajv-dist-8.17.1/package/dist/ajv7.min.js" > "$out/ajv7.min.js"
cp "$work/ajv-8.17.1/package/LICENSE" "$out/LICENSE-ajv.txt"
cp "$work/ajv-i18n-4.2.0/package/LICENSE" "$out/LICENSE-ajv-i18n.txt"
cp "$work/node_modules/yaml/LICENSE" "$out/LICENSE-yaml.txt"
cp "$work/yaml.min.js" "$out/yaml.min.js"
{
  echo '/* ajv-i18n 4.2.0 localize/th (MIT), wrapped for the browser by khrongkan: window.ajvLocalizeTh */'
  echo '(function () { var module = { exports: {} };'
  cat "$work/ajv-i18n-4.2.0/package/localize/th/index.js"
  echo
  echo 'window.ajvLocalizeTh = module.exports; })();'
} > "$out/ajv-i18n-th.js"
echo "vendored into $out"
