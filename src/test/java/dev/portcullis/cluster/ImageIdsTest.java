package dev.portcullis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.image.Digest;
import org.junit.jupiter.api.Test;

/** Each runtime's form of a container status's imageID, and what it says about the digest. */
class ImageIdsTest {

  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final Digest DIGEST = new Digest("sha256", HEX);

  @Test
  void dockerPullableHoldsTheRepositoryDigest() {
    assertThat(ImageIds.repositoryDigest("docker-pullable://nginx@sha256:" + HEX))
        .isEqualTo(DIGEST);
  }

  @Test
  void containerdAndCriOReferenceHoldsTheRepositoryDigest() {
    assertThat(ImageIds.repositoryDigest("docker.io/library/nginx@sha256:" + HEX))
        .isEqualTo(DIGEST);
    assertThat(ImageIds.repositoryDigest("localhost:5000/team/app@sha256:" + HEX))
        .isEqualTo(DIGEST);
  }

  @Test
  void dockerImageIdIsTheConfigDigestSoUnknown() {
    assertThat(ImageIds.repositoryDigest("docker://sha256:" + HEX)).isNull();
  }

  @Test
  void bareImageIdIsTheConfigDigestSoUnknown() {
    assertThat(ImageIds.repositoryDigest("sha256:" + HEX)).isNull();
  }

  @Test
  void missingOrMalformedImageIdIsUnknownNotAnError() {
    assertThat(ImageIds.repositoryDigest(null)).isNull();
    assertThat(ImageIds.repositoryDigest("")).isNull();
    assertThat(ImageIds.repositoryDigest("nginx@sha256:short")).isNull();
    assertThat(ImageIds.repositoryDigest("nginx@md5:" + HEX)).isNull();
    assertThat(ImageIds.repositoryDigest("@sha256:" + HEX)).isNull();
    assertThat(ImageIds.repositoryDigest("containerd://nginx@sha256:" + HEX)).isNull();
  }
}
