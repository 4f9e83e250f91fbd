package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code bin/portcullis} and its class-data-sharing archive: the user's own run never records one;
 * the one {@code --record-class-archive} ships beside the jar is used, and without it a training
 * run records one in the background after a whole scan, except where CI is set or the archive is
 * turned off. The launcher runs a stand-in jar that prints its arguments; {@code sbom CODE} exits
 * with CODE, the training run ({@code train-class-archive IMAGE ...}) with 0.
 */
class LauncherScriptTest {

  @TempDir Path dir;
  private Path jar;
  private Path cached;
  private Path shipped;

  /** The stand-in for the Portcullis jar. */
  public static final class ExitWith {
    public static void main(String[] args) {
      System.out.println(String.join(" ", args));
      System.exit(args[1].matches("[0-9]+") ? Integer.parseInt(args[1]) : 0);
    }
  }

  @BeforeEach
  void standInJarAndDemoImage() throws IOException {
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
    // The training run's input, as the build leaves it beside the jar; the stand-in reads nothing.
    Files.createDirectories(dir.resolve("demo"));
    Files.createFile(dir.resolve("demo/demo-image.tar"));
    cached = dir.resolve("cache/portcullis/jvm");
    shipped = dir.resolve("class-archives");
  }

  @Test
  void aScanThatStopsOnAnInputErrorStartsNoRecording() throws Exception {
    assertThat(launch(Map.of(), "sbom", "2").exitCode).isEqualTo(2);
    assertThat(files(cached)).isEmpty();
  }

  @Test
  void aScanThatStopsOnAnInternalErrorStartsNoRecording() throws Exception {
    assertThat(launch(Map.of(), "sbom", "3").exitCode).isEqualTo(3);
    assertThat(files(cached)).isEmpty();
  }

  @Test
  void aWholeScanRecordsTheArchiveAfterwardsAndALaterRunUsesIt() throws Exception {
    assumeTheJdkCanRecord();
    Run first = launch(Map.of(), "sbom", "0");
    assertThat(first.exitCode).isZero();
    assertThat(first.output).isEqualTo(launch(noArchive(), "sbom", "0").output);

    List<String> recorded = recordingsFinished(cached);
    assertThat(recorded).singleElement().asString().endsWith(".jsa");
    assertThat(standInClassSource(Map.of())).isEqualTo("shared objects file (top)");
    assertThat(launch(Map.of(), "sbom", "2").exitCode).isEqualTo(2);
    assertThat(files(cached)).isEqualTo(recorded);
  }

  @Test
  void aScanWhoseGateFailedRanToItsEndAndRecords() throws Exception {
    assumeTheJdkCanRecord();
    assertThat(launch(Map.of(), "sbom", "1").exitCode).isEqualTo(1);
    assertThat(recordingsFinished(cached)).singleElement().asString().endsWith(".jsa");
  }

  @Test
  void withCiSetNoRecordingStarts() throws Exception {
    Run run = launch(Map.of("CI", "true"), "sbom", "0");
    assertThat(run.exitCode).isZero();
    assertThat(run.output).isEqualTo("sbom 0\n");
    assertThat(files(cached)).isEmpty();
  }

  @Test
  void theNoClassArchiveOptionIsTheLaunchersOwnAndStartsNoRecording() throws Exception {
    Run run = launch(Map.of(), "sbom", "0", "--no-class-archive");
    assertThat(run.exitCode).isZero();
    assertThat(run.output).isEqualTo("sbom 0\n");
    assertThat(files(cached)).isEmpty();

    assertThat(launch(Map.of(), "--no-class-archive", "sbom", "0").output).isEqualTo("sbom 0\n");
    assertThat(files(cached)).isEmpty();
  }

  @Test
  void afterADoubleDashTheOptionIsAnArgumentForPortcullis() throws Exception {
    Run run = launch(Map.of("CI", "true"), "sbom", "0", "--", "--no-class-archive");
    assertThat(run.output).isEqualTo("sbom 0 -- --no-class-archive\n");
  }

  @Test
  void theArchiveRecordedForTheJarIsUsedAndNoneIsRecordedBesideIt() throws Exception {
    assumeTheJdkCanRecord();
    assertThat(launch(Map.of(), "--record-class-archive").exitCode).isZero();
    assertThat(files(shipped)).singleElement().asString().endsWith(".jsa");

    assertThat(standInClassSource(Map.of())).isEqualTo("shared objects file (top)");
    assertThat(launch(Map.of(), "sbom", "0").exitCode).isZero();
    assertThat(files(cached)).isEmpty();
    assertThat(standInClassSource(noArchive())).isNotEqualTo("shared objects file (top)");
  }

  @Test
  void recordingTheArchiveTakesNoOtherArguments() throws Exception {
    Run run = launch(Map.of(), "--record-class-archive", "sbom", "0");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.output).contains("--record-class-archive takes no other arguments");
    assertThat(files(shipped)).isEmpty();
  }

  /** A dynamic archive is recorded on top of the JDK's default one. */
  private static void assumeTheJdkCanRecord() {
    assumeTrue(
        Files.exists(Path.of(System.getProperty("java.home"), "lib/server/classes.jsa")),
        "this JDK has no default class-data-sharing archive to record on top of");
  }

  private static Map<String, String> noArchive() {
    return Map.of("PORTCULLIS_NO_CLASS_ARCHIVE", "1");
  }

  private record Run(int exitCode, String output) {}

  private Run launch(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "bin/portcullis"));
    command.addAll(List.of(arguments));
    Path output = dir.resolve("output.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().put("PORTCULLIS_JAR", jar.toString());
    builder.environment().remove("PORTCULLIS_NO_CLASS_ARCHIVE");
    builder.environment().remove("PORTCULLIS_JAVA_OPTS");
    builder.environment().remove("CI");
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(output));
  }

  /** Where the JVM loaded the stand-in's main class from, as its class loading log says. */
  private String standInClassSource(Map<String, String> environment) throws Exception {
    Map<String, String> logging = new HashMap<>(environment);
    logging.put("PORTCULLIS_JAVA_OPTS", "-XX:+UseSerialGC -Xlog:class+load=info");
    String output = launch(logging, "--version", "0").output;
    return output
        .lines()
        .filter(line -> line.contains(ExitWith.class.getName() + " source: "))
        .map(line -> line.substring(line.indexOf(" source: ") + 9))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The files in {@code archives} once the training run that the launcher left running has finished
   * (its lock file is gone).
   */
  private static List<String> recordingsFinished(Path archives) throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
    List<String> files = files(archives);
    while (files.stream().anyMatch(name -> name.endsWith(".recording"))
        && Instant.now().isBefore(giveUp)) {
      Thread.sleep(100);
      files = files(archives);
    }
    return files;
  }

  /** The file names in a directory, recordings in progress and lock files included. */
  private static List<String> files(Path archives) throws IOException {
    if (!Files.isDirectory(archives)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(archives)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
