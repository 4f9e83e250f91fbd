package dev.portcullis.analyzer.java;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.JavaApps;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.OciLayoutBuilder.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives in a layer stored uncompressed are read by their central directory, where they lie; in a
 * compressed layer they stream past. Both readings must find the same packages, and the reading in
 * place must stay bounded on hostile archives.
 */
class InPlaceArchivesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JARS =
      Path.of(System.getProperty("portcullis.testJars", "target/test-jars"));

  @TempDir Path dir;

  private JsonNode inventory(Compression compression, byte[] archive, String... options)
      throws IOException {
    Path layout = dir.resolve("layout-" + compression + "-" + System.nanoTime());
    new OciLayoutBuilder()
        .compression(compression)
        .layer("base", file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .layer("COPY app", file("opt/app/app.ear", archive))
        .writeTo(layout, "v1");
    List<String> args = new ArrayList<>(List.of("sbom", "image", "oci:" + layout, "--no-cache"));
    args.addAll(List.of("-f", "json"));
    args.addAll(List.of(options));
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }

  private void assertSameInPlaceAndStreamed(byte[] archive) throws IOException {
    JsonNode inPlace = inventory(Compression.NONE, archive);
    JsonNode streamed = inventory(Compression.GZIP, archive);
    assertThat(withoutLayers(inPlace.path("packages")))
        .isNotEmpty()
        .isEqualTo(withoutLayers(streamed.path("packages")));
    assertThat(inPlace.path("warnings")).isEqualTo(streamed.path("warnings"));
  }

  /** The packages as found, without their layer's digests, which the compression changes. */
  private static List<JsonNode> withoutLayers(JsonNode packages) {
    List<JsonNode> found = new ArrayList<>();
    packages.forEach(p -> found.add(((ObjectNode) p.deepCopy()).without("layer")));
    return found;
  }

  private static byte[] zip(boolean stored, String[] names, byte[][] contents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < names.length; i++) {
        ZipEntry entry = new ZipEntry(names[i]);
        if (stored) {
          CRC32 crc = new CRC32();
          crc.update(contents[i]);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(contents[i].length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(contents[i]);
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] jar(String name) throws IOException {
    return Files.readAllBytes(JARS.resolve(name));
  }

  @Test
  void springBootFatJarReadInPlaceYieldsWhatStreamingYields() throws IOException {
    assertSameInPlaceAndStreamed(Files.readAllBytes(JavaApps.springBootJar()));
  }

  @Test
  void shadedJarReadInPlaceYieldsWhatStreamingYields() throws IOException {
    assertSameInPlaceAndStreamed(Files.readAllBytes(JavaApps.shadedJar()));
  }

  @Test
  void warDeflatedInsideAnEarWithStoredLibrariesYieldsWhatStreamingYields() throws IOException {
    byte[] war =
        zip(
            false,
            new String[] {"WEB-INF/web.xml", "WEB-INF/lib/log4j-api-2.14.1.jar"},
            new byte[][] {
              "<web-app/>".getBytes(StandardCharsets.UTF_8), jar("log4j-api-2.14.1.jar")
            });
    byte[] ear =
        zip(
            true,
            new String[] {"shop-web.war", "lib/log4j-core-2.14.1.jar"},
            new byte[][] {war, jar("log4j-core-2.14.1.jar")});
    assertSameInPlaceAndStreamed(ear);
    assertThat(inventory(Compression.NONE, ear).path("packages").toString())
        .contains("opt/app/app.ear!/shop-web.war!/WEB-INF/lib/log4j-api-2.14.1.jar")
        .contains("opt/app/app.ear!/lib/log4j-core-2.14.1.jar");
  }

  @Test
  void archiveAfterALaunchScriptIsStreamedAndYieldsTheSame() throws IOException {
    ByteArrayOutputStream executable = new ByteArrayOutputStream();
    executable.write("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.UTF_8));
    executable.write(jar("log4j-core-2.14.1.jar"));
    assertSameInPlaceAndStreamed(executable.toByteArray());
  }

  @Test
  void classesAreNotInflatedWhereTheArchiveIsReadInPlace() throws IOException {
    // A jar whose one class inflates to 8 MiB of zeros: beyond a 1 MiB limit when streamed.
    byte[] bloated =
        zip(
            false,
            new String[] {
              "META-INF/maven/org.example/bloated/pom.properties", "org/example/Big.class"
            },
            new byte[][] {
              "groupId=org.example\nartifactId=bloated\nversion=1.0\n"
                  .getBytes(StandardCharsets.UTF_8),
              new byte[8 << 20]
            });

    JsonNode inPlace = inventory(Compression.NONE, bloated, "--max-archive-size", "1048576");
    JsonNode streamed = inventory(Compression.GZIP, bloated, "--max-archive-size", "1048576");

    assertThat(inPlace.path("warnings")).isEmpty();
    assertThat(inPlace.path("packages").toString()).contains("org.example:bloated");
    assertThat(streamed.path("warnings").toString()).contains("inflates beyond 1048576 bytes");
    assertThat(streamed.path("packages").toString()).contains("org.example:bloated");
  }

  /**
   * A streamed archive whose local headers give the entries' sizes (as Maven's and Python's zip
   * writers leave them): a class is passed over raw, not inflated, so it does not count against the
   * limit; one followed by a data descriptor (as {@code jar} writes) still is.
   */
  @Test
  void streamedClassesWithSizesInTheirLocalHeadersAreNotInflated() throws IOException {
    SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(channel)) {
      String[] names = {"org/example/Big.class", "META-INF/maven/org.example/sized/pom.properties"};
      byte[][] contents = {
        new byte[8 << 20],
        "groupId=org.example\nartifactId=sized\nversion=1.0\n".getBytes(StandardCharsets.UTF_8)
      };
      for (int i = 0; i < names.length; i++) {
        ZipArchiveEntry entry = new ZipArchiveEntry(names[i]);
        entry.setMethod(ZipEntry.DEFLATED);
        zip.putArchiveEntry(entry);
        zip.write(contents[i]);
        zip.closeArchiveEntry();
      }
    }
    byte[] sized = Arrays.copyOf(channel.array(), (int) channel.size());

    JsonNode streamed = inventory(Compression.GZIP, sized, "--max-archive-size", "1048576");

    assertThat(streamed.path("warnings")).isEmpty();
    assertThat(streamed.path("packages").toString()).contains("org.example:sized");
  }

  @Test
  void storedEntriesThatOverlapAreChargedAgainstTheArchiveLimit() throws IOException {
    byte[] inner = jar("log4j-api-2.14.1.jar");
    byte[] hostile = overlapping(inner, 64);

    JsonNode result =
        inventory(
            Compression.NONE, hostile, "--max-archive-size", String.valueOf(8L * inner.length));

    assertThat(result.path("warnings").toString()).contains("inflates beyond");
  }

  @Test
  void damagedArchivesReadInPlaceAreWarningsAndTheScanGoesOn() throws IOException {
    byte[] jar = jar("log4j-core-2.14.1.jar");
    byte[] truncated = java.util.Arrays.copyOf(jar, jar.length / 2);
    byte[] garbled = jar.clone();
    // The entries' data overwritten, the central directory left intact.
    java.util.Arrays.fill(garbled, 64, jar.length / 2, (byte) 0x5a);

    for (byte[] damaged : List.of(truncated, garbled)) {
      JsonNode result = inventory(Compression.NONE, damaged);
      assertThat(result.path("warnings").toString()).contains("/opt/app/app.ear");
    }
  }

  /**
   * A zip of one stored jar whose central directory names it {@code copies} times, every entry
   * pointing at the same bytes: read naively, a small file is read as a large one, and nested
   * further, exponentially so.
   */
  private static byte[] overlapping(byte[] inner, int copies) {
    CRC32 crc = new CRC32();
    crc.update(inner);
    byte[] name = "a.jar".getBytes(StandardCharsets.UTF_8);
    ByteBuffer out =
        ByteBuffer.allocate(30 + name.length + inner.length + copies * (46 + 16) + 22)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0);
    out.putInt(0).putInt((int) crc.getValue()).putInt(inner.length).putInt(inner.length);
    out.putShort((short) name.length).putShort((short) 0).put(name).put(inner);
    int directoryAt = out.position();
    for (int i = 0; i < copies; i++) {
      byte[] alias = String.format("a%010d.jar", i).getBytes(StandardCharsets.UTF_8);
      out.putInt(0x02014b50).putShort((short) 20).putShort((short) 10).putShort((short) 0);
      out.putShort((short) 0).putInt(0).putInt((int) crc.getValue());
      out.putInt(inner.length).putInt(inner.length).putShort((short) alias.length);
      out.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
      out.putInt(0).putInt(0).put(alias);
    }
    int directorySize = out.position() - directoryAt;
    out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    out.putShort((short) copies).putShort((short) copies).putInt(directorySize).putInt(directoryAt);
    out.putShort((short) 0);
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }
}
