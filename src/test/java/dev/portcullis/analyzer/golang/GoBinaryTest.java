package dev.portcullis.analyzer.golang;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.executable;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.elf.ElfBinaryAnalyzer;
import dev.portcullis.analyzer.elf.ElfBuilder;
import dev.portcullis.analyzer.elf.RealInputs;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go executables: Debian's (built in GOPATH mode, so they record the Go version and no modules),
 * and executables published on npm (scripts/build-gorust-inputs.sh) in both layouts of the build
 * information: Go 1.17's pointers, for x86-64, i386 and big-endian s390x, and Go 1.27's inline
 * strings with 54 modules. The oracle for each is what the file holds between the sentinels Go
 * frames module information with, found by a byte search that knows nothing of ELF, and the Go
 * version the file spells out.
 *
 * <p>Trivy (v0.44) on a root filesystem of these executables: 86 modules, all found here with the
 * same name and version; Trivy v0.44 does not yet report the Go version, which newer Trivy reports
 * as "stdlib" like this analyzer (4 more packages here, one per executable that has build
 * information). Debian's three executables: 0 packages from Trivy v0.44, stdlib v1.19.8 each here.
 */
class GoBinaryTest {

  static final byte[] START = HexFormat.of().parseHex("3077af0c9274080241e1c107e6d618e6");
  static final byte[] END = HexFormat.of().parseHex("f932433186182072008242104116d8f2");

  private final ElfBinaryAnalyzer analyzer = new ElfBinaryAnalyzer(List.of(new GoBinaryReader()));

  @TempDir Path dir;

  private AnalysisResult analyze(String path, byte[] bytes) throws IOException {
    return analyzer.analyze(new AnalysisInput(path, bytes.length, new ByteArrayInputStream(bytes)));
  }

  private AnalysisResult analyze(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return analyzer.analyze(new AnalysisInput("usr/bin/x", Files.size(file), in));
    }
  }

  private static List<String> coordinates(List<Package> packages) {
    return packages.stream().map(p -> p.type() + " " + p.name() + " " + p.version()).toList();
  }

  /** The modules the oracle text names, under their replacements, and the Go version. */
  private static List<String> expected(String modinfo, String goVersion) {
    List<String> modules = new ArrayList<>();
    modules.add("golang stdlib v" + goVersion.substring(2));
    for (String line : modinfo.split("\n")) {
      String[] columns = line.split("\t");
      if (columns[0].equals("dep")) {
        modules.add("golang " + columns[1] + " " + columns[2]);
      } else if (columns[0].equals("=>")) {
        modules.set(modules.size() - 1, "golang " + columns[1] + " " + columns[2]);
      }
    }
    return modules;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "esbuild-0.14.0-amd64",
        "esbuild-0.14.0-386",
        "esbuild-0.14.8-s390x",
        "protoc-gen-buf-lint"
      })
  void everyModuleOfARealExecutableIsFound(String name) throws IOException {
    Path binary = RealInputs.resolve("go/" + name);
    String modinfo = Files.readString(RealInputs.resolve("go/" + name + ".modinfo"));
    String goVersion = Files.readString(RealInputs.resolve("go/" + name + ".goversion"));

    AnalysisResult result = analyze(binary);

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages()))
        .containsExactlyInAnyOrderElementsOf(expected(modinfo, goVersion));
    assertThat(modinfo).contains("\tgolang.org/x/sys\t");
  }

  @Test
  void theProtocPluginRecordsFiftyFourModules() throws IOException {
    AnalysisResult result = analyze(RealInputs.resolve("go/protoc-gen-buf-lint"));

    assertThat(result.packages()).hasSize(55);
    assertThat(coordinates(result.packages()))
        .contains("golang google.golang.org/protobuf v1.36.13-0.20261016172727-e9ee2a76ab8e");
  }

  /**
   * esbuild 0.28 is published with the build information header stripped: its module text is still
   * in the file (runtime.modinfo), but nothing says which Go wrote it. Go's own reader (so {@code
   * go version -m} and Trivy) finds nothing; neither does this one, and it does not warn.
   */
  @Test
  void anExecutableWithoutTheBuildInformationHeaderIsNotReadAsGo() throws IOException {
    assertThat(Files.readString(RealInputs.resolve("go/esbuild-0.28.2-amd64.modinfo")))
        .contains("dep\tgolang.org/x/sys");

    AnalysisResult result = analyze(RealInputs.resolve("go/esbuild-0.28.2-amd64"));

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  /**
   * The Go toolchain Debian built an installed package with, as dpkg's Built-Using field names it
   * ("golang-1.19 (= 1.19.8-2)" gives "v1.19.8"). Debian's archive moves, so the tests ask dpkg.
   */
  private static String builtWithGo(String debianPackage) throws IOException {
    Process dpkg =
        new ProcessBuilder("dpkg-query", "-W", "-f=${Built-Using}", debianPackage)
            .redirectErrorStream(true)
            .start();
    String builtUsing = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher go = Pattern.compile("golang-1\\.\\d+ \\(= ([0-9.]+)-").matcher(builtUsing);
    assertThat(go.find()).as("Built-Using of " + debianPackage + ": " + builtUsing).isTrue();
    return "v" + go.group(1);
  }

  /**
   * Debian builds Go in GOPATH mode: the executable records its Go version and import path but no
   * module. The oracle for the version is dpkg's Built-Using field.
   */
  @ParameterizedTest
  @ValueSource(strings = {"docker-registry", "skopeo", "umoci"})
  void debiansGoExecutablesNameTheirGoVersion(String name) throws IOException {
    Path binary = Path.of("/usr/bin", name);
    byte[] bytes = Files.readAllBytes(binary);
    String modinfo = between(bytes);
    assertThat(modinfo).startsWith("path\t").doesNotContain("\nmod\t", "\ndep\t");

    AnalysisResult result = analyze(binary);

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages()))
        .containsExactly("golang stdlib " + builtWithGo(name));
  }

  private static String between(byte[] bytes) {
    int start = indexOf(bytes, START, 0);
    int end = indexOf(bytes, END, start + 16);
    return new String(bytes, start + 16, end - start - 16, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, byte[] what, int from) {
    outer:
    for (int i = Math.max(from, 0); i <= bytes.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (bytes[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  // --- hand-made build information, one rule each

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (value >= 0x80) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  /** Go 1.18+ inline build information: header, then version and framed module text. */
  static byte[] inline(String goVersion, String modText) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(GoBinaryReader.MAGIC);
    out.write(8);
    out.write(2);
    out.writeBytes(new byte[16]);
    byte[] version = goVersion.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(varint(version.length));
    out.writeBytes(version);
    ByteArrayOutputStream mod = new ByteArrayOutputStream();
    mod.writeBytes(START);
    mod.writeBytes(modText.getBytes(StandardCharsets.UTF_8));
    mod.writeBytes(END);
    out.writeBytes(varint(mod.size()));
    out.writeBytes(mod.toByteArray());
    return out.toByteArray();
  }

  static byte[] goExecutable(byte[] buildInfo) {
    return ElfBuilder.amd64()
        .section(".text", 0x401000, new byte[256])
        .section(".go.buildinfo", 0x500000, buildInfo)
        .load(".go.buildinfo", 6)
        .build();
  }

  @Test
  void replacedModulesAreReportedUnderTheirReplacement() throws IOException {
    String mod =
        """
        path\texample.com/app/cmd/app
        mod\texample.com/app\tv1.4.0\th1:abc=
        dep\tgithub.com/old/lib\tv1.0.0\th1:x=
        =>\tgithub.com/fork/lib\tv1.0.1-fix\th1:y=
        dep\texample.com/local\tv0.0.0-00010101000000-000000000000
        =>\t../local\t
        dep\tgolang.org/x/text\tv0.3.7\th1:z=
        build\t-compiler=gc
        build\tGOOS=linux
        """;

    AnalysisResult result = analyze("app", goExecutable(inline("go1.22.3 X:boringcrypto", mod)));

    // Trivy (and go version -m) name the fork; a local directory has no version to report.
    assertThat(coordinates(result.packages()))
        .containsExactly(
            "golang stdlib v1.22.3",
            "golang example.com/app v1.4.0",
            "golang github.com/fork/lib v1.0.1-fix",
            "golang golang.org/x/text v0.3.7");
    assertThat(result.packages()).allMatch(p -> p.foundIn().equals("app"));
  }

  @Test
  void aDevelMainModuleTakesTheVersionItsLinkerFlagsStamped() throws IOException {
    String mod =
        """
        path\tgithub.com/acme/tool/cmd/tool
        mod\tgithub.com/acme/tool\t(devel)\t
        dep\tgithub.com/spf13/cobra\tv1.8.0\th1:a=
        build\t-ldflags="-s -w -X 'github.com/acme/tool/internal/version.Version=v2.3.1' -X main.commit=abc"
        build\tCGO_ENABLED=0
        """;

    AnalysisResult result = analyze("tool", goExecutable(inline("go1.21.6", mod)));

    assertThat(coordinates(result.packages()))
        .containsExactly(
            "golang stdlib v1.21.6",
            "golang github.com/acme/tool v2.3.1",
            "golang github.com/spf13/cobra v1.8.0");
  }

  @Test
  void aDevelMainModuleWithoutAStampedVersionIsLeftOut() throws IOException {
    String ambiguous =
        "path\tx.io/y\nmod\tx.io/y\t(devel)\t\n"
            + "build\t-ldflags=\"-X a.Version=2.0.0 -X b.version=3.0.0\"\n";
    String unstamped = "path\tx.io/y\nmod\tx.io/y\t(devel)\t\nbuild\t-ldflags=-s\n";

    // Two stamped versions of equal rank: Trivy takes neither, nor does this analyzer.
    assertThat(coordinates(analyze("y", goExecutable(inline("go1.21.6", ambiguous))).packages()))
        .containsExactly("golang stdlib v1.21.6");
    assertThat(coordinates(analyze("y", goExecutable(inline("go1.21.6", unstamped))).packages()))
        .containsExactly("golang stdlib v1.21.6");
  }

  @Test
  void ldflagsVersionsFollowTrivysRanking() {
    assertThat(LdFlags.version("github.com/a/b", "-X main.version=1.2.3")).isEqualTo("1.2.3");
    assertThat(LdFlags.version("github.com/a/b", "-X=main.Version=v1.2.3")).isEqualTo("v1.2.3");
    assertThat(
            LdFlags.version(
                "github.com/a/b", "-X github.com/a/b/cmd/b.version=3.0.0 -X main.version=1.0.0"))
        .isEqualTo("3.0.0");
    assertThat(LdFlags.version("github.com/a/b", "-X main.version=notsemver")).isEmpty();
    assertThat(LdFlags.version("github.com/a/b", "-X 'main.version=1.0.0")).isEmpty();
    assertThat(LdFlags.isSemver("v1.2")).isTrue();
    assertThat(LdFlags.isSemver("1.2.3-rc.1+build.5")).isTrue();
    assertThat(LdFlags.isSemver("01.2.3")).isFalse();
  }

  @Test
  void quotedBuildSettingsAreUnquotedAsGoQuotesThem() {
    assertThat(BuildSetting.value("-ldflags=\"-s -w -X \\\"main.v=1\\\"\"", "-ldflags"))
        .isEqualTo("-s -w -X \"main.v=1\"");
    assertThat(BuildSetting.value("\"odd key\"=value", "odd key")).isEqualTo("value");
    assertThat(BuildSetting.value("GOOS=linux", "-ldflags")).isNull();
    assertThat(BuildSetting.value("-ldflags=\"unterminated", "-ldflags")).isNull();
  }

  /** A 32-bit big-endian Go 1.17-style executable (pointer format): no real one was at hand. */
  @Test
  void pointerFormatIsFollowedInA32BitBigEndianExecutable() throws IOException {
    byte[] version = "go1.16.15".getBytes(StandardCharsets.UTF_8);
    byte[] mod =
        ("path\tex.com/m\nmod\tex.com/m\tv0.1.0\t\ndep\tex.com/d\tv1.0.0\th1:q=\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream strings = new ByteArrayOutputStream();
    strings.writeBytes(version);
    strings.writeBytes(START);
    strings.writeBytes(mod);
    strings.writeBytes(END);
    int rodata = 0x3000;
    int modLength = 32 + mod.length;
    ByteBuffer headers = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
    headers.putInt(rodata).putInt(version.length).putInt(rodata + version.length).putInt(modLength);
    ByteBuffer info = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
    info.put(GoBinaryReader.MAGIC).put((byte) 4).put((byte) 1);
    info.position(16);
    info.putInt(0x2000).putInt(0x2008);
    byte[] elf =
        new ElfBuilder(false, ByteOrder.BIG_ENDIAN)
            .section(".go.buildinfo", 0x1000, info.array())
            .section(".data", 0x2000, headers.array())
            .section(".rodata", rodata, strings.toByteArray())
            .load(".go.buildinfo", 6)
            .load(".data", 6)
            .load(".rodata", 4)
            .build();

    assertThat(coordinates(analyze("m", elf).packages()))
        .containsExactly(
            "golang stdlib v1.16.15", "golang ex.com/m v0.1.0", "golang ex.com/d v1.0.0");
  }

  @Test
  void withoutTheSectionTheFirstWritableSegmentIsSearchedAsGoDoes() throws IOException {
    byte[] info = inline("go1.20.1", "path\ta/b\nmod\ta/b\tv1.0.0\t\n");
    byte[] padded = new byte[4096 + info.length];
    System.arraycopy(info, 0, padded, 4096, info.length);
    byte[] elf =
        ElfBuilder.amd64()
            .section(".text", 0x401000, new byte[64])
            .section(".data", 0x600000, padded)
            .load(".text", 5)
            .load(".data", 6)
            .build();

    assertThat(coordinates(analyze("b", elf).packages()))
        .containsExactly("golang stdlib v1.20.1", "golang a/b v1.0.0");
  }

  // --- hostile build information

  @Test
  void anInlineLengthBeyondTheFileIsAWarning() throws IOException {
    byte[] info = inline("go1.20.1", "path\ta\n");
    byte[] broken = new byte[32 + 10];
    System.arraycopy(info, 0, broken, 0, 32);
    byte[] huge = varint(3_000_000);
    System.arraycopy(huge, 0, broken, 32, huge.length);

    AnalysisResult result = analyze("usr/bin/evil", goExecutable(broken));

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("/usr/bin/evil: Go build information is malformed (an inline string at offset");
  }

  @Test
  void anInlineLengthOverTheLimitIsRefusedBeforeReading() throws IOException {
    byte[] broken = new byte[48];
    System.arraycopy(inline("go1.20.1", "x\n"), 0, broken, 0, 32);
    byte[] huge = varint(1L << 40);
    System.arraycopy(huge, 0, broken, 32, huge.length);

    assertThat(analyze("usr/bin/evil", goExecutable(broken)).warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("a string of 1099511627776 bytes, more than " + GoBinaryReader.MAX_STRING);
  }

  @Test
  void aPointerIntoNoSegmentIsAWarning() throws IOException {
    ByteBuffer info = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    info.put(GoBinaryReader.MAGIC).put((byte) 8).put((byte) 0);
    info.position(16);
    info.putLong(0xdead_0000L).putLong(0xbeef_0000L);

    assertThat(analyze("usr/bin/evil", goExecutable(info.array())).warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("the Go version string header at address 0xdead0000 is not in any loadable");
  }

  @Test
  void anUnknownPointerSizeIsAWarning() throws IOException {
    ByteBuffer info = ByteBuffer.allocate(32);
    info.put(GoBinaryReader.MAGIC).put((byte) 3).put((byte) 0);

    assertThat(analyze("usr/bin/evil", goExecutable(info.array())).warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("a pointer size of 3 bytes");
  }

  @Test
  void garbageModuleLinesAreSkippedAndTheRestKept() throws IOException {
    String mod =
        "path\tp\nmod\tp\nwhat\tever\ndep\tonly-one-column\ndep\tok/mod\tv1.0.0\n=>\tx\ty\tz\tw\n";

    assertThat(coordinates(analyze("p", goExecutable(inline("go1.20", mod))).packages()))
        .containsExactly("golang stdlib v1.20", "golang ok/mod v1.0.0");
  }

  @Test
  void moduleTextWithoutItsSentinelsIsNoModuleText() {
    assertThat(GoBinaryReader.stripSentinels("dep\ta\tv1\n")).isEmpty();
  }

  // --- end to end

  /**
   * An image with the real executables under usr/bin: every module of every one is listed, whether
   * the layer is stored uncompressed (its executables read at random, where their tables lie) or
   * compressed (streamed).
   */
  @ParameterizedTest
  @EnumSource(
      value = OciLayoutBuilder.Compression.class,
      names = {"NONE", "GZIP"})
  void anImageOfRealGoExecutablesListsEveryModule(OciLayoutBuilder.Compression compression)
      throws IOException {
    List<String> names =
        List.of(
            "esbuild-0.14.0-amd64",
            "esbuild-0.14.0-386",
            "esbuild-0.14.8-s390x",
            "protoc-gen-buf-lint",
            "esbuild-0.28.2-amd64");
    List<OciLayoutBuilder.Entry> entries = new ArrayList<>();
    entries.add(file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"));
    for (String debian : List.of("docker-registry", "skopeo", "umoci")) {
      entries.add(executable("usr/bin/" + debian, Files.readAllBytes(Path.of("/usr/bin", debian))));
    }
    for (String name : names) {
      entries.add(
          executable("usr/bin/" + name, Files.readAllBytes(RealInputs.resolve("go/" + name))));
    }
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .compression(compression)
        .layer("COPY go binaries /usr/bin/", entries.toArray(OciLayoutBuilder.Entry[]::new))
        .writeTo(layout, "v1");

    Cli.Result result = Cli.run("sbom", "image", "oci:" + layout, "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    List<String> found = new ArrayList<>();
    report
        .get("packages")
        .forEach(
            p ->
                found.add(
                    p.get("foundIn").asText()
                        + " "
                        + p.get("name").asText()
                        + " "
                        + p.get("version").asText()));
    List<String> expected = new ArrayList<>();
    for (String name : names.subList(0, 4)) {
      String modinfo = Files.readString(RealInputs.resolve("go/" + name + ".modinfo"));
      String go = Files.readString(RealInputs.resolve("go/" + name + ".goversion"));
      expected.addAll(
          expected(modinfo, go).stream()
              .map(c -> "usr/bin/" + name + " " + c.substring("golang ".length()))
              .toList());
    }
    for (String debian : List.of("docker-registry", "skopeo", "umoci")) {
      expected.add("usr/bin/" + debian + " stdlib " + builtWithGo(debian));
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:golang/stdlib@" + builtWithGo("skopeo") + "\"",
            "\"purl\" : \"pkg:golang/golang.org/x/sys@v0.0.0-20210908233432-aa78b53d3365\"");
    assertThat(report.get("warnings").toString()).isEqualTo("[]");
    assertThat(found.stream().collect(Collectors.toSet())).hasSize(found.size());
  }
}
