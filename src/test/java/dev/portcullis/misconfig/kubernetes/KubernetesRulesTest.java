package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule catalogue: unique ids, every PSA check reported by a rule, every rule documented. */
class KubernetesRulesTest {

  @Test
  void idsAreUniqueAndWellFormed() {
    Set<String> ids = new HashSet<>();
    for (KubernetesRule rule : KubernetesRules.ALL) {
      assertThat(rule.id()).matches("PC-K8S-\\d{3}");
      assertThat(ids.add(rule.id())).as(rule.id()).isTrue();
      assertThat(rule.fix()).isNotBlank();
    }
  }

  @Test
  void everyPsaCheckHasARule() {
    for (String check :
        Set.of(
            "allowPrivilegeEscalation",
            "appArmorProfile",
            "capabilities_baseline",
            "capabilities_restricted",
            "hostNamespaces",
            "hostPathVolumes",
            "hostPorts",
            "hostProbesAndHostLifecycle",
            "privileged",
            "procMount",
            "procMount_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seLinuxOptions",
            "seccompProfile_baseline",
            "seccompProfile_restricted",
            "sysctls",
            "windowsHostProcess")) {
      assertThat(KubernetesRules.forPsaCheck(check)).as(check).isNotNull();
    }
  }

  @Test
  void docsListEveryRuleWithItsSeverity() throws IOException {
    String docs = Files.readString(Path.of("docs/kubernetes-rules.md"));

    for (KubernetesRule rule : KubernetesRules.ALL) {
      assertThat(docs).contains("| " + rule.id() + " | " + rule.severity() + " |");
    }
  }
}
