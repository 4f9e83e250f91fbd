package dev.portcullis.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.image.Digest;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Images for the server's tracking tests: RHEL 9 images with an openssl-libs that the written
 * records ({@link WrittenRecords}) call vulnerable, and new Red Hat records about it that a
 * database update brings.
 */
public final class TrackedImages {

  public static final String REPOSITORY = "registry.example/team/app";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TrackedImages() {}

  /** The image tagged {@code tag}; its digest is the SHA-256 of the tag. */
  public static Inventory rhelOpenssl(String tag) {
    return new Inventory(
        new ImageInfo(
            "registry:" + REPOSITORY + ":" + tag,
            digest(tag).toString(),
            null,
            List.of(REPOSITORY + ":" + tag),
            "linux",
            "amd64"),
        new OsRelease("rhel", "9.4", "rhel 9.4", "etc/os-release"),
        List.of(),
        TestInventories.image(
                null,
                List.of(
                    TestInventories.osPackage(
                        "rpm",
                        "openssl-libs",
                        "1:3.0.7-24.el9",
                        "x86_64",
                        "openssl",
                        "1:3.0.7-24.el9")))
            .packages(),
        List.of());
  }

  public static Digest digest(String tag) {
    return Digest.sha256Of(tag.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code DIR/ID.json}: a Red Hat record that the images' openssl-libs is affected by
   * (fixed only in a later build), as a database update would bring it.
   */
  public static Path writeOpensslRecord(Path dir, String id) throws IOException {
    ObjectNode record =
        JSON.createObjectNode()
            .put("id", id)
            .put("modified", "2026-06-01T00:00:00Z")
            .put("summary", "written by the Portcullis test suite, not a real advisory");
    ObjectNode affected = record.putArray("affected").addObject();
    affected
        .putObject("package")
        .put("ecosystem", "Red Hat:enterprise_linux:9::baseos")
        .put("name", "openssl-libs");
    var events =
        affected.putArray("ranges").addObject().put("type", "ECOSYSTEM").putArray("events");
    events.addObject().put("introduced", "0");
    events.addObject().put("fixed", "1:3.0.7-99.el9");
    Files.createDirectories(dir);
    Path file = dir.resolve(id.replace(':', '-') + ".json");
    Files.write(file, JSON.writeValueAsBytes(record));
    return file;
  }
}
