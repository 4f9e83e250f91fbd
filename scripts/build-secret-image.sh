#!/usr/bin/env bash
# Builds a real image with planted secrets, once, into OUT (default target/secret-image):
#   OUT/oci (tag secrets), OUT/secrets.tar (docker-archive portcullis-test/secrets:1) and
#   OUT/expected-secrets.tsv: "rule-id TAB target TAB state" per planted secret, the oracle the
#   secret-scanning tests compare with. target is an absolute file path or config:Env,
#   config:Labels, config:Cmd, config:Entrypoint, history:N (0-based index into the config's
#   history); state is live, deleted (whited out by a later layer) or overwritten.
#
#   scripts/build-secret-image.sh [OUT] [TEST_IMAGES_DIR]
#
# Starts from the Debian image of scripts/build-test-images.sh (TEST_IMAGES_DIR, default
# target/test-images, built first if needed) and adds three layers with umoci:
#   1  every live file: cloud credentials, tokens, five kinds of real private key
#   2  /app/deploy/id_rsa_deploy (an RSA key) and /app/config/settings.yaml (a GitHub token)
#   3  deletes the key (a whiteout) and overwrites settings.yaml with content free of secrets
# then puts secrets in the config: Env, a Label, Cmd and a build ARG recorded in history.
#
# Every secret is fake but has the real format, generated afresh on each build; private keys are
# real keys made by openssl, ssh-keygen and gpg. No file sits under a path scanners skip by default
# (usr/share, usr/lib, test, example, vendor, node_modules, ...), and no value contains a word that
# marks a placeholder ("example", "test", "dummy", ...).
# Needs root and umoci, skopeo, openssl, ssh-keygen (openssh-client), gpg, jq.
set -euo pipefail

OUT=${1:-target/secret-image}
TEST_IMAGES=${2:-target/test-images}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# Bumped whenever what is planted changes, so that older builds are redone.
marker="$OUT/.complete-2"
[ -f "$marker" ] && exit 0
for tool in umoci skopeo openssl ssh-keygen gpg gpgconf jq; do
  command -v "$tool" >/dev/null || { echo "build-secret-image.sh needs $tool" >&2; exit 1; }
done

[ -f "$TEST_IMAGES/.complete-3" ] || bash "$(dirname "$0")/build-test-images.sh" "$TEST_IMAGES"
TEST_IMAGES=$(cd "$TEST_IMAGES" && pwd)

work=$(mktemp -d "$OUT/work.XXXXXX")
# gpg-agent's socket path must stay short, so its home is not under OUT.
export GNUPGHOME
GNUPGHOME=$(mktemp -d /tmp/gnupg.XXXXXX)
cleanup() {
  gpgconf --kill gpg-agent 2>/dev/null || true
  rm -rf "$work" "$GNUPGHOME"
}
trap cleanup EXIT
keys="$work/keys"
mkdir -p "$keys"

# True if a value is free of words and runs (six of one character) that make scanners take it for
# a placeholder.
clean() { ! grep -qiE 'test|example|dummy|sample|fake|xxxx|changeme|(.)\1{5}' <<<"$1"; }

# N random characters of a tr(1) set.
random() {
  local n=$1 set=$2 s=
  while :; do
    s=$(openssl rand 8192 | LC_ALL=C tr -dc "$set")
    s=${s:0:n}
    [ "${#s}" -eq "$n" ] && clean "$s" && break
  done
  printf '%s' "$s"
}
alnum() { random "$1" 'A-Za-z0-9'; }
# A GitHub or npm token's 36 characters: 30 random ones, then six base-62 digits of their CRC32
# (gzip's trailer holds it, little-endian), as GitHub issues them and scanners verify.
checksummed() {
  local digits=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz body crc sum
  while :; do
    body=$(alnum 30)
    crc=$(printf %s "$body" | gzip -c | tail -c 8 | head -c 4 | od -An -tu4 | tr -d ' \n')
    sum=
    for _ in 1 2 3 4 5 6; do sum=${digits:crc%62:1}$sum; crc=$((crc / 62)); done
    clean "$body$sum" && break
  done
  printf '%s%s' "$body" "$sum"
}
base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

echo "== secrets and keys"
aws_key_id=AKIA$(random 16 'A-Z2-7')
aws_secret=$(random 40 'A-Za-z0-9/+')
while :; do azure_key=$(openssl rand -base64 64 | tr -d '\n'); clean "$azure_key" && break; done
github_token=ghp_$(checksummed)
github_token_env=ghp_$(checksummed)
github_token_overwritten=ghp_$(checksummed)
github_pat=github_pat_$(alnum 22)_$(alnum 59)
gitlab_token=glpat-$(random 20 'A-Za-z0-9_-')
gitlab_token_label=glpat-$(random 20 'A-Za-z0-9_-')
slack_token=xoxb-$(random 12 0-9)-$(random 13 0-9)-$(alnum 24)
slack_webhook=https://hooks.slack.com/services/T$(random 8 A-Z0-9)/B$(random 10 A-Z0-9)/$(alnum 24)
stripe_key=sk_live_$(alnum 24)
twilio_key=SK$(random 32 0-9a-f)
sendgrid_key=SG.$(random 22 'A-Za-z0-9_-').$(random 43 'A-Za-z0-9_-')
npm_token=npm_$(checksummed)
npm_token_history=npm_$(checksummed)
pypi_token=pypi-AgEIcHlwaS5vcmc$(random 100 'A-Za-z0-9_-')
docker_auth=$(printf 'ci-bot:%s' "$(alnum 20)" | base64 -w0)
kube_token=$(alnum 48)
db_password=$(alnum 16)
db_password_cmd=$(alnum 16)
generic_password=$(random 16 'A-Za-z0-9#!%*')
generic_secret=$(alnum 20)
maven_password=$(alnum 20)
netrc_password=$(random 16 'A-Za-z0-9#!%*')
pgpass_password=$(alnum 18)
vault_token=hvs.$(random 92 'A-Za-z0-9_-')
huggingface_token=hf_$(random 34 'A-Za-z')
age_key=AGE-SECRET-KEY-1$(random 58 QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L)
google_api_key=AIza$(random 35 'A-Za-z0-9_-')
openai_key=sk-proj-$(random 58 'A-Za-z0-9_-')T3BlbkFJ$(random 58 'A-Za-z0-9_-')
shopify_token=shpat_$(random 32 0-9a-f)
heroku_key=$(cat /proc/sys/kernel/random/uuid)
heroku_key_v2=HRKU-AA$(random 58 'A-Za-z0-9_-')
datadog_api_key=$(random 32 0-9a-f)
datadog_app_key=$(random 40 0-9a-f)
jwt_key=$(alnum 32)
jwt_head=$(printf '{"alg":"HS256","typ":"JWT"}' | base64url)
jwt_body=$(printf '{"sub":"svc-billing","iss":"auth.corp.internal","iat":%s}' "$(date +%s)" | base64url)
jwt=$jwt_head.$jwt_body.$(printf '%s' "$jwt_head.$jwt_body" | openssl dgst -sha256 -hmac "$jwt_key" -binary | base64url)

openssl genrsa -traditional -out "$keys/rsa.pem" 2048 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$keys/ec.pem"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/pkcs8.pem" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/gcp.pem" 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -C root@build -f "$keys/id_ed25519"
ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C deploy@build -f "$keys/id_rsa_deploy"
openssl ecparam -name prime256v1 -genkey -noout -out "$keys/kube-client.pem"
openssl req -new -x509 -key "$keys/kube-client.pem" -subj /CN=deployer -days 365 -out "$keys/kube-client.crt" 2>/dev/null
gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
  --quick-gen-key 'Release Signing <release@corp.internal>' ed25519 sign never 2>/dev/null
gpg --batch --quiet --pinentry-mode loopback --passphrase '' --armor --export-secret-keys > "$keys/pgp.asc"
grep -q 'BEGIN RSA PRIVATE KEY' "$keys/rsa.pem" "$keys/id_rsa_deploy"
grep -q 'BEGIN EC PRIVATE KEY' "$keys/ec.pem"
grep -q 'BEGIN PRIVATE KEY' "$keys/pkcs8.pem"
grep -q 'BEGIN OPENSSH PRIVATE KEY' "$keys/id_ed25519"
grep -q 'BEGIN PGP PRIVATE KEY BLOCK' "$keys/pgp.asc"

# The oracle, kept in step with what is planted: each put/expect pair names the same path.
rows=()
checks=()
# expect RULE TARGET STATE VALUE: VALUE is a string that must be found where the secret is.
expect() {
  rows+=("$1"$'\t'"$2"$'\t'"$3")
  checks+=("$2"$'\t'"$3"$'\t'"$4")
}

echo "== base: $TEST_IMAGES/oci:debian"
oci="$work/oci"
cp -a "$TEST_IMAGES/oci" "$oci"
for tag in $(umoci ls --layout "$oci"); do
  [ "$tag" = debian ] || umoci rm --image "$oci:$tag"
done
umoci gc --layout "$oci"
bundle="$work/bundle"
umoci unpack --image "$oci:debian" "$bundle"
rootfs="$bundle/rootfs"
# put PATH [MODE]: writes stdin to PATH in the image's root filesystem.
put() {
  mkdir -p "$(dirname "$rootfs$1")"
  cat > "$rootfs$1"
  chmod "${2:-644}" "$rootfs$1"
}

echo "== layer 1: live files"
f=/root/.aws/credentials
put $f 600 <<EOF
[default]
aws_access_key_id = $aws_key_id
aws_secret_access_key = $aws_secret
region = eu-west-1
EOF
expect aws-access-key-id $f live "$aws_key_id"
expect aws-secret-access-key $f live "$aws_secret"

f=/root/.ssh/id_ed25519
put $f 600 < "$keys/id_ed25519"
put $f.pub < "$keys/id_ed25519.pub"
chmod 700 "$rootfs/root/.ssh"
expect private-key $f live 'BEGIN OPENSSH PRIVATE KEY'

f=/etc/myapp/tls/server.key
put $f 600 < "$keys/rsa.pem"
expect private-key $f live 'BEGIN RSA PRIVATE KEY'

f=/etc/myapp/tls/token-signing.key
put $f 600 < "$keys/ec.pem"
expect private-key $f live 'BEGIN EC PRIVATE KEY'

f=/srv/certs/api.key
put $f 600 < "$keys/pkcs8.pem"
expect private-key $f live 'BEGIN PRIVATE KEY'

f=/home/app/release-signing.asc
put $f 600 < "$keys/pgp.asc"
expect private-key $f live 'BEGIN PGP PRIVATE KEY BLOCK'

f=/etc/myapp/gcp-service-account.json
project=billing-prod-$(random 6 0-9)
jq -n --arg key "$(cat "$keys/gcp.pem")" --arg key_id "$(random 40 0-9a-f)" --arg project "$project" \
  --arg client_id "$(random 21 0-9)" '{
    type: "service_account",
    project_id: $project,
    private_key_id: $key_id,
    private_key: ($key + "\n"),
    client_email: ("uploader@" + $project + ".iam.gserviceaccount.com"),
    client_id: $client_id,
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: "https://oauth2.googleapis.com/token",
    auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
    client_x509_cert_url: ("https://www.googleapis.com/robot/v1/metadata/x509/uploader%40" + $project + ".iam.gserviceaccount.com"),
    universe_domain: "googleapis.com"
  }' | put $f 600
expect gcp-service-account $f live '"type": "service_account"'
expect private-key $f live 'BEGIN PRIVATE KEY'

f=/etc/myapp/storage.env
put $f <<EOF
AZURE_STORAGE_CONTAINER=invoices
AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=billingprod$(random 6 0-9);AccountKey=$azure_key;EndpointSuffix=core.windows.net
EOF
expect azure-storage-account-key $f live "$azure_key"

f=/home/app/.profile
put $f <<EOF
# ~/.profile: executed by the command interpreter for login shells.
export PATH="\$HOME/.local/bin:\$PATH"
export GITHUB_TOKEN=$github_token
EOF
expect github-token $f live "$github_token"

f=/srv/ci/runner.env
put $f <<EOF
RUNNER_NAME=build-02
RUNNER_LABELS=linux,x64
GH_RUNNER_PAT=$github_pat
EOF
expect github-fine-grained-pat $f live "$github_pat"

f=/etc/myapp/gitlab.yml
put $f <<EOF
gitlab:
  url: https://gitlab.corp.internal
  private_token: $gitlab_token
  project: platform/billing
EOF
expect gitlab-token $f live "$gitlab_token"

f=/etc/myapp/notify.yaml
put $f <<EOF
slack:
  channel: "#billing-alerts"
  bot_token: $slack_token
  webhook_url: $slack_webhook
EOF
expect slack-token $f live "$slack_token"
expect slack-webhook $f live "$slack_webhook"

f=/app/config/payments.properties
put $f <<EOF
payments.provider=stripe
payments.currency=EUR
stripe.api.key=$stripe_key
EOF
expect stripe-secret-key $f live "$stripe_key"

f=/app/config/sms.ini
put $f <<EOF
[twilio]
account_region = ie1
api_key_sid = $twilio_key
EOF
expect twilio-api-key $f live "$twilio_key"

f=/app/config/mail.json
put $f <<EOF
{
  "provider": "sendgrid",
  "from": "billing@corp.internal",
  "apiKey": "$sendgrid_key"
}
EOF
expect sendgrid-api-key $f live "$sendgrid_key"

f=/root/.npmrc
put $f 600 <<EOF
//registry.npmjs.org/:_authToken=$npm_token
always-auth=true
EOF
expect npm-token $f live "$npm_token"

f=/root/.pypirc
put $f 600 <<EOF
[distutils]
index-servers = pypi

[pypi]
username = __token__
password = $pypi_token
EOF
expect pypi-token $f live "$pypi_token"

f=/root/.docker/config.json
put $f 600 <<EOF
{
	"auths": {
		"registry.internal.corp:5000": {
			"auth": "$docker_auth"
		}
	}
}
EOF
expect docker-config-auth $f live "$docker_auth"

f=/root/.kube/config
client_key_data=$(base64 -w0 < "$keys/kube-client.pem")
put $f 600 <<EOF
apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: $(base64 -w0 < "$keys/kube-client.crt")
    server: https://k8s.corp.internal:6443
  name: prod
contexts:
- context:
    cluster: prod
    user: ci
  name: ci@prod
- context:
    cluster: prod
    user: deployer
  name: deployer@prod
current-context: ci@prod
users:
- name: ci
  user:
    token: $kube_token
- name: deployer
  user:
    client-certificate-data: $(base64 -w0 < "$keys/kube-client.crt")
    client-key-data: $client_key_data
EOF
expect kubeconfig-token $f live "$kube_token"
expect kubeconfig-client-key $f live "$client_key_data"

f=/app/config/auth.json
put $f <<EOF
{
  "issuer": "auth.corp.internal",
  "serviceBearer": "$jwt"
}
EOF
expect jwt $f live "$jwt"

f=/app/config/database.yml
put $f <<EOF
production:
  url: postgres://appuser:$db_password@db.internal:5432/app
  pool: 10
EOF
expect database-url-password $f live "postgres://appuser:$db_password@"

f=/app/.env
put $f <<EOF
APP_ENV=production
DB_USER=appuser
DB_PASSWORD=$generic_password
EOF
expect generic-password $f live "$generic_password"

f=/etc/myapp/oauth.yaml
put $f <<EOF
oauth:
  client_id: billing-web
  client_secret: "$generic_secret"
  redirect_uri: https://billing.corp.internal/callback
EOF
expect generic-secret $f live "$generic_secret"

f=/root/.m2/settings.xml
put $f 600 <<EOF
<settings>
  <servers>
    <server>
      <id>corp-releases</id>
      <username>deploy</username>
      <password>$maven_password</password>
    </server>
  </servers>
</settings>
EOF
expect xml-password $f live "$maven_password"

f=/home/app/.netrc
put $f 600 <<EOF
machine git.corp.internal login deploy password $netrc_password
EOF
expect netrc-password $f live "$netrc_password"

f=/home/app/.pgpass
put $f 600 <<EOF
db.internal:5432:billing:billing:$pgpass_password
EOF
expect pgpass-password $f live "$pgpass_password"

f=/etc/myapp/vault.env
put $f <<EOF
VAULT_ADDR=https://vault.corp.internal:8200
VAULT_TOKEN=$vault_token
EOF
expect vault-token $f live "$vault_token"

f=/home/app/.cache/huggingface/token
put $f 600 <<EOF
$huggingface_token
EOF
expect huggingface-token $f live "$huggingface_token"

f=/root/.config/sops/age/keys.txt
put $f 600 <<EOF
# created: 2024-05-02T10:11:12Z
# public key: age1$(random 58 qpzry9x8gf2tvdw0s3jn54khce6mua7l)
$age_key
EOF
expect age-secret-key $f live "$age_key"

f=/home/app/deploy.ppk
put $f 600 <<EOF
PuTTY-User-Key-File-3: ssh-ed25519
Encryption: none
Comment: deploy@build
Public-Lines: 2
$(cut -d' ' -f2 "$keys/id_ed25519.pub" | fold -w 64)
Private-Lines: 1
$( (printf '\0\0\0\040'; openssl rand 32) | base64 -w 64)
Private-MAC: $(random 64 0-9a-f)
EOF
expect putty-private-key $f live 'Private-Lines: 1'

f=/app/static/maps.js
put $f <<EOF
const MAPS = { key: "$google_api_key", region: "eu" };
EOF
expect google-api-key $f live "$google_api_key"

f=/app/config/ai.env
put $f <<EOF
OPENAI_MODEL=gpt-4o
OPENAI_API_KEY=$openai_key
EOF
expect openai-api-key $f live "$openai_key"

f=/app/config/shop.yml
put $f <<EOF
shop: billing-store.myshopify.com
admin_token: $shopify_token
EOF
expect shopify-token $f live "$shopify_token"

f=/etc/myapp/heroku.env
put $f <<EOF
HEROKU_APP=billing-prod
HEROKU_API_KEY=$heroku_key
HEROKU_PLATFORM_KEY=$heroku_key_v2
EOF
expect heroku-api-key $f live "$heroku_key"
expect heroku-api-key-v2 $f live "$heroku_key_v2"

f=/etc/datadog-agent/datadog.env
put $f <<EOF
DD_SITE=datadoghq.eu
DD_API_KEY=$datadog_api_key
DD_APP_KEY=$datadog_app_key
EOF
expect datadog-api-key $f live "$datadog_api_key"
expect datadog-api-key $f live "$datadog_app_key"

# Decoys: lines that look like secrets and are not; the oracle expects nothing of them.
bad_checksum=ghp_$(checksummed)
bad_checksum=${bad_checksum%?}$(tr 0-9A-Za-z 1-9A-Za-z0 <<<"${bad_checksum: -1}")
f=/app/config/reference.conf
put $f <<EOF
# jwt.io's sample token and the test key of Stripe's API reference, as tutorials copy them
sample_jwt = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
stripe_docs_key = sk_test_4eC39HqLyjWDarjtT1zdp7dc
# a token whose checksum does not verify: never issued
legacy_github_token = $bad_checksum
# the digest of a secret, not the secret
api_secret_sha256 = $(openssl rand -hex 32)
# com.sun.management.jmxremote.password.toHashes = true|false
#password_encryption = scram-sha-256	# scram-sha-256 or md5
DB_PASSWORD=/run/secrets/db_password
EOF

chown -R 1000:1000 "$rootfs/home/app"
umoci repack --refresh-bundle --image "$oci:secrets" --history.created_by 'COPY rootfs/ /' "$bundle"

echo "== layer 2: a deploy key and a token, both gone from the final file system"
deploy_key=/app/deploy/id_rsa_deploy
put $deploy_key 600 < "$keys/id_rsa_deploy"
expect private-key $deploy_key deleted 'BEGIN RSA PRIVATE KEY'
settings=/app/config/settings.yaml
put $settings <<EOF
log_level: info
github_token: $github_token_overwritten
EOF
expect github-token $settings overwritten "$github_token_overwritten"
umoci repack --refresh-bundle --image "$oci:secrets" --history.created_by 'COPY deploy/ /app/' "$bundle"

echo "== layer 3: delete the key, overwrite the settings"
rm "$rootfs$deploy_key"
put $settings <<EOF
log_level: info
github_token_from_env: GITHUB_TOKEN
EOF
umoci repack --refresh-bundle --image "$oci:secrets" \
  --history.created_by "RUN /bin/sh -c rm $deploy_key && cp settings.yaml $settings" "$bundle"

# Config changes come after the last repack: repack starts from the manifest the bundle was
# unpacked or refreshed from, and would drop them.
echo "== config: a build ARG in history, Env, Labels, Cmd"
umoci config --image "$oci:secrets" --history.created_by "RUN |1 NPM_TOKEN=$npm_token_history /bin/sh -c npm ci"
db_url_cmd="postgres://billing:$db_password_cmd@db.internal:5432/app"
umoci config --image "$oci:secrets" --no-history \
  --config.env "GITHUB_TOKEN=$github_token_env" \
  --config.env "GOOGLE_APPLICATION_CREDENTIALS=/credentials/billing-uploader.json" \
  --config.label "deploy.token=$gitlab_token_label" \
  --config.label org.opencontainers.image.title=billing \
  --config.entrypoint /app/bin/server \
  --config.cmd "--db-url=$db_url_cmd" --config.cmd --port=8080 \
  --config.workingdir /app
umoci rm --image "$oci:debian"
umoci gc --layout "$oci"
expect github-token config:Env live "GITHUB_TOKEN=$github_token_env"
expect gitlab-token config:Labels live "$gitlab_token_label"
expect database-url-password config:Cmd live "$db_url_cmd"

blob() { printf '%s/blobs/%s/%s' "$oci" "${1%%:*}" "${1#*:}"; }
manifest=$(blob "$(jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "secrets") | .digest' "$oci/index.json")")
config=$(blob "$(jq -r .config.digest "$manifest")")
history_index=$(jq --arg v "$npm_token_history" '.history | map(.created_by | contains($v)) | index(true)' "$config")
expect npm-token "history:$history_index" live "$npm_token_history"

echo "== checking what was planted"
fail() { echo "check failed: $*" >&2; exit 1; }
mapfile -t layers < <(jq -r '.layers[].digest' "$manifest")
[ "${#layers[@]}" -eq 4 ] || fail "expected 4 layers, found ${#layers[@]}"
for i in 1 2 3; do
  echo "-- layer $i: $(jq -r --argjson i "$i" '[.history[] | select(.empty_layer != true)][$i].created_by' "$config")"
  tar -tvzf "$(blob "${layers[$i]}")"
done
echo "-- config"
jq '{config, history}' "$config"
for check in "${checks[@]}"; do
  IFS=$'\t' read -r target state value <<<"$check"
  case $target in
    config:Env) jq -e --arg v "$value" '.config.Env | index($v)' "$config" >/dev/null || fail "$target" ;;
    config:Labels) jq -e --arg v "$value" '.config.Labels | to_entries | map(.value) | index($v)' "$config" >/dev/null || fail "$target" ;;
    config:Cmd) jq -e --arg v "$value" '.config.Cmd | map(contains($v)) | index(true)' "$config" >/dev/null || fail "$target" ;;
    history:*) jq -e --arg v "$value" --argjson n "${target#history:}" '.history[$n].created_by | contains($v)' "$config" >/dev/null || fail "$target" ;;
    *)
      case $state in
        live) grep -qF -- "$value" "$rootfs$target" || fail "$value not in $target" ;;
        deleted) [ ! -e "$rootfs$target" ] || fail "$target still in the final file system" ;;
        overwritten) ! grep -qF -- "$value" "$rootfs$target" || fail "$target still holds its secret" ;;
      esac
      if [ "$state" != live ]; then
        tar -xzOf "$(blob "${layers[2]}")" "${target#/}" | grep -qF -- "$value" || fail "$target not shipped in layer 2"
      fi
      ;;
  esac
done
whiteout=${deploy_key#/}
whiteout=${whiteout%/*}/.wh.${whiteout##*/}
tar -tzf "$(blob "${layers[3]}")" | grep -qx "$whiteout" || fail "layer 3 has no whiteout for $deploy_key"
printf '%s\n' "${rows[@]}" > "$work/expected-secrets.tsv"

echo "== docker-archive"
skopeo --insecure-policy copy -q "oci:$oci:secrets" "docker-archive:$work/secrets.tar:portcullis-test/secrets:1"

rm -rf "$OUT/oci" "$OUT/secrets.tar" "$OUT/expected-secrets.tsv"
mv "$oci" "$work/secrets.tar" "$work/expected-secrets.tsv" "$OUT/"
touch "$marker"
echo "== $(wc -l < "$OUT/expected-secrets.tsv") planted secrets in $OUT"
