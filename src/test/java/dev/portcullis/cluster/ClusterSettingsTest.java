package dev.portcullis.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  @Test
  void emptyNamespaceListReadsAllNamespaces() {
    assertThat(ClusterSettings.inCluster("prod", List.of()).allNamespaces()).isTrue();
    assertThat(ClusterSettings.inCluster("prod", null).allNamespaces()).isTrue();
  }

  @Test
  void repeatedNamespacesAreReadOnce() {
    assertThat(ClusterSettings.inCluster("prod", List.of("a", "b", "a")).namespaces())
        .containsExactly("a", "b");
  }

  @Test
  void namespaceThatIsNoDnsLabelIsRefused() {
    assertThatThrownBy(() -> ClusterSettings.inCluster("prod", List.of("Shop")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cluster 'prod': 'Shop' is not a namespace name");
    assertThatThrownBy(() -> ClusterSettings.inCluster("prod", List.of("../etc")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clusterNameIsRequiredAndPlain() {
    assertThatThrownBy(() -> ClusterSettings.inCluster("", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster name '' is not valid");
    assertThatThrownBy(() -> ClusterSettings.inCluster("a b", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contextWithoutKubeconfigIsRefused() {
    assertThatThrownBy(() -> new ClusterSettings("prod", null, "admin@prod", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster 'prod': a context needs a kubeconfig; set the kubeconfig path too");
  }

  @Test
  void kubeconfigWithoutContextUsesTheCurrentOne() {
    ClusterSettings settings = new ClusterSettings("prod", Path.of("kubeconfig"), null, null);

    assertThat(settings.context()).isNull();
    assertThat(settings.namespaces()).isEmpty();
  }
}
