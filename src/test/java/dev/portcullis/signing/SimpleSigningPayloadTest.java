package dev.portcullis.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.Digest;
import dev.portcullis.signing.oci.SignatureManifests;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simple-signing payload is built byte for byte as cosign builds it and parsed strictly. */
class SimpleSigningPayloadTest {

  private static final Digest DIGEST =
      Digest.parse("sha256:d61c17b6aa49def5e3a654258592829a7fdec3387436c4f93cd0dcfb4c7f01e6");

  @Test
  void payloadWithoutAnnotationsIsWhatCosignGeneratePrints() {
    // `cosign generate xianpengshen/cosign-demo:latest`, as printed in a public walkthrough.
    String cosign =
        "{\"critical\":{\"identity\":{\"docker-reference\":\"index.docker.io/xianpengshen/cosign-demo\"},"
            + "\"image\":{\"docker-manifest-digest\":\"sha256:d61c17b6aa49def5e3a654258592829a7fdec3387436c4f93cd0dcfb4c7f01e6\"},"
            + "\"type\":\"cosign container image signature\"},\"optional\":null}";
    SimpleSigningPayload payload =
        SimpleSigningPayload.of("index.docker.io/xianpengshen/cosign-demo", DIGEST, Map.of());
    assertThat(utf8(payload.toJson())).isEqualTo(cosign);
  }

  @Test
  void annotationsAreWrittenUnderOptionalInKeyOrderAsCosignWritesThem() {
    // `cosign verify` output of an image signed with -a repo=... -a commit=... (public README).
    String cosign =
        "{\"critical\":{\"identity\":{\"docker-reference\":\"index.docker.io/pyrrhus/nexus0\"},"
            + "\"image\":{\"docker-manifest-digest\":\"sha256:2370cc6b72bbeb73eab1f2edf3e22a5e30c785877b82a5d2ea79302742243927\"},"
            + "\"type\":\"cosign container image signature\"},"
            + "\"optional\":{\"commit\":\"fbc8d91acd7fac6a70a46d71d88b15b8550fe2d8\",\"repo\":\"pyrrhus/nexus0\"}}";
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("repo", "pyrrhus/nexus0");
    annotations.put("commit", "fbc8d91acd7fac6a70a46d71d88b15b8550fe2d8");
    SimpleSigningPayload payload =
        SimpleSigningPayload.of(
            "index.docker.io/pyrrhus/nexus0",
            Digest.parse("sha256:2370cc6b72bbeb73eab1f2edf3e22a5e30c785877b82a5d2ea79302742243927"),
            annotations);
    assertThat(utf8(payload.toJson())).isEqualTo(cosign);
  }

  @Test
  void stringsAreEscapedAsGoEscapesThem() {
    SimpleSigningPayload payload =
        SimpleSigningPayload.of(
            "registry.example/app",
            DIGEST,
            Map.of(
                "note", "<b>\"a\" & b</b>\n\t\u0001\u007f\u2028é😀",
                "Zebra", "upper case sorts first",
                "é", "sorts after ASCII by UTF-8 bytes"));
    assertThat(utf8(payload.toJson()))
        .endsWith(
            "\"optional\":{\"Zebra\":\"upper case sorts first\","
                + "\"note\":\"\\u003cb\\u003e\\\"a\\\" \\u0026 b\\u003c/b\\u003e\\n\\t\\u0001\u007f\\u2028é😀\","
                + "\"é\":\"sorts after ASCII by UTF-8 bytes\"}}");
  }

  @Test
  void builtPayloadParsesBackToTheSameRecord() throws Exception {
    SimpleSigningPayload payload =
        SimpleSigningPayload.of(
            "localhost:5000/team/app",
            DIGEST,
            Map.of("portcullis.dev/verdict", "pass", "portcullis.dev/db-age-hours", "6"));
    assertThat(SimpleSigningPayload.parse(payload.toJson())).isEqualTo(payload);
  }

  @Test
  void payloadWithoutOptionalOrWithNonStringClaimsIsRead() throws Exception {
    SimpleSigningPayload bare =
        SimpleSigningPayload.parse(
            bytes(
                "{\"critical\":{\"type\":\"cosign container image signature\","
                    + "\"image\":{\"docker-manifest-digest\":\""
                    + DIGEST
                    + "\"},\"identity\":{\"docker-reference\":\"r/app\"}}}"));
    assertThat(bare.annotations()).isEmpty();
    assertThat(bare.imageDigest()).isEqualTo(DIGEST);

    SimpleSigningPayload withClaims =
        SimpleSigningPayload.parse(
            payloadWithOptional(
                "{\"creator\":\"atomic\",\"timestamp\":1458239713,\"b\":{\"y\":1,\"x\":[true,null]}}"));
    assertThat(withClaims.annotations()).containsExactly(Map.entry("creator", "atomic"));
    assertThat(withClaims.otherClaims())
        .containsExactly(
            Map.entry("b", "{\"x\":[true,null],\"y\":1}"), Map.entry("timestamp", "1458239713"));
    assertThat(utf8(withClaims.toJson()))
        .endsWith(
            "\"optional\":{\"b\":{\"x\":[true,null],\"y\":1},\"creator\":\"atomic\",\"timestamp\":1458239713}}");
  }

  @Test
  void payloadThatIsNotACosignSimpleSigningDocumentIsRefusedSayingWhy() {
    String valid = utf8(SimpleSigningPayload.of("r/app", DIGEST, Map.of()).toJson());
    assertMalformed(
        valid.replace("cosign container image signature", "atomic container signature"),
        "critical.type is \"atomic container signature\"");
    assertMalformed(valid.replace("sha256:d61c", "sha256:D61C"), "is not a digest");
    assertMalformed(valid.replace("sha256:d61c", "d61c"), "is not a digest");
    assertMalformed(valid.replace("sha256:d61c", "sha256:d6"), "is not a digest");
    assertMalformed(
        valid.replace("\"docker-manifest-digest\"", "\"Docker-manifest-digest\""),
        "critical.image lacks \"docker-manifest-digest\"");
    assertMalformed(
        valid.replace("\"type\":", "\"extra\":1,\"type\":"),
        "critical has the unknown field \"extra\"");
    assertMalformed(valid.replace("\"optional\":null", "\"optional\":[]"), "optional is neither");
    assertMalformed(
        valid.replace("\"optional\":null", "\"optional\":null,\"more\":{}"),
        "the payload has the unknown field \"more\"");
    assertMalformed(
        valid.replace("\"type\":", "\"type\":\"x\",\"type\":"), "not valid JSON (Duplicate field");
    assertMalformed(valid + "{}", "not valid JSON");
    assertMalformed(valid.substring(0, valid.length() - 5), "not valid JSON");
    assertMalformed(valid.replace("\"r/app\"", "\"r/app latest\""), "is not a repository name");
    assertMalformed(valid.replace("\"r/app\"", "\"\""), "the docker-reference is empty");
    assertMalformed(valid.replace("\"r/app\"", "7"), "docker-reference is not a string");
    assertMalformed("[]", "the payload is not an object");
    assertMalformed("", "signature payload: empty");
  }

  @Test
  void oversizedPayloadIsRefusedBeforeParsing() {
    byte[] huge = new byte[SimpleSigningPayload.MAX_BYTES + 1];
    assertThatThrownBy(() -> SimpleSigningPayload.parse(huge))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("larger than the 1048576 allowed");
  }

  @Test
  void signatureTagIsTheDigestWithADashAndSig() {
    assertThat(SignatureManifests.tagFor(DIGEST))
        .isEqualTo("sha256-d61c17b6aa49def5e3a654258592829a7fdec3387436c4f93cd0dcfb4c7f01e6.sig");
  }

  private static byte[] payloadWithOptional(String optional) {
    return bytes(
        "{\"critical\":{\"identity\":{\"docker-reference\":\"r/app\"},\"image\":{\"docker-manifest-digest\":\""
            + DIGEST
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":"
            + optional
            + "}");
  }

  private static void assertMalformed(String json, String expected) {
    assertThatThrownBy(() -> SimpleSigningPayload.parse(bytes(json)))
        .as(json)
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageStartingWith("signature payload: ")
        .hasMessageContaining(expected)
        .hasMessageNotContaining("\n");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
