package dev.portcullis.analyzer.python;

import static dev.portcullis.analyzer.python.PythonProjects.analyze;
import static dev.portcullis.analyzer.python.PythonProjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.java.ArchiveLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * requirements.txt: the real ones of Ansible's collections (Debian's ansible package) and one
 * written after pip's format with a line of every kind, in pip/requirements.txt next to this test.
 */
class PipRequirementsTest {

  private final RequirementsAnalyzer analyzer = new RequirementsAnalyzer();

  @TempDir Path dir;

  @Test
  void onlyLinesPinningOneVersionArePackages() throws IOException {
    AnalysisResult result =
        analyze(analyzer, "app/requirements.txt", PythonProjects.resource("pip/requirements.txt"));

    // Trivy's pip parser gives the same, but for its own misreadings: "PyYAML( 6.0.1)",
    // "typing_extensions =4.8.0", "boto3 1.28.0,!=1.28.1" and the non-versions "numpy 1.*" and
    // "tomli ${TOMLI_VERSION}" (the reference build; Trivy's current parser checks names and
    // versions and drops all five). PEP 508 allows "name (==v)" and PEP 440 "===v", so both are
    // pins.
    assertThat(lines(result))
        .containsExactly(
            "requests 2.31.0",
            "Django 4.2.7",
            "urllib3 1.26.18",
            "importlib-metadata 6.8.0",
            "certifi 2023.7.22",
            "PyYAML 6.0.1",
            "typing_extensions 4.8.0",
            "boto3 1.28.0",
            "idna 3.4");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void realRequirementsFilesOfAnsibleCollectionsGiveTheirPins() throws IOException {
    Path real = PythonProjects.realLockfiles();

    PythonProjects.Sbom sbom = PythonProjects.sbomFs(real.resolve("ansible_collections"));

    // Dozens of files, mostly ranges ("boto3>=1.18.0"), a git URL, "functions-framework==3.*",
    // markers alone ("selectors2 ; python_version == '3.6'"). Their pins are what pip's PEP 508
    // parser reads in the same run (scripts/fetch-python-lockfiles.sh): Debian's ansible package
    // moves, so neither counts nor versions are written here. Trivy's reference build also
    // reports "functions-framework 3.*", a range, not a version.
    List<String> pins = Files.readAllLines(real.resolve("ansible.requirements"));
    assertThat(pins).as("pip's pins").isNotEmpty();
    assertThat(
            sbom.packages().stream()
                .filter(p -> p.foundIn().endsWith("requirements.txt"))
                .map(p -> p.foundIn() + " " + p.line()))
        .containsExactlyInAnyOrderElementsOf(pins);
    assertThat(sbom.packages())
        .filteredOn(p -> p.foundIn().endsWith("requirements.txt"))
        .allMatch(p -> p.purl().equals("pkg:pypi/" + p.name() + "@" + p.version()));
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void otherFilesAreNotFollowedNorRead() throws IOException {
    Files.writeString(
        dir.resolve("requirements.txt"), "-r base.txt\n-c constraints.txt\nsix==1.16.0\n");
    Files.writeString(dir.resolve("base.txt"), "flask==3.0.0\n");
    Files.writeString(dir.resolve("requirements-dev.txt"), "pytest==8.0.0\n");
    Files.createDirectories(dir.resolve("requirements"));
    Files.writeString(dir.resolve("requirements/prod.txt"), "gunicorn==21.2.0\n");

    PythonProjects.Sbom sbom = PythonProjects.sbomFs(dir);

    // As Trivy: only files named requirements.txt; an analyzer never opens what a file names.
    assertThat(sbom.lines()).containsExactly("six 1.16.0");
  }

  @Test
  void continuationsJoinUntilACommentLine() {
    assertThat(
            RequirementsAnalyzer.logicalLines(
                "a==1 \\\n  --hash=sha256:00 \\\n  --hash=sha256:11\n# c \\\nb==2\\"))
        .containsExactly("a==1    --hash=sha256:00    --hash=sha256:11", "# c \\", "b==2 ");
  }

  @Test
  void byteOrderMarksSayTheEncodingAsPipReadsThem() throws IOException {
    byte[] utf16 = "\uFEFFrequests==2.31.0\r\nflask==3.0.0\r\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] utf8 = "\uFEFFrequests==2.31.0\n".getBytes(StandardCharsets.UTF_8);

    assertThat(lines(analyze(analyzer, "requirements.txt", utf16)))
        .containsExactly("requests 2.31.0", "flask 3.0.0");
    assertThat(lines(analyze(analyzer, "requirements.txt", utf8)))
        .containsExactly("requests 2.31.0");
  }

  @Test
  void theSamePinTwiceIsOnePackage() throws IOException {
    assertThat(lines(analyze(analyzer, "requirements.txt", "six==1.16.0\nSix == 1.16.0\n")))
        .containsExactly("six 1.16.0");
  }

  @Test
  void binaryContentYieldsNothingAndNoError() throws IOException {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);

    AnalysisResult result = analyze(analyzer, "requirements.txt", garbage);

    assertThat(result.packages()).isEmpty();
  }

  @Test
  void oversizedFileIsAWarningNamingItAndNotRead() throws IOException {
    AnalysisResult claimed = analyzer.analyze(PythonProjects.endless("requirements.txt", 1L << 40));
    AnalysisResult lying = analyzer.analyze(PythonProjects.endless("x/requirements.txt", 10));

    assertThat(claimed.warnings())
        .containsExactly("/requirements.txt: larger than 16 MiB; it was not read");
    assertThat(lying.warnings())
        .containsExactly("/x/requirements.txt: larger than 16 MiB; it was not read");
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void veryLongLinesAreSkippedQuickly() throws IOException {
    String line =
        "a"
            + "[".repeat(200_000)
            + "==1\n"
            + "b=="
            + "1.".repeat(100_000)
            + "0\n"
            + "d"
            + " ".repeat(1_000_000)
            + "x\n"
            + "c==1\n";

    assertThat(lines(analyze(analyzer, "requirements.txt", line))).endsWith("c 1");
  }

  @Test
  void imagesDoNotReadRequirementsFiles() {
    assertThat(dev.portcullis.analyzer.Analyzers.forImages(ArchiveLimits.defaults()))
        .noneMatch(a -> a.required("app/requirements.txt", 10));
    assertThat(dev.portcullis.analyzer.Analyzers.forProjects(ArchiveLimits.defaults()))
        .anyMatch(a -> a.required("app/requirements.txt", 10));
  }
}
