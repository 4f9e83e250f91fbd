package dev.portcullis.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --scanners}: which detectors a scan runs, named as Trivy names them. */
final class ScannerSelection {

  private static final List<String> KNOWN = List.of("vuln", "secret");

  @Option(
      names = "--scanners",
      split = ",",
      paramLabel = "SCANNER",
      defaultValue = "vuln,secret",
      description =
          "What to look for: vuln (known vulnerabilities in packages), secret (credentials in files"
              + " and the image config), comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> scanners;

  boolean vulnerabilities() {
    return selected("vuln");
  }

  boolean secrets() {
    return selected("secret");
  }

  private boolean selected(String scanner) {
    for (String given : scanners) {
      String name = given.strip().toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(name)) {
        throw new UsageException(
            "--scanners: unknown scanner '" + given + "'; use " + String.join(", ", KNOWN));
      }
    }
    return scanners.stream().anyMatch(s -> s.strip().equalsIgnoreCase(scanner));
  }
}
