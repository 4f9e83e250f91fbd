package dev.portcullis.analyzer.python;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four Python lockfile kinds together: one broken file does not cost the others. */
class PythonLockfilesTest {

  @TempDir Path dir;

  @Test
  void aBrokenLockfileIsAWarningAndItsNeighbourIsStillRead() throws IOException {
    Path project = PythonProjects.fixture("poetry2", dir.resolve("project"));
    Files.writeString(project.resolve("uv.lock"), "version = 1\n[[package]]\nname = \"a\nversion");
    Files.writeString(
        project.resolve("Pipfile.lock"), "{\"default\": {\"six\": {\"version\": 1}}}");
    Files.writeString(project.resolve("requirements.txt"), "six==1.16.0\n");

    PythonProjects.Sbom sbom = PythonProjects.sbomFs(project);

    assertThat(sbom.linesFrom("poetry.lock")).hasSize(10).contains("pytest 8.3.4 dev");
    assertThat(sbom.linesFrom("requirements.txt")).containsExactly("six 1.16.0");
    assertThat(sbom.warnings())
        .hasSize(2)
        .anyMatch(w -> w.startsWith("/uv.lock: not valid TOML (line "))
        .anyMatch(w -> w.startsWith("/Pipfile.lock: 1 entries of \"default\""));
  }

  @Test
  void everyKindIsFoundInItsOwnDirectory() throws IOException {
    PythonProjects.fixture("pip", dir.resolve("api"));
    PythonProjects.fixture("pipenv", dir.resolve("worker"));
    PythonProjects.fixture("poetry2", dir.resolve("cli"));
    PythonProjects.fixture("uv", dir.resolve("web"));

    PythonProjects.Sbom sbom = PythonProjects.sbomFs(dir);

    assertThat(sbom.linesFrom("api/requirements.txt")).hasSize(9);
    assertThat(sbom.linesFrom("worker/Pipfile.lock")).hasSize(10);
    assertThat(sbom.linesFrom("cli/poetry.lock")).hasSize(10);
    assertThat(sbom.linesFrom("web/uv.lock")).hasSize(16);
    assertThat(sbom.packages())
        .filteredOn(p -> p.name().equals("typing_extensions"))
        .extracting(PythonProjects.Found::purl)
        .containsExactly("pkg:pypi/typing-extensions@4.8.0");
  }

  @Test
  void imageScansLeaveLockfilesAlone() throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer(
            "pip install",
            file("app/requirements.txt", "flask==3.0.0\n"),
            file("app/uv.lock", PythonProjects.resource("uv/uv.lock")),
            file(
                "usr/lib/python3/site-packages/flask-3.0.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: Flask\nVersion: 3.0.0\n\n"))
        .writeTo(layout, "v1");

    Cli.Result result = Cli.run("sbom", "image", "oci:" + layout, "--no-cache", "-f", "json");

    // What is installed is what ships; a lockfile says what a build once resolved (as Trivy).
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("\"name\" : \"Flask\"")
        .doesNotContain("requirements.txt", "uv.lock");
  }
}
