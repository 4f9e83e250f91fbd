package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.InputException;
import dev.portcullis.policy.BaseImagePolicy.Tier;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 000's base-image tiers as the shipped policy states them, and how the file is read. */
class DockerfileBaseImageTiersTest {

  @TempDir Path dir;

  private static Tier tier(BaseImagePolicy tiers, String image) {
    return tiers.classify(ImageReference.parse(image)).tier();
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("portcullis.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "alpine:3.20, PREFERRED",
    "docker.io/library/alpine:3.19, PREFERRED",
    "index.docker.io/library/alpine:3.19, PREFERRED",
    "scratch, PREFERRED",
    "gcr.io/distroless/static-debian12:nonroot, PREFERRED",
    "gcr.io/distroless/nodejs20-debian12, PREFERRED",
    "debian:bookworm-slim, ALLOWED",
    "debian:12.5-slim, ALLOWED",
    "ubuntu:24.04, ALLOWED",
    "ubuntu:jammy-20240125, ALLOWED",
    "ubuntu:latest, ALLOWED",
    "ubuntu, ALLOWED",
    "node:20-alpine, RESTRICTED",
    "python:3.12-slim, RESTRICTED",
    "mcr.microsoft.com/dotnet/aspnet:8.0, RESTRICTED",
    "debian:12, FORBIDDEN",
    "ubuntu:23.10, FORBIDDEN",
    "ubuntu:20.04, FORBIDDEN",
    "bitnami/node:20, FORBIDDEN",
    "ghcr.io/someone/alpine:3.20, FORBIDDEN",
    "gcr.io/distroless-fake/static, FORBIDDEN",
    "centos:7, FORBIDDEN"
  })
  void defaultPolicyPlacesImagesAsSeed000Says(String image, Tier expected) throws IOException {
    BaseImagePolicy tiers = new PolicyLoader().loadDefault().baseImages();

    assertThat(tier(tiers, image)).isEqualTo(expected);
  }

  @Test
  void unlistedImagesAreForbiddenWithTheForbiddenTiersReason() throws IOException {
    BaseImagePolicy.Classification verdict =
        new PolicyLoader()
            .loadDefault()
            .baseImages()
            .classify(ImageReference.parse("someone/tool:1"));

    assertThat(verdict.pattern()).isNull();
    assertThat(verdict.reason()).contains("cannot be verified");
  }

  @Test
  void aMirrorIsTrustedOnlyWhereTheTierListsIt() throws IOException {
    BaseImagePolicy tiers =
        new PolicyLoader()
            .load(
                write(
                    """
                    base-images:
                      preferred:
                        images: [alpine]
                        registries: [docker.io, registry.example.com/hub]
                        reason: small
                      restricted:
                        images: [node]
                        reason: official only
                    """))
            .baseImages();

    assertThat(tier(tiers, "registry.example.com/hub/alpine:3.20")).isEqualTo(Tier.PREFERRED);
    assertThat(tier(tiers, "registry.example.com/hub/library/alpine:3.20"))
        .isEqualTo(Tier.PREFERRED);
    assertThat(tier(tiers, "registry.example.com/hub/node:20")).isEqualTo(Tier.FORBIDDEN);
    assertThat(tier(tiers, "registry.example.com/other/alpine:3.20")).isEqualTo(Tier.FORBIDDEN);
  }

  @Test
  void theForbiddenTiersOwnImagesWinOverTheOtherTiers() throws IOException {
    BaseImagePolicy tiers =
        new PolicyLoader()
            .load(
                write(
                    """
                    base-images:
                      restricted:
                        images: [node]
                        reason: official only
                      forbidden:
                        images: ["node:*-onbuild", "**:latest"]
                        reason: onbuild images run the caller's build
                    """))
            .baseImages();

    assertThat(tier(tiers, "node:20")).isEqualTo(Tier.RESTRICTED);
    assertThat(tier(tiers, "node:8-onbuild")).isEqualTo(Tier.FORBIDDEN);
    assertThat(tier(tiers, "node")).isEqualTo(Tier.FORBIDDEN);
  }

  @Test
  void aMisspelledTierIsAnUnknownKeyWithItsLine() throws IOException {
    Path file =
        write("base-images:\n  preferred:\n    images: [alpine]\n    reason: r\n  prefered: {}\n");

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:5:3: unknown key 'prefered'");
  }

  @Test
  void aBadImagePatternIsNamedWithItsLine() throws IOException {
    Path file =
        write(
            "base-images:\n  allowed:\n    images:\n      - debian\n      - 'Debian:*'\n    reason: r\n");

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:5:")
        .hasMessageContaining("image pattern 'Debian:*'");
  }

  @Test
  void aTierWithoutAReasonIsAnError() throws IOException {
    Path file = write("base-images:\n  allowed:\n    images: [debian]\n");

    assertThatThrownBy(() -> new PolicyLoader().load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:")
        .hasMessageContaining("reason");
  }

  @Test
  void ruleSettingsAreSeveritiesOrOff() throws IOException {
    Policy policy =
        new PolicyLoader()
            .load(write("dockerfile:\n  rules:\n    PC-DF-003: high\n    DL3008: off\n"));

    assertThat(policy.dockerfile().rules().get("PC-DF-003").severity())
        .isEqualTo(dev.portcullis.vulndb.Severity.HIGH);
    assertThat(policy.dockerfile().rules().get("DL3008").off()).isTrue();
    Path bad = write("dockerfile:\n  rules:\n    PC-DF-003: warning\n");
    assertThatThrownBy(() -> new PolicyLoader().load(bad))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("portcullis.yaml:3:")
        .hasMessageContaining("'warning' is not a rule setting");
  }

  @Test
  void theShippedDefaultIsValidAndStatesWhatItAccepts() throws IOException {
    Policy policy = new PolicyLoader().load(write(PolicyLoader.defaultText()));

    assertThat(policy.gate().exitCode()).isEqualTo(1);
    assertThat(policy.exceptions()).isEmpty();
    assertThat(policy.dockerfile().rules()).containsKeys("PC-DF-003", "PC-DF-110", "PC-DF-109");
    assertThat(
            policy
                .dockerfile()
                .versionInRepository(ImageReference.parse("gcr.io/distroless/nodejs20-debian12")))
        .isTrue();
  }
}
