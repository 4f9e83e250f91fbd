package dev.portcullis.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The package manager an application layer's instruction ran, as builders record it. */
class InstalledByTest {

  @Test
  void namesThePackageManagerOfTheInstructionHoweverTheBuilderRecordedIt() {
    assertThat(
            InstalledBy.manager(
                "RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit"))
        .isEqualTo("apt-get install");
    assertThat(
            InstalledBy.manager("/bin/sh -c apt-get -q -y --no-install-recommends install tzdata"))
        .isEqualTo("apt-get install");
    assertThat(InstalledBy.manager("RUN |1 V=2 /bin/sh -c apk add --no-cache openssl # buildkit"))
        .isEqualTo("apk add");
    assertThat(InstalledBy.manager("RUN microdnf install -y java-17")).isEqualTo("dnf install");
    assertThat(InstalledBy.manager("RUN /bin/sh -c pip install -r requirements.txt"))
        .isEqualTo("pip install");
    assertThat(InstalledBy.manager("RUN /bin/sh -c npm ci --omit=dev")).isEqualTo("npm");
    assertThat(InstalledBy.manager("COPY target/app.war /srv/ # buildkit")).isEqualTo("COPY");
    assertThat(InstalledBy.manager("/bin/sh -c #(nop) ADD file:5d67 in / ")).isEqualTo("COPY");
    assertThat(InstalledBy.manager("RUN /bin/sh -c make")).isNull();
  }

  @Test
  void describesTheLayerAndTheFileOfANestedArchive() {
    Package jar =
        Package.library("maven", "org.example:lib", "1.0", "srv/app.war!/WEB-INF/lib/lib-1.0.jar")
            .withOrigin(new LayerInfo(2, "sha256:ab", null, "COPY app.war /srv/ # buildkit"), null);

    assertThat(InstalledBy.describe(jar))
        .isEqualTo(
            "COPY in layer 2 (COPY app.war /srv/ # buildkit), /srv/app.war!/WEB-INF/lib/lib-1.0.jar");
  }
}
