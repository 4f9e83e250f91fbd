package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** The findings for one manifest written in a test, as the linter finds them in a file it read. */
final class LintedText {

  private LintedText() {}

  static List<KubernetesFinding> findings(String yaml, KubernetesLintOptions options) {
    ManifestFile file = new ManifestReader().readText(yaml, "m.yaml");
    assertThat(file.problems()).isEmpty();
    List<Resource> resources = new ArrayList<>();
    for (ManifestDocument document : file.documents()) {
      resources.addAll(Resources.of(document, new ArrayList<>()));
    }
    return new KubernetesLinter(options).check(1, resources, List.of(), List.of()).findings();
  }
}
