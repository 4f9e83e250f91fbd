package dev.portcullis.report;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * Who wrote a report and when.
 *
 * @param created the report's timestamp; fixed in tests so that output is reproducible
 */
public record ToolInfo(String name, String version, Instant created) {

  /** This build of Portcullis, now. */
  public static ToolInfo current() {
    return new ToolInfo(
        "portcullis", buildVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The version Maven stamped into the jar, or "dev" when run from classes. */
  public static String buildVersion() {
    try (InputStream in = ToolInfo.class.getResourceAsStream("/portcullis-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
