#!/usr/bin/env bash
# Builds the application-heavy benchmark image of issue 24 as a docker-archive, once (kept while
# this script's marker number is unchanged):
#   bench/images/app-heavy.sh [OUT.tar]     (default target/bench-images/app-heavy.tar)
#
#   layer 1  mmdebstrap minbase bookworm with python3 and Debian's Python libraries (requests, yaml,
#            jinja2, cryptography, numpy, django) and Go-built programs (restic, hugo)
#   layer 2  /srv/web: a package.json of ten real npm packages (express, react, webpack, eslint,
#            typescript, ...) and the node_modules npm installs for it, resolved as the registry
#            stood on 2024-07-01 (`npm install --before`), so that a rebuild gets the same tree
#   layer 3  /opt/app: the Spring Boot fat jar (BOOT-INF/lib) and the shaded jar of
#            scripts/build-java-apps.sh, and shop.ear: a war (WEB-INF/lib) inside an ear (lib/),
#            packed here from the Maven Central jars listed in bench/images/app-heavy/pom.xml
# Beside OUT.tar: OUT.packages (what dpkg says is installed) and OUT.npm-ls.json (`npm ls --all`).
# Needs root (installs mmdebstrap, umoci, skopeo where missing), npm (and its registry), Maven's local repository or Maven
# Central, python3. Debian packages come from the host's apt sources; SOURCE_DATE_EPOCH fixes times.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/target/bench-images/app-heavy.tar}
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
marker="$out.complete-1"
[ -f "$marker" ] && [ -f "$out" ] && exit 0
export SOURCE_DATE_EPOCH=1719792000 # 2024-07-01
# mmdebstrap, umoci and skopeo, where this machine has none yet.
bash "$here/scripts/install-packages.sh"
work=$(mktemp -d "$(dirname "$out")/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
sources=$(bash "$here/scripts/apt-sources.sh")

# A layer tarball whose bytes depend only on the files: sorted names, fixed times and owners.
layer_tar() { tar -C "$1" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -cf "$2" .; }
# A zip (jar, war, ear) of a directory, entries sorted and dated 1980-01-01, stored as jar does (deflated).
zip_dir() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            info = zipfile.ZipInfo(os.path.relpath(path, src), (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
PY
}

echo "== layer 1: Debian 12 with Python libraries and Go programs (mmdebstrap)" >&2
mmdebstrap --quiet --variant=minbase \
  --include=python3,python3-requests,python3-yaml,python3-jinja2,python3-cryptography,python3-numpy,python3-django,restic,hugo \
  bookworm "$work/rootfs.tar" "$sources"
oci="$work/oci"
umoci init --layout "$oci"
umoci new --image "$oci:app-heavy"
umoci unpack --image "$oci:app-heavy" "$work/bundle"
tar -xf "$work/rootfs.tar" -C "$work/bundle/rootfs"
dpkg-query --admindir="$work/bundle/rootfs/var/lib/dpkg" -W -f='${db:Status-Status} ${Package} ${Version}\n' \
  | awk '$1 == "installed" {print $2, $3}' | sort > "${out%.tar}.packages"
umoci repack --image "$oci:app-heavy" --history.created_by "mmdebstrap --include=python3,python3-requests,...,restic,hugo bookworm" "$work/bundle"

echo "== layer 2: node_modules of ten npm packages" >&2
web="$work/web/srv/web"
mkdir -p "$web"
cat > "$web/package.json" <<'JSON'
{
  "name": "app-heavy-web",
  "version": "1.0.0",
  "private": true,
  "dependencies": {
    "@babel/core": "7.24.7",
    "axios": "1.7.2",
    "eslint": "8.57.0",
    "express": "4.19.2",
    "lodash": "4.17.21",
    "moment": "2.30.1",
    "react": "18.3.1",
    "react-dom": "18.3.1",
    "typescript": "5.4.5",
    "webpack": "5.91.0"
  }
}
JSON
(cd "$web" && npm install --before=2024-07-01 --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
(cd "$web" && npm ls --all --json > "${out%.tar}.npm-ls.json" || true)
layer_tar "$work/web" "$work/web.tar"
umoci raw add-layer --image "$oci:app-heavy" --history.created_by "COPY web/ /srv/web/ (npm install)" "$work/web.tar"

echo "== layer 3: Java applications" >&2
bash "$here/scripts/build-java-apps.sh" "$here/target/java-apps"
(cd "$here" && ./mvnw -B -q -f bench/images/app-heavy/pom.xml dependency:copy-dependencies \
  -DoutputDirectory="$work/libs" -DincludeScope=runtime)
app="$work/java/opt/app"
mkdir -p "$app" "$work/war/WEB-INF/lib" "$work/war/META-INF/maven/dev.portcullis.bench/shop-web" \
  "$work/ear/lib" "$work/ear/META-INF/maven/dev.portcullis.bench/shop"
cp "$here/target/java-apps/spring-boot-app.jar" "$app/app.jar"
cp "$here/target/java-apps/shaded-tool.jar" "$app/shaded-tool.jar"
for jar in "$work"/libs/*.jar; do
  case $(basename "$jar") in
    log4j-*|commons-io-*) cp "$jar" "$work/ear/lib/" ;;
    *) cp "$jar" "$work/war/WEB-INF/lib/" ;;
  esac
done
cat > "$work/war/WEB-INF/web.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"><display-name>shop-web</display-name></web-app>
XML
printf 'groupId=dev.portcullis.bench\nartifactId=shop-web\nversion=1.4.0\n' \
  > "$work/war/META-INF/maven/dev.portcullis.bench/shop-web/pom.properties"
zip_dir "$work/war" "$work/ear/shop-web.war"
cat > "$work/ear/META-INF/application.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
  <display-name>shop</display-name>
  <module><web><web-uri>shop-web.war</web-uri><context-root>/shop</context-root></web></module>
  <library-directory>lib</library-directory>
</application>
XML
printf 'groupId=dev.portcullis.bench\nartifactId=shop\nversion=1.4.0\n' \
  > "$work/ear/META-INF/maven/dev.portcullis.bench/shop/pom.properties"
zip_dir "$work/ear" "$app/shop.ear"
layer_tar "$work/java" "$work/java.tar"
umoci raw add-layer --image "$oci:app-heavy" --history.created_by "COPY app/ /opt/app/" "$work/java.tar"
umoci config --image "$oci:app-heavy" --config.cmd /bin/bash \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

rm -f "$out"
skopeo --insecure-policy copy -q "oci:$oci:app-heavy" "docker-archive:$out:portcullis-bench/app-heavy:1"
touch "$marker"
echo "== $out ($(du -m "$out" | cut -f1) MiB)" >&2
