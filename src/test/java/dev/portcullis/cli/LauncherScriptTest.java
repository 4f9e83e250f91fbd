package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/portcullis} records its class-data-sharing archive only from a scan that ran to its
 * end. The launcher runs a stand-in jar whose main method exits with the code it is given.
 */
class LauncherScriptTest {

  @TempDir Path dir;
  private Path jar;
  private Path archives;

  /** The stand-in for the Portcullis jar: {@code sbom CODE} exits with CODE. */
  public static final class ExitWith {
    public static void main(String[] args) {
      System.exit(Integer.parseInt(args[1]));
    }
  }

  @BeforeEach
  void standInJar() throws IOException {
    jar = dir.resolve("stand-in.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ExitWith.class.getName());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Class<?> type : List.of(ExitWith.class, LauncherScriptTest.class)) {
        String entry = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(entry));
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    archives = dir.resolve("cache/portcullis/jvm");
  }

  @Test
  void aScanThatStopsOnAnInputErrorLeavesNoArchive() throws Exception {
    assertThat(launch("2")).isEqualTo(2);
    assertThat(archiveFiles()).isEmpty();
  }

  @Test
  void aScanThatStopsOnAnInternalErrorLeavesNoArchive() throws Exception {
    assertThat(launch("3")).isEqualTo(3);
    assertThat(archiveFiles()).isEmpty();
  }

  @Test
  void aWholeScanRecordsTheArchiveAndLaterRunsKeepIt() throws Exception {
    assumeTheJdkCanRecord();
    assertThat(launch("0")).isZero();
    List<String> recorded = archiveFiles();
    assertThat(recorded).singleElement().asString().endsWith(".jsa");

    assertThat(launch("2")).isEqualTo(2);
    assertThat(archiveFiles()).isEqualTo(recorded);
  }

  @Test
  void aScanWhoseGateFailedRanToItsEndAndRecords() throws Exception {
    assumeTheJdkCanRecord();
    assertThat(launch("1")).isEqualTo(1);
    assertThat(archiveFiles()).singleElement().asString().endsWith(".jsa");
  }

  /** A dynamic archive is recorded on top of the JDK's default one. */
  private static void assumeTheJdkCanRecord() {
    assumeTrue(
        Files.exists(Path.of(System.getProperty("java.home"), "lib/server/classes.jsa")),
        "this JDK has no default class-data-sharing archive to record on top of");
  }

  private int launch(String exitCode) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "bin/portcullis", "sbom", exitCode)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().put("PORTCULLIS_JAR", jar.toString());
    builder.environment().remove("PORTCULLIS_NO_CLASS_ARCHIVE");
    builder.environment().remove("PORTCULLIS_JAVA_OPTS");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  /** The file names in the archive directory, recordings in progress included. */
  private List<String> archiveFiles() throws IOException {
    if (!Files.isDirectory(archives)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(archives)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
