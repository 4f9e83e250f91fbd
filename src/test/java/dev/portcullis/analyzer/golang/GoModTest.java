package dev.portcullis.analyzer.golang;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.elf.RealInputs;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go.mod files: Debian's copy of containers/image's (go 1.17: a direct and an indirect require
 * block, 85 modules) and hand-made ones for the replace rules and broken syntax.
 *
 * <p>Trivy (v0.44) on the containers/image project: the same 85 modules; it writes their versions
 * without the leading "v" ("1.2.0"), which Go, OSV's Go advisories' purls and newer Trivy keep
 * ("v1.2.0"), so its list and ours differ only in that letter.
 */
class GoModTest {

  private final GoModAnalyzer analyzer = new GoModAnalyzer();

  @TempDir Path dir;

  private AnalysisResult analyze(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return analyzer.analyze(
        new AnalysisInput("go.mod", bytes.length, new ByteArrayInputStream(bytes)));
  }

  private static List<String> coordinates(List<Package> packages) {
    return packages.stream().map(p -> p.name() + " " + p.version()).toList();
  }

  /**
   * The "module version" pairs of the tab-indented lines of Debian's go.mod, which has require
   * blocks only: the oracle, read without our parser. Debian's archive moves, so neither the count
   * nor a version is written in the tests.
   */
  private static List<String> tabIndentedRequirements(String text) {
    List<String> lines =
        text.lines()
            .filter(l -> l.startsWith("\t") && l.trim().split("\\s+").length >= 2)
            .map(l -> String.join(" ", List.of(l.trim().split("\\s+")).subList(0, 2)))
            .toList();
    assertThat(lines).as("requirements of Debian's go.mod").isNotEmpty();
    return lines;
  }

  @Test
  void everyRequirementOfDebiansContainersImageGoModIsListed() throws IOException {
    String text = Files.readString(RealInputs.resolve("gomod/containers-image/go.mod"));

    AnalysisResult result = analyze(text);
    GoModFile parsed = GoModFile.parse(text);

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages()))
        .containsExactlyInAnyOrderElementsOf(tabIndentedRequirements(text));
    assertThat(parsed.module()).isEqualTo("github.com/containers/image/v5");
    assertThat(text.lines()).contains("go " + parsed.goVersion());
    assertThat(parsed.requirements().stream().filter(GoModFile.Requirement::indirect).count())
        .isEqualTo(text.lines().filter(l -> l.endsWith("// indirect")).count())
        .isPositive();
  }

  @Test
  void replaceDirectivesApplyAsGoAndTrivyApplyThem() throws IOException {
    AnalysisResult result =
        analyze(
            """
            module example.com/app // the app

            go 1.21

            require github.com/single/line v1.0.0
            require (
            	github.com/old/lib v1.2.0
            	github.com/pinned/lib v1.0.0 // indirect
            	github.com/local/lib v0.1.0
            	"github.com/quoted/path" v2.0.0+incompatible
            )

            replace github.com/old/lib => github.com/fork/lib v1.2.1-fix
            replace (
            	github.com/pinned/lib v0.9.0 => github.com/other/lib v9.9.9 // another version only
            	github.com/local/lib => ../local
            	github.com/not/required => github.com/x/y v1.0.0
            )
            exclude github.com/bad/one v1.0.0
            retract v0.0.1
            toolchain go1.21.5
            """);

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages()))
        .containsExactly(
            "github.com/single/line v1.0.0",
            "github.com/fork/lib v1.2.1-fix",
            "github.com/pinned/lib v1.0.0",
            "github.com/quoted/path v2.0.0+incompatible");
    assertThat(result.packages()).allMatch(p -> p.type().equals("golang") && !p.dev());
  }

  @Test
  void indirectIsReadFromTheCommentAsModfileReadsIt() {
    GoModFile parsed =
        GoModFile.parse(
            "require (\n a v1.0.0 // indirect\n b v1.0.0 // indirect; for tests\n c v1.0.0 // not indirect\n)\n");

    assertThat(parsed.requirements())
        .extracting(GoModFile.Requirement::indirect)
        .containsExactly(true, true, false);
  }

  @Test
  void brokenLinesAreWarningsAndTheRestIsRead() throws IOException {
    AnalysisResult result =
        analyze(
            """
            module x
            require only-a-path
            require "unterminated v1.0.0
            replace a b c d => e
            require good/mod v1.0.0
            require (
            	late/mod v2.0.0
            """);

    assertThat(coordinates(result.packages()))
        .containsExactly("good/mod v1.0.0", "late/mod v2.0.0");
    assertThat(result.warnings())
        .containsExactly(
            "/go.mod: line 2: a require needs a module path and a version; skipped",
            "/go.mod: line 3: unterminated quoted string; the line was skipped",
            "/go.mod: line 4: a replace needs the form \"old [version] => new [version]\"; skipped",
            "/go.mod: the require block opened on line 6 is never closed");
  }

  @Test
  void binaryGarbageIsNotAnException() throws IOException {
    byte[] garbage = new byte[5000];
    new java.util.Random(7).nextBytes(garbage);

    AnalysisResult result =
        analyzer.analyze(
            new AnalysisInput("go.mod", garbage.length, new ByteArrayInputStream(garbage)));

    assertThat(result.packages()).allMatch(p -> p.type().equals("golang"));
  }

  @Test
  void anOversizedFileIsNotReadAndSaysSo() throws IOException {
    byte[] big = new byte[(int) GoModAnalyzer.MAX_SIZE + 10];

    AnalysisResult result =
        analyzer.analyze(
            new AnalysisInput("src/go.mod", big.length, new ByteArrayInputStream(big)));

    assertThat(result.warnings())
        .containsExactly(
            "/src/go.mod is larger than " + GoModAnalyzer.MAX_SIZE + " bytes and was not read");
    assertThat(analyzer.maxFileSize()).isEqualTo(GoModAnalyzer.MAX_SIZE);
    assertThat(analyzer.required("src/go.mod", 100)).isTrue();
    assertThat(analyzer.required("src/go.mod.bak", 100)).isFalse();
  }

  @Test
  void aProjectScanListsTheModulesOfItsGoMod() throws IOException {
    Path project = dir.resolve("project");
    Files.createDirectories(project);
    Path goMod = RealInputs.resolve("gomod/containers-image/go.mod");
    Files.copy(goMod, project.resolve("go.mod"));
    String[] storage =
        tabIndentedRequirements(Files.readString(goMod)).stream()
            .filter(r -> r.startsWith("github.com/containers/storage "))
            .findFirst()
            .orElseThrow()
            .split(" ");

    Cli.Result result = Cli.run("sbom", "fs", project.toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:golang/" + storage[0] + "@" + storage[1] + "\"",
            "\"foundIn\" : \"go.mod\"");
  }

  /** Before Go 1.17 go.mod names only direct requirements; the go.sum beside it names the rest. */
  @Test
  void anOldModulesGoSumAddsWhatItsGoModLeavesOut() throws IOException {
    Path project = Files.createDirectories(dir.resolve("old"));
    Files.writeString(
        project.resolve("go.mod"),
        "module example.com/app\n\ngo 1.16\n\nrequire github.com/pkg/errors v0.9.1\n");
    // As the go command writes it: sorted by module, then by version; /go.mod lines too.
    Files.writeString(
        project.resolve("go.sum"),
        """
        github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=
        github.com/pkg/errors v0.9.1/go.mod h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=
        golang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=
        golang.org/x/text v0.3.7 h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=
        golang.org/x/text v0.3.7/go.mod h1:u+2+/6zg+i71rQMx5EYifcz6MCKuco9NR6JIITiCfzQ=
        """);
    Path current = Files.createDirectories(dir.resolve("current"));
    Files.writeString(
        current.resolve("go.mod"),
        "module example.com/app\n\ngo 1.21\n\nrequire github.com/pkg/errors v0.9.1\n");
    Files.copy(project.resolve("go.sum"), current.resolve("go.sum"));

    String old = Cli.run("sbom", "fs", project.toString(), "--no-cache", "-f", "json").out();
    String modern = Cli.run("sbom", "fs", current.toString(), "--no-cache", "-f", "json").out();

    assertThat(old)
        .contains(
            "\"purl\" : \"pkg:golang/github.com/pkg/errors@v0.9.1\"",
            "\"purl\" : \"pkg:golang/golang.org/x/text@v0.3.7\"",
            "\"foundIn\" : \"go.sum\"")
        .doesNotContain("v0.3.0\"");
    assertThat(modern).doesNotContain("golang.org/x/text");
  }

  /** A go.mod in an image says what a build would use, not what ships: Trivy skips it too. */
  @Test
  void anImageScanLeavesGoModAlone() throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer("COPY . /src", file("src/app/go.mod", "module a\n\nrequire b/c v1.0.0\n"))
        .writeTo(layout, "v1");

    Cli.Result result = Cli.run("sbom", "image", "oci:" + layout, "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).doesNotContain("b/c");
  }
}
