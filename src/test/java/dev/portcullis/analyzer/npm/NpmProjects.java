package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The npm projects of scripts/build-npm-fixtures.sh: one package.json installed by real npm and
 * locked by npm, yarn and pnpm, built once per run (and kept) under target/test-projects/npm.
 */
final class NpmProjects {

  /** The lockfile projects, by directory, and the file each holds. */
  static final String[] LOCKFILES = {
    "npm-v1/package-lock.json",
    "npm-v2/package-lock.json",
    "npm-v3/package-lock.json",
    "shrinkwrap/npm-shrinkwrap.json",
    "yarn-v1/yarn.lock",
    "yarn-berry/yarn.lock",
    "pnpm-v5/pnpm-lock.yaml",
    "pnpm-v6/pnpm-lock.yaml",
    "pnpm-v9/pnpm-lock.yaml"
  };

  /**
   * The project with a workspace, an alias and a package yarn patches, locked by each tool on its
   * own.
   */
  static final String[] WORKSPACE_LOCKFILES = {
    "workspaces/npm/package-lock.json",
    "workspaces/yarn-v1/yarn.lock",
    "workspaces/yarn-berry/yarn.lock",
    "workspaces/pnpm-v5/pnpm-lock.yaml",
    "workspaces/pnpm-v6/pnpm-lock.yaml",
    "workspaces/pnpm-v9/pnpm-lock.yaml"
  };

  private static Path built;

  private NpmProjects() {}

  static synchronized Path directory() {
    if (built == null) {
      Path out = Path.of(System.getProperty("portcullis.npmProjects", "target/test-projects/npm"));
      if (!Files.exists(out.resolve(".complete-3"))) {
        Scripts.run("build-npm-fixtures.sh", out);
      }
      built = out;
    }
    return built;
  }

  /** Every "name@version" npm ls lists: all that node_modules holds. */
  static Set<String> installed() throws IOException {
    return npmLs("npm-ls.json");
  }

  /** Every "name@version" npm ls lists without development dependencies. */
  static Set<String> production() throws IOException {
    return npmLs("npm-ls-prod.json");
  }

  private static Set<String> npmLs(String file) throws IOException {
    JsonNode tree = new ObjectMapper().readTree(directory().resolve(file).toFile());
    Set<String> packages = new TreeSet<>();
    collect(tree, packages);
    return packages;
  }

  private static void collect(JsonNode node, Set<String> packages) {
    node.path("dependencies")
        .properties()
        .forEach(
            dependency -> {
              packages.add(
                  dependency.getKey() + "@" + dependency.getValue().path("version").asText());
              collect(dependency.getValue(), packages);
            });
  }
}
