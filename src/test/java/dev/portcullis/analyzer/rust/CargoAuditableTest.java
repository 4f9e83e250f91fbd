package dev.portcullis.analyzer.rust;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.executable;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rust executables with cargo-auditable's dependency data. cargo-auditable is not packaged for
 * Debian 12 and nothing else can be fetched, so scripts/build-gorust-inputs.sh does what it does
 * with Debian's own tools: it builds a small crate with Debian's cargo and rustc (real executable,
 * real resolution), computes the audit data from {@code cargo metadata} as cargo-auditable does,
 * and adds it as section {@code .dep-v0} with objcopy. (cargo-auditable has the linker place the
 * section; objcopy places it after the loaded ones. Readers find it by name either way.)
 *
 * <p>Trivy (v0.44) on that executable: hello-auditable, cfg-if, itoa and smallvec, as here; both
 * leave out cc, a build dependency. Trivy v0.44 has no "rustbinary" entry in
 * compare-with-trivy.sh's type table, so the script counts its four separately.
 */
class CargoAuditableTest {

  private final ElfBinaryAnalyzer analyzer =
      new ElfBinaryAnalyzer(List.of(new CargoAuditableReader()));

  @TempDir Path dir;

  private AnalysisResult analyze(byte[] bytes) throws IOException {
    return analyzer.analyze(
        new AnalysisInput("usr/local/bin/app", bytes.length, new ByteArrayInputStream(bytes)));
  }

  private static List<String> coordinates(List<Package> packages) {
    return packages.stream().map(p -> p.name() + " " + p.version()).toList();
  }

  static byte[] zlib(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(7))) {
      deflate.write(data);
    }
    return out.toByteArray();
  }

  static byte[] auditable(byte[] section) {
    return ElfBuilder.amd64()
        .section(".text", 0x401000, new byte[128])
        .section(".dep-v0", 0, section)
        .build();
  }

  private AnalysisResult analyzeJson(String json) throws IOException {
    return analyze(auditable(zlib(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void theCratesBuiltIntoARealExecutableAreListedAndBuildDependenciesAreNot() throws IOException {
    JsonNode audit = new ObjectMapper().readTree(RealInputs.resolve("rust/audit.json").toFile());
    List<String> runtime = new ArrayList<>();
    List<String> build = new ArrayList<>();
    audit
        .get("packages")
        .forEach(
            p -> {
              String coordinates = p.get("name").asText() + " " + p.get("version").asText();
              if (!p.has("kind") || p.get("kind").asText().equals("runtime")) {
                runtime.add(coordinates);
              } else {
                build.add(coordinates);
              }
            });
    // The crate's own dependencies: itoa, smallvec, cfg-if at run time, cc at build time, at the
    // versions Debian's archive gave in this run.
    assertThat(runtime).contains("hello-auditable 0.1.0").hasSize(4);
    assertThat(build).singleElement().asString().startsWith("cc ");

    AnalysisResult result = analyze(Files.readAllBytes(RealInputs.resolve("rust/hello-auditable")));

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages()))
        .containsExactlyInAnyOrderElementsOf(runtime)
        .doesNotContainAnyElementsOf(build);
    assertThat(result.packages()).allMatch(p -> p.type().equals("cargo"));
  }

  @Test
  void anImageWithTheExecutableAndItsLockfileListsBoth() throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer(
            "COPY app",
            executable(
                "usr/local/bin/hello-auditable",
                Files.readAllBytes(RealInputs.resolve("rust/hello-auditable"))))
        .writeTo(layout, "v1");

    Cli.Result result = Cli.run("sbom", "image", "oci:" + layout, "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String smallvec =
        Files.readAllLines(RealInputs.resolve("rust/lock.packages")).stream()
            .filter(l -> l.startsWith("smallvec "))
            .findFirst()
            .orElseThrow()
            .split(" ")[1];
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:cargo/smallvec@" + smallvec + "\"",
            "\"purl\" : \"pkg:cargo/hello-auditable@0.1.0\"",
            "\"foundIn\" : \"usr/local/bin/hello-auditable\"")
        .doesNotContain("pkg:cargo/cc@");
  }

  @Test
  void anExecutableWithoutTheSectionHasNoCrates() throws IOException {
    AnalysisResult result =
        analyze(ElfBuilder.amd64().section(".text", 0x1000, new byte[8]).build());

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void aSectionThatIsNotZlibIsAWarning() throws IOException {
    AnalysisResult result =
        analyze(auditable("{\"packages\":[]}".getBytes(StandardCharsets.UTF_8)));

    assertThat(result.warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(
            "/usr/local/bin/app: cargo-auditable data (.dep-v0) is malformed (not zlib data");
  }

  @Test
  void truncatedZlibIsAWarning() throws IOException {
    byte[] whole =
        zlib("{\"packages\":[{\"name\":\"a\",\"version\":\"1\"}]}".repeat(50).getBytes());

    AnalysisResult result = analyze(auditable(Arrays.copyOf(whole, whole.length / 2)));

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).singleElement().asString().contains("is malformed (");
  }

  @Test
  void malformedJsonIsAWarningWithItsLine() throws IOException {
    assertThat(analyzeJson("{\"packages\":[{\"name\":\"a\",").warnings())
        .singleElement()
        .asString()
        .contains("is malformed (not valid JSON (line 1: ");
  }

  @Test
  void wrongShapesAreWarnings() throws IOException {
    assertThat(analyzeJson("[1,2]").warnings())
        .singleElement()
        .asString()
        .contains("the JSON is not an object");
    assertThat(analyzeJson("{\"packages\":{}}").warnings())
        .singleElement()
        .asString()
        .contains("\"packages\" is not an array");
    assertThat(analyzeJson("{\"format\":1}").warnings())
        .singleElement()
        .asString()
        .contains("no \"packages\" array");
    assertThat(analyzeJson("{\"packages\":[{\"name\":\"a\",\"version\":1}]}").warnings())
        .singleElement()
        .asString()
        .contains("package 0 has no name or version string");
    assertThat(analyzeJson("{\"packages\":[7]}").warnings())
        .singleElement()
        .asString()
        .contains("package 0 has no name or version string");
  }

  @Test
  void unknownFieldsAndKindsAreToleratedAsTheFormatPromises() throws IOException {
    AnalysisResult result =
        analyzeJson(
            """
            {"format":8,"future":{"x":[1]},"packages":[
              {"name":"root","version":"0.1.0","source":"local","root":true,"dependencies":[1,2]},
              {"name":"serde","version":"1.0.200","source":"crates.io","kind":"runtime"},
              {"name":"serde_derive","version":"1.0.200","source":"crates.io","kind":"build"},
              {"name":"serde","version":"1.0.200","source":{"Other":"vendored"}}
            ]}
            """);

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages())).containsExactly("root 0.1.0", "serde 1.0.200");
  }

  @Test
  void aZlibBombStopsAtTheLimit() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9))) {
      deflate.write("{\"packages\":[".getBytes(StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 80; i++) {
        deflate.write(spaces);
      }
    }

    AnalysisResult result = analyze(auditable(compressed.toByteArray()));

    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("inflates beyond " + CargoAuditableReader.MAX_JSON + " bytes");
  }

  @Test
  void aSectionLargerThanTheLimitIsNotRead() throws IOException {
    byte[] elf = auditable(new byte[16]);
    // Patch .dep-v0's sh_size (section 2 of the table at the end) to 1 GiB.
    java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long table = buffer.getLong(40);
    buffer.putLong((int) table + 2 * 64 + 32, 1L << 30);

    assertThat(analyze(elf).warnings())
        .singleElement()
        .asString()
        .contains(
            "section .dep-v0 holds 1073741824 bytes, more than "
                + CargoAuditableReader.MAX_COMPRESSED);
  }
}
