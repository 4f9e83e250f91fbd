package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Opens the image sources that live on the local disk. */
public final class LocalSources {

  private LocalSources() {}

  public static ImageSource dockerArchive(Path path, String reference, Limits limits)
      throws IOException {
    return new DockerArchiveSource(path, "docker-archive:" + path, reference, limits);
  }

  public static ImageSource ociLayout(Path dir, String tag, Platform platform, Limits limits)
      throws InputException {
    String name = "oci:" + dir;
    if (!Files.isRegularFile(dir.resolve("oci-layout"))
        || !Files.isRegularFile(dir.resolve("index.json"))) {
      throw new InputException(name + ": not an OCI image layout (no oci-layout or index.json)");
    }
    return new OciLayoutSource(
        name,
        new DirectoryBlobStore(dir),
        () ->
            Json.readBounded(
                Files.newInputStream(dir.resolve("index.json")),
                limits.maxMetadataBytes(),
                name + " index.json"),
        tag,
        platform,
        limits);
  }

  public static ImageSource ociArchive(Path path, String tag, Platform platform, Limits limits)
      throws IOException {
    String name = "oci-archive:" + path;
    TarArchiveIndex archive = new TarArchiveIndex(path, name);
    if (!archive.contains("index.json")) {
      archive.close();
      throw new InputException(name + ": no index.json; this is not an OCI archive");
    }
    return new OciLayoutSource(
        name,
        archive,
        () ->
            Json.readBounded(
                archive.open("index.json", name), limits.maxMetadataBytes(), name + " index.json"),
        tag,
        platform,
        limits);
  }

  public static ImageSource rootfsDirectory(Path dir) throws InputException {
    return new RootfsDirectorySource(dir, "rootfs:" + dir);
  }

  public static ImageSource projectDirectory(Path dir) throws InputException {
    return new RootfsDirectorySource(dir, dir.toString());
  }

  public static ImageSource rootfsTar(Path path) {
    return new RootfsTarSource(path, "rootfs-tar:" + path);
  }

  /** What kind of image a local path holds, told from its content; null if none. */
  public static String detectTransport(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return Files.isRegularFile(path.resolve("oci-layout")) ? "oci" : "rootfs";
    }
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(path);
        TarArchiveInputStream tar = new TarArchiveInputStream(in, TarLayerWalker.TAR_NAMES)) {
      TarArchiveEntry entry;
      int seen = 0;
      while ((entry = tar.getNextEntry()) != null && seen++ < 10_000) {
        String entryName =
            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        if (entryName.equals("manifest.json")) {
          return "docker-archive";
        }
        if (entryName.equals("oci-layout")) {
          return "oci-archive";
        }
      }
    } catch (IOException e) {
      // Not a plain tar: a compressed root filesystem tar is the remaining possibility.
    }
    return "rootfs-tar";
  }
}
