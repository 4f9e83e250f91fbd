package dev.portcullis.attribution;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.WrittenOsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A base image in a real registry and application images built on it, as a builder writes them: the
 * base ({@code base:1.0}, Debian 12 with libssl3) and a newer build of it with libssl3 upgraded
 * ({@code base:1.1}) pushed to the registry; the application adds two layers, {@code RUN apt-get
 * install curl} and {@code COPY app /app}, above the base's layers and its {@code CMD}.
 */
final class BaseAndApplication {

  static final String OLD_SSL = "3.0.11-1~deb12u1";
  static final String NEW_SSL = "3.0.15-1~deb12u1";
  static final String SSL_ADVISORY = "CVE-2099-8101";
  static final String CURL_ADVISORY = "CVE-2099-8102";

  private static final String OS_RELEASE =
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n";

  final LocalRegistry registry;
  final Path dir;
  final byte[] baseLayer;
  final byte[] newerBaseLayer;
  final byte[] installLayer;
  final byte[] copyLayer;
  final String baseDigest;
  final String newerBaseDigest;
  final Path database;

  BaseAndApplication(LocalRegistry registry, Path dir) throws Exception {
    this.registry = registry;
    this.dir = dir;
    baseLayer = rootfs(OLD_SSL);
    newerBaseLayer = rootfs(NEW_SSL);
    installLayer =
        OciLayoutBuilder.tar(
            List.of(
                file(
                    "var/lib/dpkg/status",
                    status("libssl3", OLD_SSL, "openssl")
                        + status("curl", "7.88.1-10+deb12u4", "curl"))));
    copyLayer =
        OciLayoutBuilder.tar(
            List.of(
                file(
                    "app/lib/requests-2.25.0.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: requests\nVersion: 2.25.0\n")));
    baseDigest = push(base(baseLayer), "base", "base:1.0");
    newerBaseDigest = push(base(newerBaseLayer), "newer-base", "base:1.1");
    database = database(dir);
  }

  String baseName() {
    return registry.host() + "/base:1.0";
  }

  private static byte[] rootfs(String sslVersion) throws IOException {
    return OciLayoutBuilder.tar(
        List.of(
            file("etc/os-release", OS_RELEASE),
            file("var/lib/dpkg/status", status("libssl3", sslVersion, "openssl"))));
  }

  private static String status(String name, String version, String source) {
    return "Package: "
        + name
        + "\nStatus: install ok installed\nArchitecture: amd64\nSource: "
        + source
        + "\nVersion: "
        + version
        + "\n\n";
  }

  private static OciLayoutBuilder base(byte[] rootfs) {
    return new OciLayoutBuilder()
        .rawLayer("ADD rootfs.tar.xz / # buildkit", rootfs)
        .emptyLayerHere("CMD [\"bash\"]");
  }

  /** Pushes a layout and returns the manifest digest the registry has. */
  String push(OciLayoutBuilder image, String name, String repositoryAndTag) throws Exception {
    Path layout = dir.resolve(name);
    image.writeTo(layout, "latest");
    Path digestFile = dir.resolve(name + ".digest");
    registry.push(
        "oci:" + layout + ":latest", repositoryAndTag, null, "--digestfile=" + digestFile);
    return Files.readString(digestFile).strip();
  }

  /**
   * The application built on {@code base:1.0}, written as an OCI layout; {@code more} adds
   * annotations or labels.
   */
  Path application(String name, UnaryOperator<OciLayoutBuilder> more) throws IOException {
    OciLayoutBuilder image =
        new OciLayoutBuilder()
            .rawLayer("ADD rootfs.tar.xz / # buildkit", baseLayer)
            .emptyLayerHere("CMD [\"bash\"]")
            .emptyLayerHere("WORKDIR /app")
            .rawLayer("RUN /bin/sh -c apt-get install -y curl # buildkit", installLayer)
            .rawLayer("COPY app /app # buildkit", copyLayer)
            .emptyLayerHere("CMD [\"/app/run\"]");
    Path layout = dir.resolve(name);
    more.apply(image).writeTo(layout, "app");
    return layout;
  }

  /**
   * Open advisories for the base's libssl3 (fixed in the newer base) and the application's curl.
   */
  private static Path database(Path dir) throws IOException {
    var ssl = WrittenOsv.debian12(SSL_ADVISORY, "openssl");
    WrittenOsv.rangeFrom(ssl, "0").addObject().put("fixed", NEW_SSL);
    WrittenOsv.write(dir, ssl);
    var curl = WrittenOsv.debian12(CURL_ADVISORY, "curl");
    WrittenOsv.rangeFrom(curl, "0");
    WrittenOsv.write(dir, curl);
    return WrittenOsv.database(dir);
  }

  /** {@code sbom image} of a layout, with the base's registry spoken to over plain HTTP. */
  /** The arguments with {@code --format json} after them. */
  static String[] asJson(String... more) {
    String[] args = java.util.Arrays.copyOf(more, more.length + 2);
    args[more.length] = "--format";
    args[more.length + 1] = "json";
    return args;
  }

  static Cli.Result sbom(Path layout, String... more) {
    return Cli.run(args(List.of("sbom", "image", "oci:" + layout + ":app"), more));
  }

  Cli.Result scan(Path layout, String... more) {
    return Cli.run(
        args(
            List.of(
                "scan",
                "image",
                "oci:" + layout + ":app",
                "--db",
                database.toString(),
                "--scanners",
                "vuln"),
            more));
  }

  private static String[] args(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of("--no-cache", "--insecure-registry"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
