package dev.portcullis.analyzer.golang;

import dev.portcullis.inventory.Package;
import java.util.ArrayList;
import java.util.List;

/**
 * A Go executable's build information: the Go version and the module lines ({@code path}, {@code
 * mod}, {@code dep}, {@code =>}, {@code build}) in the text form runtime/debug.ParseBuildInfo
 * reads.
 *
 * @param ldflags the {@code -ldflags} build setting, or empty
 */
record GoBuildInfo(String goVersion, String path, Module main, List<Module> deps, String ldflags) {

  /** A module, and what replaced it ({@code =>}), if anything. */
  record Module(String path, String version, Module replacement) {
    Module replacedBy(Module other) {
      return new Module(path, version, other);
    }

    /** What the build used: the replacement's path and version, as Go's tooling reports it. */
    Module effective() {
      return replacement == null ? this : replacement;
    }
  }

  private static final String DEVEL = "(devel)";

  /**
   * Parses the module text line by line; a line that is not of a known kind is passed over, as Go
   * passes over lines it does not know, and a malformed line of a known kind is passed over too, so
   * that one bad line costs that module only.
   */
  static GoBuildInfo parse(String goVersion, String modinfo) {
    String path = "";
    Module main = null;
    List<Module> deps = new ArrayList<>();
    String ldflags = "";
    // "=>" replaces the module on the line just before it, main or dependency, once.
    Module last = null;
    for (String line : modinfo.split("\n", -1)) {
      if (line.startsWith("path\t")) {
        path = line.substring(5);
        last = null;
      } else if (line.startsWith("mod\t")) {
        main = module(line.substring(4));
        last = main;
      } else if (line.startsWith("dep\t")) {
        last = module(line.substring(4));
        if (last != null) {
          deps.add(last);
        }
      } else if (line.startsWith("=>\t")) {
        Module replacement = module(line.substring(3));
        if (replacement != null && last != null) {
          if (last == main) {
            main = main.replacedBy(replacement);
          } else {
            deps.set(deps.size() - 1, last.replacedBy(replacement));
          }
        }
        last = null;
      } else if (line.startsWith("build\t")) {
        String value = BuildSetting.value(line.substring(6), "-ldflags");
        if (value != null) {
          ldflags = value;
        }
        last = null;
      }
    }
    return new GoBuildInfo(goVersion, path, main, List.copyOf(deps), ldflags);
  }

  /** "path\tversion" or "path\tversion\tsum"; null for anything else. */
  private static Module module(String rest) {
    String[] columns = rest.split("\t", -1);
    if (columns.length != 2 && columns.length != 3) {
      return null;
    }
    return new Module(columns[0], columns[1], null);
  }

  /**
   * The packages, as Trivy reports a Go binary: the standard library as {@code stdlib} at the Go
   * version ("go1.19.8" becomes "v1.19.8", a GOEXPERIMENT suffix dropped), every dependency under
   * its replacement's path and version, and the main module where its version is known. Module
   * versions keep their "v", as Go writes them.
   *
   * <p>Left out, where Trivy would list them without a version: a replacement by a local directory
   * (it has no module version; the code is part of the build, not a release anyone publishes
   * advisories for), and a main module built from a checkout, "(devel)", whose version no {@code -X
   * …version=} linker flag names. A package without a version cannot be matched against advisories
   * and would only show as "not comparable" with each of them.
   */
  List<Package> packages(String foundIn) {
    List<Package> packages = new ArrayList<>();
    String stdlib = stdlibVersion(goVersion);
    if (stdlib != null) {
      packages.add(Package.library("golang", "stdlib", stdlib, foundIn));
    }
    if (main != null && !main.path().isEmpty()) {
      // Trivy names the main module by its own line, not by a replacement of it.
      String version = main.version().equals(DEVEL) ? "" : main.version();
      String stamped = LdFlags.version(main.path(), ldflags);
      if (version.isEmpty() || (version.startsWith("v0.0.0") && !stamped.isEmpty())) {
        version = stamped;
      }
      if (!version.isEmpty()) {
        packages.add(Package.library("golang", main.path(), version, foundIn));
      }
    }
    for (Module dep : deps) {
      Module effective = dep.effective();
      if (dep.path().isEmpty()
          || effective.path().isEmpty()
          || effective.version().isEmpty()
          || effective.version().equals(DEVEL)) {
        continue;
      }
      packages.add(Package.library("golang", effective.path(), effective.version(), foundIn));
    }
    return packages;
  }

  /** "go1.22.3 X:boringcrypto" is v1.22.3; a "devel" toolchain has no release version. */
  static String stdlibVersion(String goVersion) {
    if (!goVersion.startsWith("go")) {
      return null;
    }
    String version = goVersion.substring(2);
    int space = version.indexOf(' ');
    if (space >= 0) {
      version = version.substring(0, space);
    }
    return version.isEmpty() || !Character.isDigit(version.charAt(0)) ? null : "v" + version;
  }
}
