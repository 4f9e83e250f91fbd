package dev.portcullis.notify;

import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Findings for the tests: a vulnerable openssl in a Debian image. */
final class TestFindings {

  static final Instant FIRST_SEEN = Instant.parse("2026-12-01T08:00:00Z");
  static final String DIGEST =
      "sha256:4f2c1d8e9a0b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";

  private TestFindings() {}

  static NotifiedFinding critical(String id) {
    return finding(id, Severity.CRITICAL);
  }

  static NotifiedFinding finding(String id, Severity severity) {
    return new NotifiedFinding(
        id,
        List.of("GHSA-xxxx-yyyy-zzzz"),
        severity,
        "openssl",
        "3.0.11-1~deb12u1",
        "Debian:12",
        "3.0.13-1~deb12u1",
        "registry.example/shop/web",
        DIGEST,
        FIRST_SEEN,
        FIRST_SEEN.plus(Duration.ofHours(48)));
  }
}
