package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RepositoryPushes;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.signing.SimpleSigningPayload;
import dev.portcullis.signing.oci.SignatureLayer;
import dev.portcullis.signing.oci.SignatureManifests;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign} and {@code verify} against a real registry (Debian's docker-registry) holding real
 * images, in cosign's format, with signatures made by OpenSSL as the independent implementation.
 */
class SignVerifyTest {

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static Path privateKey;
  private static Path publicKey;

  @BeforeAll
  static void start() throws Exception {
    registry = LocalRegistry.start(dir.resolve("registry"), null);
    String layout = "oci:" + TestImages.ociLayout();
    for (String repository :
        List.of("app", "other", "unsigned", "tampered", "openssl", "scanned")) {
      registry.push(layout + ":debian", "team/" + repository + ":1", null);
    }
    registry.push(layout + ":debian-next", "team/misplaced:1", null);
    Cli.Result generated =
        CliProcess.run(
            Map.of("PORTCULLIS_KEY_PASSWORD", "correct horse"),
            "key",
            "generate",
            "--output-key-prefix",
            dir.resolve("signer").toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    privateKey = dir.resolve("signer.key");
    publicKey = dir.resolve("signer.pub");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    registry.close();
  }

  private static String image(String repository) {
    return "registry:" + registry.host() + "/team/" + repository + ":1";
  }

  private static Cli.Result sign(String repository, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sign", "--key", privateKey.toString(), image(repository), "--insecure-registry"));
    args.addAll(List.of(more));
    return CliProcess.run(
        Map.of("PORTCULLIS_KEY_PASSWORD", "correct horse"), args.toArray(String[]::new));
  }

  private static Cli.Result verify(String repository, Path key, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("verify", "--key", key.toString(), image(repository), "--insecure-registry"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static RegistryClient client(String repository) {
    return new RegistryClient(
        ImageReference.parse(registry.host() + "/team/" + repository + ":1"), true, null);
  }

  @Test
  void aSignedImageVerifiesAndItsPayloadIsCosigns() throws Exception {
    Cli.Result signed = sign("app", "-a", "env=prod");
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("Signed " + registry.host() + "/team/app@sha256:");
    Cli.Result verified = verify("app", publicKey, "-a", "env=prod", "-f", "json");
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(verified.out());
    assertThat(report.get("verified").asBoolean()).isTrue();
    JsonNode signature = report.at("/signatures/0");
    assertThat(signature.get("passed").asBoolean()).isTrue();
    assertThat(signature.get("dockerReference").asText()).isEqualTo(registry.host() + "/team/app");
    assertThat(signature.at("/annotations/env").asText()).isEqualTo("prod");

    RepositoryQueries queries = new RepositoryQueries(client("app"));
    Digest digest = queries.manifestDigest("1");
    RepositoryQueries.Manifest manifest =
        queries.manifestIfPresent(SignatureManifests.tagFor(digest)).orElseThrow();
    List<SignatureLayer> layers = SignatureManifests.layers(manifest.bytes(), "test");
    assertThat(layers)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.mediaType())
                  .isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
              assertThat(l.annotations()).containsKey("dev.cosignproject.cosign/signature");
            });
    String payload = new String(queries.blob(layers.get(0).digest(), 4096), StandardCharsets.UTF_8);
    assertThat(payload)
        .startsWith(
            "{\"critical\":{\"identity\":{\"docker-reference\":\""
                + registry.host()
                + "/team/app\"}")
        .contains("\"image\":{\"docker-manifest-digest\":\"" + digest + "\"}")
        .contains("\"type\":\"cosign container image signature\"");
  }

  @Test
  void signingAgainWithAnotherKeyKeepsTheFirstSignature() throws Exception {
    assertThat(sign("other").exitCode()).isZero();
    Cli.Result second =
        Cli.run(
            "key",
            "generate",
            "--no-password",
            "--output-key-prefix",
            dir.resolve("second").toString());
    assertThat(second.exitCode()).as(second.err()).isZero();
    Cli.Result signed =
        Cli.run(
            "sign",
            "--key",
            dir.resolve("second.key").toString(),
            image("other"),
            "--insecure-registry");
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("2 signature(s)");
    assertThat(verify("other", publicKey).exitCode()).isZero();
    assertThat(verify("other", dir.resolve("second.pub")).exitCode()).isZero();
  }

  @Test
  void anUnsignedImageOrTheWrongKeyOrAMissingAnnotationNeverPasses() throws Exception {
    Cli.Result unsigned = verify("unsigned", publicKey);
    assertThat(unsigned.exitCode()).isEqualTo(1);
    assertThat(unsigned.out()).contains("No signatures");
    assertThat(sign("app").exitCode()).isZero();
    Cli.Result other =
        Cli.run(
            "key",
            "generate",
            "--no-password",
            "--output-key-prefix",
            dir.resolve("stranger").toString());
    assertThat(other.exitCode()).isZero();
    assertThat(verify("app", dir.resolve("stranger.pub")).exitCode()).isEqualTo(1);
    Cli.Result annotation = verify("app", publicKey, "-a", "env=staging");
    assertThat(annotation.exitCode()).isEqualTo(1);
    assertThat(annotation.out()).contains("env");
  }

  @Test
  void aTamperedPayloadOrASignatureOfAnotherImageFails() throws Exception {
    assertThat(sign("tampered").exitCode()).isZero();
    RegistryClient client = client("tampered");
    RepositoryQueries queries = new RepositoryQueries(client);
    Digest digest = queries.manifestDigest("1");
    String tag = SignatureManifests.tagFor(digest);
    SignatureLayer genuine =
        SignatureManifests.layers(queries.manifestIfPresent(tag).orElseThrow().bytes(), "test")
            .get(0);
    byte[] payload = queries.blob(genuine.digest(), 4096);
    byte[] tampered =
        new String(payload, StandardCharsets.UTF_8)
            .replace("\"critical\"", "\"critical\" ")
            .getBytes(StandardCharsets.UTF_8);
    pushSignatures(
        client, tag, List.of(SignatureLayer.of(tampered, genuine.signature())), tampered);
    Cli.Result result = verify("tampered", publicKey, "-f", "json");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(result.out()).at("/signatures/0/passed").asBoolean())
        .isFalse();

    RegistryClient other = client("misplaced");
    Digest otherDigest = new RepositoryQueries(other).manifestDigest("1");
    // The genuine signature, over a payload naming the other image's digest, stored as this one's.
    pushSignatures(other, SignatureManifests.tagFor(otherDigest), List.of(genuine), payload);
    Cli.Result misplaced = verify("misplaced", publicKey, "-f", "json");
    assertThat(misplaced.exitCode()).isEqualTo(1);
    JsonNode checks = new ObjectMapper().readTree(misplaced.out()).get("signatures");
    assertThat(checks.toString()).contains("another image");
  }

  private static void pushSignatures(
      RegistryClient client, String tag, List<SignatureLayer> layers, byte[] payload)
      throws IOException {
    RepositoryPushes pushes = new RepositoryPushes(client);
    pushes.blob(payload);
    byte[] config = SignatureManifests.config(layers);
    pushes.blob(config);
    pushes.manifest(
        tag, SignatureManifests.manifest(layers, config), SignatureManifests.MANIFEST_MEDIA_TYPE);
  }

  @Test
  void signaturesMadeByOpenSslVerifyAndOursVerifyWithOpenSsl() throws Exception {
    Path opensslKey = dir.resolve("openssl.pem");
    Path opensslPub = dir.resolve("openssl.pub");
    run(
        "openssl",
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        opensslKey.toString());
    run("openssl", "ec", "-in", opensslKey.toString(), "-pubout", "-out", opensslPub.toString());
    RegistryClient client = client("openssl");
    Digest digest = new RepositoryQueries(client).manifestDigest("1");
    byte[] payload =
        SimpleSigningPayload.of(registry.host() + "/team/openssl", digest, Map.of("by", "openssl"))
            .toJson();
    Path payloadFile = dir.resolve("payload.json");
    Files.write(payloadFile, payload);
    Path signatureFile = dir.resolve("payload.sig");
    run(
        "openssl",
        "dgst",
        "-sha256",
        "-sign",
        opensslKey.toString(),
        "-out",
        signatureFile.toString(),
        payloadFile.toString());
    String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(signatureFile));
    pushSignatures(
        client,
        SignatureManifests.tagFor(digest),
        List.of(SignatureLayer.of(payload, signature)),
        payload);
    assertThat(verify("openssl", opensslPub, "-a", "by=openssl").exitCode()).isZero();

    Cli.Result ours =
        Cli.run("sign", "--key", opensslKey.toString(), image("openssl"), "--insecure-registry");
    assertThat(ours.exitCode()).as(ours.err()).isZero();
    RepositoryQueries queries = new RepositoryQueries(client);
    List<SignatureLayer> layers =
        SignatureManifests.layers(
            queries.manifestIfPresent(SignatureManifests.tagFor(digest)).orElseThrow().bytes(),
            "test");
    assertThat(layers).hasSize(2);
    SignatureLayer mine = layers.get(1);
    Files.write(payloadFile, queries.blob(mine.digest(), 4096));
    Files.write(signatureFile, Base64.getDecoder().decode(mine.signature()));
    assertThat(
            run(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                opensslPub.toString(),
                "-signature",
                signatureFile.toString(),
                payloadFile.toString()))
        .contains("Verified OK");
  }

  @Test
  void theGateSignsOnlyWhatPassesAndRequiresSignaturesWhenAsked() throws Exception {
    Path db = dir.resolve("empty-advisories");
    Files.createDirectories(db);
    Files.writeString(
        db.resolve("none.json"),
        "{\"id\":\"X-1\",\"modified\":\"2026-01-01T00:00:00Z\",\"affected\":[]}");
    Path database = dir.resolve("gate.sqlite");
    assertThat(Cli.run("db", "import", db.toString(), "--db", database.toString()).exitCode())
        .isZero();
    Cli.Result unsignedRequired = scanRequiringSignature(database);
    assertThat(unsignedRequired.exitCode()).isEqualTo(1);
    assertThat(unsignedRequired.err()).contains("no valid signature");
    Cli.Result scanned =
        CliProcess.run(
            Map.of("PORTCULLIS_KEY_PASSWORD", "correct horse"),
            "scan",
            "image",
            image("scanned"),
            "--insecure-registry",
            "--no-cache",
            "--db",
            database.toString(),
            "--sign-key",
            privateKey.toString(),
            "--exit-code",
            "1");
    assertThat(scanned.exitCode()).as(scanned.err()).isZero();
    assertThat(scanned.err()).contains("signed");
    Cli.Result verified = verify("scanned", publicKey, "-a", "dev.portcullis.scan/verdict=passed");
    assertThat(verified.exitCode()).as(verified.out()).isZero();
    Cli.Result required = scanRequiringSignature(database);
    assertThat(required.exitCode()).as(required.err()).isZero();
  }

  private static Cli.Result scanRequiringSignature(Path database) {
    return Cli.run(
        "scan",
        "image",
        image("scanned"),
        "--insecure-registry",
        "--no-cache",
        "--db",
        database.toString(),
        "--require-signature",
        publicKey.toString());
  }

  @Test
  void aMalformedKeyIsAnInputError() throws IOException {
    Path broken = dir.resolve("broken.pub");
    Files.writeString(
        broken, "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n");
    Cli.Result result = verify("app", broken);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }
}
