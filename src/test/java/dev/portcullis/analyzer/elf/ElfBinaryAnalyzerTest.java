package dev.portcullis.analyzer.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which files the binary analyzer asks for, and what it makes of files that are not binaries. */
class ElfBinaryAnalyzerTest {

  /** A reader that names every ELF file it is shown, to see the analyzer hand it over. */
  private static final BinaryReader SEEN =
      new BinaryReader() {
        @Override
        public String what() {
          return "test data";
        }

        @Override
        public List<Package> read(ElfFile elf, String path) throws MalformedBinaryException {
          if (elf.section(".broken").isPresent()) {
            throw new MalformedBinaryException("the test says so");
          }
          return List.of(Package.library("generic", "seen", "1", path));
        }
      };

  private final ElfBinaryAnalyzer analyzer = new ElfBinaryAnalyzer(List.of(SEEN));

  private AnalysisResult analyze(String path, byte[] bytes) throws IOException {
    return analyzer.analyze(new AnalysisInput(path, bytes.length, new ByteArrayInputStream(bytes)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "usr/bin/skopeo",
        "usr/local/bin/terraform-provider-aws_v5.31.0_x5",
        "manager",
        "app/server",
        "ko-app/controller",
        "usr/lib/node_modules/esbuild/bin/esbuild",
        "usr/share/grafana/bin/grafana",
        "usr/bin/python3.11"
      })
  void executablesAnywhereAreOffered(String path) {
    assertThat(analyzer.required(path, 5_000_000)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "usr/lib/x86_64-linux-gnu/libc.so.6",
        "usr/lib64/libz.so.1.2.13",
        "usr/lib/x86_64-linux-gnu/libz.so"
      })
  void sharedLibrariesAreNotOfferedEvenWithAnExecuteBit(String path) {
    assertThat(analyzer.required(path, 5_000_000)).isFalse();
  }

  @Test
  void onlyExecutablesAreOffered() {
    assertThat(analyzer.executablesOnly()).isTrue();
  }

  @Test
  void sizeBoundsAreKept() {
    assertThat(analyzer.required("usr/bin/x", ElfBinaryAnalyzer.MIN_SIZE - 1)).isFalse();
    assertThat(analyzer.maxFileSize()).isEqualTo(ElfBinaryAnalyzer.MAX_SIZE);
  }

  /**
   * The engine holds a file in memory whole when two analyzers want it: none may overlap. These are
   * data files (mode 0644), which executables-only analyzers are never offered.
   */
  @Test
  void noFileAnotherAnalyzerReadsIsAskedForTwice() {
    List<Analyzer> analyzers = Analyzers.forProjects(ArchiveLimits.defaults());
    for (String path :
        List.of(
            "var/lib/dpkg/status",
            "var/lib/dpkg/status.d/base",
            "var/lib/dpkg/info/bash.list",
            "lib/apk/db/installed",
            "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/rpmdb.sqlite",
            "etc/os-release",
            "usr/lib/os-release",
            "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA",
            "usr/lib/python3/dist-packages/six.egg-info",
            "usr/lib/python3/dist-packages/six.egg-info/PKG-INFO",
            "app/app.jar",
            "go.mod",
            "app/Cargo.lock")) {
      assertThat(
              analyzers.stream()
                  .filter(a -> !a.executablesOnly() && a.required(path, 1000))
                  .count())
          .as(path)
          .isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aFileThatIsNotElfCostsFourBytes() throws IOException {
    AtomicLong read = new AtomicLong();
    byte[] script = "#!/bin/sh\necho hello\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    InputStream counting =
        new ByteArrayInputStream(script) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read.addAndGet(Math.max(n, 0));
            return n;
          }
        };

    AnalysisResult result =
        analyzer.analyze(new AnalysisInput("usr/bin/hello", script.length, counting));

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(read.get()).isEqualTo(4);
  }

  @Test
  void anElfFileIsHandedToTheReaders() throws IOException {
    AnalysisResult result =
        analyze("usr/bin/x", ElfBuilder.amd64().section(".text", 0, new byte[8]).build());

    assertThat(result.packages()).extracting(Package::name).containsExactly("seen");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void aTruncatedElfHeaderIsAWarningNamingTheFile() throws IOException {
    AnalysisResult result = analyze("usr/bin/cut", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .containsExactly(
            "/usr/bin/cut: ELF header is cut short: the file ends early; it was not read as an"
                + " executable");
  }

  @Test
  void aBrokenTableIsAWarningAndTheReadersStillRun() throws IOException {
    byte[] bytes = ElfBuilder.amd64().section(".text", 0, new byte[8]).build();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(40, -5L);

    AnalysisResult result = analyze("usr/bin/odd", bytes);

    assertThat(result.warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("/usr/bin/odd: the section header table at offset 18446744073709551611");
    assertThat(result.packages()).extracting(Package::name).containsExactly("seen");
  }

  @Test
  void aReaderThatMeetsBrokenDataGivesAWarningNamingFileAndData() throws IOException {
    AnalysisResult result =
        analyze("usr/bin/bad", ElfBuilder.amd64().section(".broken", 0, new byte[8]).build());

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .containsExactly("/usr/bin/bad: test data is malformed (the test says so)");
  }
}
