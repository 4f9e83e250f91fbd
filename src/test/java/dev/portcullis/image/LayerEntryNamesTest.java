package dev.portcullis.image;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.directory;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.hardlink;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.image.LayerEntry.EntryType;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.OciLayoutBuilder.Compression;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Layer entry names are read as the runtimes apply layers: what {@code umoci unpack} writes to disk
 * (which, like containerd, joins each name to the root and holds {@code ..} there) is the oracle.
 */
class LayerEntryNamesTest {

  /** Names as hand-made or hostile layers write them, each to a file of its own. */
  private static final List<String> CRAFTED =
      List.of(
          "/etc/x",
          "./../etc/y",
          "a/../../b",
          "../../../c/d",
          "usr/../e",
          "//f",
          "./g/./h",
          "i/j/../k",
          "/../../../l");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"GZIP", "NONE"})
  void craftedNamesLandWhereTheRuntimePutsThem(Compression compression) throws IOException {
    List<OciLayoutBuilder.Entry> entries = new ArrayList<>();
    for (String name : CRAFTED) {
      entries.add(file(name, name));
    }
    entries.add(hardlink("hl-out", "../../etc/x"));
    entries.add(hardlink("/sub/../hl-abs", "/a/../b"));
    entries.add(hardlink("m/n", "../../../../usr/../e"));
    Path layout = layout(compression, entries.toArray(OciLayoutBuilder.Entry[]::new));
    Path rootfs = umociUnpack(layout);

    List<LayerEntry> walked = walk(layout);

    Map<String, Object> inodes = inodesOfFiles(rootfs);
    Map<String, Object> ours = new TreeMap<>();
    for (LayerEntry entry : walked) {
      if (entry.type() == EntryType.FILE) {
        ours.put(entry.path(), inodes.get(entry.path()));
      } else if (entry.type() == EntryType.HARDLINK) {
        ours.put(entry.path(), inodes.get(entry.linkTarget()));
      }
    }
    assertThat(ours).as("each path, and the file it shares content with").isEqualTo(inodes);
  }

  @Test
  void onlyNamesThatClimbAboveTheRootAreWarnedAbout() throws IOException {
    Path layout =
        layout(
            Compression.GZIP,
            file("/etc/x", "x"),
            file("./../etc/y", "y"),
            file("a/../b", "b"),
            hardlink("hl", "a/../../etc/x"),
            symlink("sl", "../../../etc/y"));

    Map<String, String> warnings = new HashMap<>();
    for (LayerEntry entry : walk(layout)) {
      if (entry.warning() != null) {
        warnings.put(entry.path(), entry.warning());
      }
    }

    assertThat(warnings).containsOnlyKeys("etc/y", "hl");
    assertThat(warnings.get("etc/y"))
        .contains(
            "layer 0", "tar entry './../etc/y' climbs above the image root", "read as /etc/y");
    assertThat(warnings.get("hl"))
        .contains("target 'a/../../etc/x' of hard link /hl climbs above", "read as /etc/x");
  }

  @Test
  void symlinkTargetsStayAsWrittenAndResolveInsideTheImage() throws IOException {
    Path layout =
        layout(Compression.GZIP, file("etc/os-release", "ID=x\n"), symlink("/sl", "../../../etc"));

    LayerEntry link =
        walk(layout).stream().filter(e -> e.path().equals("sl")).findFirst().orElseThrow();
    LayeredFilesystem fs = new LayeredFilesystem();
    fs.applyLayer(
        List.of(),
        List.of(),
        List.of(new FileNode("sl", link.type(), 0, link.mode(), link.linkTarget(), 0)));

    assertThat(link.linkTarget()).isEqualTo("../../../etc");
    assertThat(fs.resolve("sl/os-release")).isEqualTo("etc/os-release");
  }

  /**
   * {@code umoci insert SRC /} writes the root directory itself as the entry {@code /}; umoci 0.4.7
   * also ends the layer right after the last file's content, without padding or end records.
   */
  @Test
  void layerWrittenByUmociInsertAtTheRootIsRead() throws IOException {
    Path source = Files.createDirectories(dir.resolve("src/etc"));
    Files.writeString(source.resolve("os-release"), "ID=debian\n");
    Files.writeString(source.resolve("../hello"), "hi\n");
    Path layout = dir.resolve("umoci");
    umoci("init", "--layout", layout.toString());
    umoci("new", "--image", layout + ":v1");
    umoci("insert", "--image", layout + ":v1", dir.resolve("src").toString(), "/");

    List<LayerEntry> walked = walk(layout);

    assertThat(walked).extracting(LayerEntry::path).contains("etc", "etc/os-release", "hello");
    assertThat(walked).extracting(LayerEntry::warning).containsOnlyNulls();
    assertThat(firstNames(layout))
        .as("umoci's layer starts with the root '/'")
        .containsExactly("/");
    Cli.Result scan = Cli.run("sbom", "image", "oci:" + layout + ":v1", "--no-cache");
    assertThat(scan.exitCode()).as(scan.err()).isZero();
  }

  @Test
  void rootEntriesAreNotVisited() throws IOException {
    Path layout =
        layout(
            Compression.NONE, directory("/"), directory("./"), directory("a/.."), file("z", "z"));

    assertThat(walk(layout)).extracting(LayerEntry::path).containsExactly("z");
  }

  private Path layout(Compression compression, OciLayoutBuilder.Entry... entries)
      throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder().compression(compression).layer("crafted", entries).writeTo(layout, "v1");
    return layout;
  }

  private static List<LayerEntry> walk(Path layout) throws IOException {
    List<LayerEntry> entries = new ArrayList<>();
    try (ImageSource source =
        LocalSources.ociLayout(layout, "v1", Platform.linuxAmd64(), Limits.defaults())) {
      for (LayerRef layer : source.resolve().layers()) {
        source.walkLayer(
            layer,
            Limits.defaults(),
            e ->
                entries.add(
                    new LayerEntry(
                        e.path(),
                        e.type(),
                        e.size(),
                        e.mode(),
                        e.linkTarget(),
                        null,
                        e.warning())));
      }
    }
    return entries;
  }

  /** The first entry name of each layer, as umoci wrote it into its (gzip) layers. */
  private static List<String> firstNames(Path layout) throws IOException {
    List<String> names = new ArrayList<>();
    try (ImageSource source =
        LocalSources.ociLayout(layout, "v1", Platform.linuxAmd64(), Limits.defaults())) {
      for (LayerRef layer : source.resolve().layers()) {
        Path blob = layout.resolve("blobs/sha256").resolve(layer.blobDigest().hex());
        try (TarArchiveInputStream tar =
            new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(blob)))) {
          names.add(tar.getNextEntry().getName());
        }
      }
    }
    return names;
  }

  private Path umociUnpack(Path layout) {
    Path bundle = dir.resolve("bundle");
    umoci("unpack", "--rootless", "--image", layout + ":v1", bundle.toString());
    return bundle.resolve("rootfs");
  }

  /** Every regular file below the root, with its inode: hard links share one. */
  private static Map<String, Object> inodesOfFiles(Path rootfs) throws IOException {
    Map<String, Object> inodes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(rootfs)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          inodes.put(
              rootfs.relativize(file).toString(),
              Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS));
        }
      }
    }
    return inodes;
  }

  private void umoci(String... args) {
    List<String> command = new ArrayList<>(List.of("umoci"));
    command.addAll(List.of(args));
    Path log = dir.resolve("umoci.log");
    try {
      int exit =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
              .start()
              .waitFor();
      assertThat(exit).as(String.join(" ", command) + ": " + Files.readString(log)).isZero();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
