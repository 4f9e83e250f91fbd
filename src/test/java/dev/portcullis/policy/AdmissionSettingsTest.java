package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.InputException;
import dev.portcullis.vulndb.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file's {@code admission:} section: defaults, namespace overrides, errors. */
class AdmissionSettingsTest {

  @TempDir Path directory;

  private AdmissionSettings load(String yaml) throws Exception {
    Path file = Files.writeString(directory.resolve("policy.yaml"), yaml);
    return new PolicyLoader().load(file).admissionSettings();
  }

  @Test
  void withoutTheSectionTheWebhookFailsClosedOnOpenCriticalFindings() throws Exception {
    AdmissionSettings settings = load("gate:\n  severity: [CRITICAL]\n");

    AdmissionSettings.Rules rules = settings.rulesFor("anywhere");
    assertThat(rules.podSecurity()).isEqualTo("baseline");
    assertThat(rules.failurePolicy()).isEqualTo(AdmissionSettings.FailurePolicy.FAIL);
    assertThat(rules.unknownImages()).isEqualTo(AdmissionSettings.UnknownImages.SCAN);
    assertThat(rules.denySeverities()).containsExactly(Severity.CRITICAL);
    assertThat(rules.baseImages()).isTrue();
    assertThat(rules.scanBudget()).isEqualTo(Duration.ofSeconds(6));
    assertThat(settings.answerBudget()).isEqualTo(Duration.ofSeconds(9));
    assertThat(settings.signatures()).isEmpty();
  }

  @Test
  void aNamespaceOverridesOnlyTheKeysItWrites() throws Exception {
    AdmissionSettings settings =
        load(
            """
            admission:
              pod-security: restricted
              deny-severities: [critical, high]
              timeout: 15s
              scan-budget: 10s
              signatures:
                - images: ["registry.example.com/team/**"]
                  keys: ["/etc/portcullis/keys/cosign.pub"]
              namespaces:
                dev:
                  failure-policy: Ignore
                  deny-severities: []
                  base-images: warn
            """);

    AdmissionSettings.Rules dev = settings.rulesFor("dev");
    assertThat(dev.failurePolicy()).isEqualTo(AdmissionSettings.FailurePolicy.IGNORE);
    assertThat(dev.denySeverities()).isEmpty();
    assertThat(dev.baseImages()).isFalse();
    assertThat(dev.podSecurity()).isEqualTo("restricted");
    assertThat(dev.scanBudget()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.rulesFor("prod").denySeverities())
        .isEqualTo(Set.of(Severity.CRITICAL, Severity.HIGH));
    assertThat(settings.rulesFor("prod").failurePolicy())
        .isEqualTo(AdmissionSettings.FailurePolicy.FAIL);
    assertThat(settings.answerBudget()).isEqualTo(Duration.ofSeconds(14));
    assertThat(settings.signatures().get(0).keys())
        .containsExactly(Path.of("/etc/portcullis/keys/cosign.pub"));
  }

  @Test
  void aWrongValueIsAnErrorThatNamesTheKey() {
    assertThatThrownBy(() -> load("admission:\n  unknown-images: maybe\n"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("admission unknown-images 'maybe': use scan, allow or deny");
    assertThatThrownBy(() -> load("admission:\n  pod-security: strict\n"))
        .hasMessageContaining("admission pod-security 'strict'");
    assertThatThrownBy(() -> load("admission:\n  deny-severities: [urgent]\n"))
        .hasMessageContaining("'urgent' is not a severity");
    assertThatThrownBy(() -> load("admission:\n  timeout: 60s\n"))
        .hasMessageContaining("the API server allows 1 to 30 s");
    assertThatThrownBy(() -> load("admission:\n  timeout: 5s\n  scan-budget: 6s\n"))
        .hasMessageContaining("must be shorter than the timeout");
    assertThatThrownBy(() -> load("admission:\n  signatures:\n    - images: [\"a/b\"]\n"))
        .hasMessageContaining("every rule names images and at least one key");
    assertThatThrownBy(() -> load("admission:\n  namespaces:\n    dev:\n      signatures: []\n"))
        .hasMessageContaining("signatures and namespaces are top-level");
  }
}
