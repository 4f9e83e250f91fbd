package dev.portcullis.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats an inventory can be written in. */
public enum ReportFormat {
  TABLE("table"),
  JSON("json"),
  CYCLONEDX("cyclonedx"),
  SPDX_JSON("spdx-json"),
  SARIF("sarif"),
  MARKDOWN("markdown");

  private final String cliName;

  ReportFormat(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  /**
   * Parses a name as the CLI spells it; throws {@link IllegalArgumentException} listing the valid
   * ones.
   */
  public static ReportFormat parse(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.cliName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown format '"
                        + name
                        + "'; use one of "
                        + Arrays.stream(values())
                            .map(ReportFormat::cliName)
                            .collect(Collectors.joining(", "))));
  }
}
