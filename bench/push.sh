#!/usr/bin/env bash
# Scan on push: the time from a registry's push notification to the findings being stored, for an
# image that shares every layer but one 10 MB layer with an image the server has already scanned.
# The real registry (Debian's docker-registry) and `portcullis serve` on loopback; the image is the
# Debian test image of scripts/build-test-images.sh plus one layer of 10 MB of random bytes (a new
# layer each run, so nothing of it is cached). The script sends the notification itself, as the
# registry would, so that the clock starts when the server is told.
#   bench/push.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
runs=${1:-5}
images=${PORTCULLIS_TEST_IMAGES:-target/test-images}
[ -f "$images/.complete-3" ] || scripts/build-test-images.sh "$images"
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
jar=$here/target/portcullis.jar
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One open advisory for the image's less, so that every scan stores a finding.
mkdir -p "$work/records"
cat > "$work/records/DEBIAN-CVE-2099-7001.json" <<'JSON'
{"id": "DEBIAN-CVE-2099-7001", "modified": "2026-01-01T00:00:00Z",
 "summary": "written by the Portcullis push benchmark, not a real advisory",
 "affected": [{"package": {"ecosystem": "Debian:12", "name": "less"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}
JSON
java -jar "$jar" db import "$work/records" --db "$work/v.sqlite" > /dev/null

echo "== images: the Debian test image, and $runs children with one new 10 MB layer each"
cp -r "$images/oci" "$work/oci"
for i in $(seq 1 "$runs"); do
  mkdir -p "$work/layer$i/opt/bench"
  head -c $((10 * 1024 * 1024)) /dev/urandom > "$work/layer$i/opt/bench/blob.bin"
  tar -C "$work/layer$i" -cf "$work/layer$i.tar" opt
  umoci raw add-layer --image "$work/oci:debian" --tag "next$i" "$work/layer$i.tar"
done

registry_port=$(free_port)
mkdir -p "$work/registry"
cat > "$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry/data
http:
  addr: 127.0.0.1:$registry_port
YAML
docker-registry serve "$work/registry/config.yml" > "$work/registry.log" 2>&1 &
pids+=($!)

server_port=$(free_port)
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
PORTCULLIS_WEBHOOK_SECRET=$secret java -jar "$jar" serve --data-dir "$work/data" \
  --listen "127.0.0.1:$server_port" --db "$work/v.sqlite" \
  --insecure-registry "127.0.0.1:$registry_port" > "$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$server_port/health" > /dev/null && break
  sleep 0.2
done
token=$(java -jar "$jar" serve token create --data-dir "$work/data" --name bench --scope read)

push() { # TAG REPOSITORY → prints the manifest digest
  skopeo --insecure-policy copy -q --dest-tls-verify=false --digestfile "$work/digest" \
    "oci:$work/oci:$1" "docker://127.0.0.1:$registry_port/$2:1"
  cat "$work/digest"
}

# Notifies the server of a push as docker-registry does, and waits for the repository's findings.
notify_and_wait() { # REPOSITORY DIGEST → prints milliseconds
  python3 - "$server_port" "$registry_port" "$secret" "$token" "$1" "$2" <<'PY'
import http.client, json, sys, time
server, registry, secret, token, repository, digest = sys.argv[1:]
envelope = json.dumps({"events": [{"action": "push", "target": {
    "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest,
    "repository": repository, "tag": "1",
    "url": f"http://127.0.0.1:{registry}/v2/{repository}/manifests/{digest}"}}]})
connection = http.client.HTTPConnection("127.0.0.1", int(server))
start = time.perf_counter()
connection.request("POST", "/api/v1/hooks/distribution", envelope,
                   {"X-Portcullis-Webhook-Secret": secret,
                    "Content-Type": "application/vnd.docker.distribution.events.v1+json"})
answer = connection.getresponse()
answer.read()
assert answer.status == 202, answer.status
path = f"/api/v1/findings?repository=127.0.0.1:{registry}/{repository}"
while time.perf_counter() - start < 60:
    connection.request("GET", path, headers={"Authorization": "Bearer " + token})
    body = json.loads(connection.getresponse().read())
    if body["findings"]:
        print(round((time.perf_counter() - start) * 1000))
        break
    time.sleep(0.005)
else:
    sys.exit("no findings within 60 s")
PY
}

echo "== the image already seen: bench/base"
digest=$(push debian bench/base)
echo "first scan of the base image (cold layer cache): $(notify_and_wait bench/base "$digest") ms"

echo "== $runs pushes of a child image (one new 10 MB layer), each to its own repository"
results=()
for i in $(seq 1 "$runs"); do
  digest=$(push "next$i" "bench/app$i")
  ms=$(notify_and_wait "bench/app$i" "$digest")
  results+=("$ms")
  echo "run $i: $ms ms from notification to findings stored"
done
printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms, max: " a[NR] " ms"}'

echo "== the floor: a digest already scanned, notified for another repository (re-matched, no pull)"
for i in $(seq 1 "$runs"); do
  digest=$(push "next$i" "bench/again$i")
  echo "run $i: $(notify_and_wait "bench/again$i" "$digest") ms"
done
grep -c ": pulled" "$work/server.log" | sed 's/^/images pulled (server log): /'
grep -c ": re-matched" "$work/server.log" | sed 's/^/images re-matched (server log): /'
