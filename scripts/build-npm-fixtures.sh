#!/usr/bin/env bash
# Builds the npm test projects with the real package managers, once (a marker file keeps the result):
#   scripts/build-npm-fixtures.sh [OUT]      OUT defaults to target/test-projects/npm
#
# One package.json (a scoped package, peer dependencies, packages nested under others' node_modules,
# development-only dependencies with a dependency of their own) is installed by npm; every other
# lockfile is imported from npm's, so all of them lock the same versions:
#   installed/      package.json, package-lock.json (v3) and the node_modules npm installed
#   npm-ls.json     `npm ls --all --json`: the oracle of what node_modules holds
#   npm-ls-prod.json  the same with --omit=dev: what is not development-only
#   npm-v3/ npm-v2/ npm-v1/   package-lock.json of each lockfile version
#   shrinkwrap/     npm-shrinkwrap.json
#   yarn-v1/        yarn.lock of yarn 1.22 (`yarn import` of the v1 lockfile)
#   yarn-berry/     yarn.lock of yarn 4 (migrated from the yarn 1 lockfile)
#   pnpm-v9/ pnpm-v6/ pnpm-v5/  pnpm-lock.yaml of pnpm 9, 8 and 7 (`pnpm import`)
# A second project has a workspace (packages/app), an alias (my-lodash: npm:lodash@4.17.21) and
# resolve, which yarn 4 patches; each tool locks it on its own:
#   workspaces/{npm,yarn-v1,yarn-berry,pnpm-v9,pnpm-v6,pnpm-v5}/
# Needs node, npm and the npm registry; npx fetches yarn and pnpm. About a minute; when the
# projects change, change the marker's number here and in NpmProjects.java.
set -euo pipefail
out=${1:-target/test-projects/npm}
marker="$out/.complete-3"
[ -f "$marker" ] && exit 0

if ! command -v npm >/dev/null || ! command -v npx >/dev/null; then
  echo "build-npm-fixtures: npm is not installed; install it with 'apt-get install npm' (Debian)" \
    "or from https://nodejs.org, then run the tests again" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
cd "$out"
marker="$PWD/.complete-3"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_PROGRESS_BARS=0
quiet() { # runs a command, showing its output only when it fails
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "build-npm-fixtures: failed in $PWD: $*" >&2
    exit 1
  fi
  rm -f "$log"
}
project() { # a directory holding the manifest and the given files of another project
  local dir=$1 from=$2
  shift 2
  mkdir -p "$dir"
  cp ../package.json "$dir/"
  for file in "$@"; do cp "$from/$file" "$dir/"; done
}

echo "== npm test projects in $out"
cat >package.json <<'JSON'
{
  "name": "portcullis-npm-fixture",
  "version": "1.0.0",
  "private": true,
  "dependencies": {
    "@babel/code-frame": "7.12.13",
    "express": "4.17.1",
    "react": "18.2.0",
    "react-dom": "18.2.0"
  },
  "devDependencies": {
    "debug": "4.3.4",
    "lodash": "4.17.20"
  }
}
JSON
mkdir -p installed
cd installed
cp ../package.json .
quiet npm install --no-audit --no-fund
npm ls --all --json >../npm-ls.json
npm ls --all --json --omit=dev >../npm-ls-prod.json

for version in 3 2 1; do
  project ../npm-v$version . package-lock.json
  (cd ../npm-v$version && quiet npm install --package-lock-only --lockfile-version=$version)
done
project ../shrinkwrap ../npm-v3 package-lock.json
(cd ../shrinkwrap && mv package-lock.json npm-shrinkwrap.json)

# yarn 1 imports the v1 lockfile; yarn 4 migrates yarn 1's lockfile; pnpm imports the v1 lockfile.
project ../yarn-v1 ../npm-v1 package-lock.json
(cd ../yarn-v1 && quiet npx --yes yarn@1.22.22 import --non-interactive && rm -r package-lock.json node_modules)
project ../yarn-berry ../yarn-v1 yarn.lock
(cd ../yarn-berry && quiet npx --yes @yarnpkg/cli-dist@4.18.1 install --mode=update-lockfile &&
  rm -rf .yarn .yarnrc.yml .pnp.cjs)
for pair in 9.15.9:9 8.15.9:6 7.33.7:5; do
  pnpm=${pair%%:*} lockfile=${pair##*:}
  project ../pnpm-v$lockfile ../npm-v1 package-lock.json
  (cd ../pnpm-v$lockfile && quiet npx --yes pnpm@$pnpm import && rm package-lock.json)
done
cd ..

mkdir -p workspaces/base/packages/app
cd workspaces/base
cat >package.json <<'JSON'
{
  "name": "portcullis-npm-workspaces",
  "version": "1.0.0",
  "private": true,
  "workspaces": ["packages/*"],
  "dependencies": {
    "my-lodash": "npm:lodash@4.17.21",
    "resolve": "1.22.8"
  },
  "devDependencies": {
    "left-pad": "1.3.0"
  }
}
JSON
echo '{"name": "app", "version": "0.1.0", "dependencies": {"ms": "2.1.3"}}' >packages/app/package.json
cd ..
for tool in npm yarn-v1 yarn-berry pnpm-v9 pnpm-v6 pnpm-v5; do cp -r base "$tool"; done
rm -r base
printf 'packages:\n  - packages/*\n' | tee pnpm-v9/pnpm-workspace.yaml pnpm-v6/pnpm-workspace.yaml \
  >pnpm-v5/pnpm-workspace.yaml
(cd npm && quiet npm install --package-lock-only)
(cd yarn-v1 && quiet npx --yes yarn@1.22.22 install --non-interactive --ignore-scripts &&
  rm -r node_modules)
# An empty yarn.lock tells yarn 4 that this directory, not target/test-projects/npm above it, is
# the project.
(cd yarn-berry && touch yarn.lock && quiet npx --yes @yarnpkg/cli-dist@4.18.1 install --mode=update-lockfile &&
  rm -rf .yarn .yarnrc.yml .pnp.cjs)
(cd pnpm-v9 && quiet npx --yes pnpm@9.15.9 install --lockfile-only)
(cd pnpm-v6 && quiet npx --yes pnpm@8.15.9 install --lockfile-only)
(cd pnpm-v5 && quiet npx --yes pnpm@7.33.7 install --lockfile-only)
cd ..
echo "== built: $(ls | tr '\n' ' ')"
touch "$marker"
