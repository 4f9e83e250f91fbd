package dev.portcullis.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Ruby, PHP and .NET inputs of scripts/build-app-fixtures.sh (from Debian and npm
 * packages), fetched once and kept under target/app-fixtures.
 */
public final class AppFixtures {

  private AppFixtures() {}

  /**
   * A directory of the fixtures ("ruby", "php", "dotnet/rootfs"), fetching them first if needed.
   */
  public static synchronized Path directory(String name) {
    Path out = Path.of(System.getProperty("portcullis.appFixtures", "target/app-fixtures"));
    if (!Files.exists(out.resolve(".complete-2"))) {
      Scripts.run("build-app-fixtures.sh", out);
    }
    return out.resolve(name);
  }
}
