package dev.portcullis.analyzer.dotnet;

import static dev.portcullis.testing.AnalyzerRuns.analyze;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.AppFixtures;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .NET's package lists. The deps.json files are real: the .NET Core 2.0.0 shared framework's and
 * that of AutoRest's C# generator, a .NET 9 application, both from npm
 * (scripts/build-app-fixtures.sh). No real packages.lock.json or packages.config could be found in
 * Debian or npm packages, so those two are written by hand next to this test, in the shape NuGet
 * writes.
 */
class DotnetAnalyzersTest {

  private static final String FRAMEWORK =
      "usr/share/dotnet/shared/Microsoft.NETCore.App/2.0.0/Microsoft.NETCore.App.deps.json";
  private static final String AUTOREST = "opt/autorest-csharp/AutoRest.CSharp.deps.json";

  @TempDir Path dir;

  static Path fixtures() {
    return AppFixtures.directory("dotnet/rootfs");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DotnetAnalyzersTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static List<String> named(List<Package> packages) {
    return packages.stream().map(p -> p.name() + " " + p.version()).toList();
  }

  @Test
  void sharedFrameworkPackagesAreFoundAndItsMetaPackagesMarkedBuildOnly() throws IOException {
    AnalysisResult result =
        analyze(
            new DotnetDepsAnalyzer(), FRAMEWORK, Files.readAllBytes(fixtures().resolve(FRAMEWORK)));

    assertThat(result.warnings()).isEmpty();
    assertThat(named(result.packages()))
        .containsExactlyInAnyOrder(
            "Microsoft.NETCore.App 2.0.0",
            "Microsoft.NETCore.DotNetHostPolicy 2.0.0",
            "Microsoft.NETCore.Platforms 2.0.0",
            "NETStandard.Library 2.0.0",
            "runtime.linux-x64.Microsoft.NETCore.App 2.0.0",
            "runtime.linux-x64.Microsoft.NETCore.DotNetHostPolicy 2.0.0");
    // Only the two runtime.linux-x64 packages carry what runs; the others group them for builds.
    assertThat(result.packages().stream().filter(p -> !p.dev()).map(Package::name))
        .containsExactlyInAnyOrder(
            "runtime.linux-x64.Microsoft.NETCore.App",
            "runtime.linux-x64.Microsoft.NETCore.DotNetHostPolicy");
    assertThat(result.packages()).allMatch(p -> p.type().equals("nuget"));
  }

  @Test
  void applicationPackagesAreFoundButNotTheApplicationItself() throws IOException {
    AnalysisResult result =
        analyze(
            new DotnetDepsAnalyzer(), AUTOREST, Files.readAllBytes(fixtures().resolve(AUTOREST)));

    assertThat(result.warnings()).isEmpty();
    // 86 libraries: 85 packages and the project AutoRest.CSharp itself.
    assertThat(result.packages()).hasSize(85);
    assertThat(result.packages()).extracting(Package::name).doesNotContain("AutoRest.CSharp");
    assertThat(named(result.packages()))
        .contains("Azure.Core 1.47.1", "YamlDotNet 11.2.1", "Microsoft.CodeAnalysis.CSharp 4.1.0");
    // 47 packages have no assets the runtime target loads: analyzers, Source Link, facades.
    assertThat(result.packages().stream().filter(Package::dev)).hasSize(47);
    assertThat(result.packages().stream().filter(Package::dev).map(Package::name))
        .contains("StyleCop.Analyzers", "Microsoft.SourceLink.GitHub", "NETStandard.Library")
        .doesNotContain("Azure.Core", "YamlDotNet");
  }

  @Test
  void aSelfContainedApplicationsRuntimePackIsTheRuntimeUnderItsNuGetName() throws IOException {
    String deps =
        """
        {"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0/linux-x64"},
         "targets": {".NETCoreApp,Version=v8.0/linux-x64": {
           "Shop/1.0.0": {"dependencies": {"Newtonsoft.Json": "13.0.3"}, "runtime": {"Shop.dll": {}}},
           "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.6": {"runtime": {"System.Net.Http.dll": {}}},
           "Newtonsoft.Json/13.0.3": {"runtime": {"lib/net6.0/Newtonsoft.Json.dll": {}}}}},
         "libraries": {
           "Shop/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
           "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.6": {"type": "runtimepack", "serviceable": false, "sha512": ""},
           "Newtonsoft.Json/13.0.3": {"type": "package", "serviceable": true, "sha512": "sha512-x", "path": "newtonsoft.json/13.0.3"}}}
        """;

    AnalysisResult result = analyze(new DotnetDepsAnalyzer(), "app/Shop.deps.json", deps);

    assertThat(named(result.packages()))
        .containsExactly("Microsoft.NETCore.App.Runtime.linux-x64 8.0.6", "Newtonsoft.Json 13.0.3");
    assertThat(result.packages()).noneMatch(Package::dev);
  }

  @Test
  void withoutItsRuntimeTargetEveryPackageCounts() throws IOException {
    String deps =
        """
        {"runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"},
         "targets": {".NETStandard,Version=v2.0/": {"Newtonsoft.Json/13.0.3": {}}},
         "libraries": {"Newtonsoft.Json/13.0.3": {"type": "package"}}}
        """;

    AnalysisResult result = analyze(new DotnetDepsAnalyzer(), "app/Lib.deps.json", deps);

    assertThat(result.packages()).singleElement().matches(p -> !p.dev());
  }

  @Test
  void lockfilePackagesOfEveryFrameworkAreListedOnceAndProjectsLeftOut() throws IOException {
    AnalysisResult result =
        analyze(
            new NugetLockAnalyzer(),
            "src/Shop.Api/packages.lock.json",
            resource("packages.lock.json"));

    assertThat(result.warnings()).isEmpty();
    assertThat(named(result.packages()))
        .containsExactlyInAnyOrder(
            "Newtonsoft.Json 13.0.1",
            "Serilog.Sinks.Console 5.0.1",
            "Serilog 3.1.1",
            "System.Text.Json 8.0.4",
            "Serilog.Sinks.Console 4.1.0",
            "Serilog 2.10.0");
    assertThat(result.packages())
        .allMatch(p -> p.foundIn().equals("src/Shop.Api/packages.lock.json"));
  }

  @Test
  void packagesConfigDevelopmentDependenciesAreMarked() throws IOException {
    AnalysisResult result =
        analyze(
            new NugetConfigAnalyzer(), "Legacy.Web/packages.config", resource("packages.config"));

    assertThat(result.warnings()).isEmpty();
    assertThat(named(result.packages()))
        .containsExactly(
            "Newtonsoft.Json 12.0.3",
            "log4net 2.0.12",
            "Microsoft.CodeDom.Providers.DotNetCompilerPlatform 2.0.1",
            "StyleCop.Analyzers 1.1.118");
    assertThat(result.packages().stream().filter(Package::dev).map(Package::name))
        .containsExactly("StyleCop.Analyzers");
  }

  @Test
  void onlyTheFilesNamedSoAndWithinTheSizeLimitAreRead() {
    assertThat(new DotnetDepsAnalyzer().required("app/Shop.deps.json", 1000)).isTrue();
    assertThat(new DotnetDepsAnalyzer().maxFileSize()).isEqualTo(DotnetDepsAnalyzer.MAX_SIZE);
    assertThat(new DotnetDepsAnalyzer().required("app/Shop.runtimeconfig.json", 100)).isFalse();
    assertThat(new NugetLockAnalyzer().required("packages.lock.json", 100)).isTrue();
    assertThat(new NugetLockAnalyzer().required("src/my-packages.lock.json", 100)).isFalse();
    assertThat(new NugetLockAnalyzer().maxFileSize()).isEqualTo(NugetLockAnalyzer.MAX_SIZE);
    assertThat(new NugetConfigAnalyzer().required("packages.config", 100)).isTrue();
    assertThat(new NugetConfigAnalyzer().required("a/nuget-packages.config", 100)).isFalse();
    assertThat(new NugetConfigAnalyzer().maxFileSize()).isEqualTo(NugetConfigAnalyzer.MAX_SIZE);
  }

  @Test
  void brokenJsonIsAWarningNamingTheFile() throws IOException {
    byte[] real = Files.readAllBytes(fixtures().resolve(AUTOREST));
    byte[] truncated = java.util.Arrays.copyOf(real, real.length / 2);

    assertThat(analyze(new DotnetDepsAnalyzer(), AUTOREST, truncated).warnings())
        .singleElement()
        .asString()
        .startsWith("/" + AUTOREST + ": not valid JSON (line ")
        .contains("end-of-input");
    assertThat(analyze(new DotnetDepsAnalyzer(), "a.deps.json", "").warnings())
        .containsExactly("/a.deps.json: not a .deps.json file: the file is empty");
    assertThat(
            analyze(new NugetLockAnalyzer(), "packages.lock.json", "{\"dependencies\": {,}}")
                .warnings())
        .singleElement()
        .asString()
        .startsWith("/packages.lock.json: not valid JSON (line 1: ");
    assertThat(
            analyze(new NugetLockAnalyzer(), "packages.lock.json", "\u0000\u0001binary").warnings())
        .singleElement()
        .asString()
        .startsWith("/packages.lock.json: not valid JSON");
  }

  @Test
  void jsonOfTheWrongShapeIsAWarningNotAnException() throws IOException {
    assertThat(analyze(new DotnetDepsAnalyzer(), "a.deps.json", "[1, 2]").warnings())
        .containsExactly("/a.deps.json: not a .deps.json file: the top level is not an object");
    assertThat(
            analyze(new DotnetDepsAnalyzer(), "a.deps.json", "{\"libraries\": [\"x/1\"]}")
                .warnings())
        .containsExactly("/a.deps.json: not a .deps.json file: libraries is not an object");
    assertThat(
            analyze(new DotnetDepsAnalyzer(), "a.deps.json", "{\"targets\": \"net8.0\"}")
                .warnings())
        .containsExactly("/a.deps.json: not a .deps.json file: targets is not an object");
    assertThat(
            analyze(
                    new NugetLockAnalyzer(),
                    "packages.lock.json",
                    "{\"dependencies\": {\"net8.0\": 7}}")
                .warnings())
        .containsExactly(
            "/packages.lock.json: not a NuGet packages.lock.json: dependencies of net8.0 is not an object");
    // Entries of the wrong type name nothing; the rest of the file still counts.
    AnalysisResult mixed =
        analyze(
            new DotnetDepsAnalyzer(),
            "a.deps.json",
            "{\"runtimeTarget\": 5, \"libraries\": {\"A/1.0\": 7, \"B/2.0\": {\"type\": \"package\"},"
                + " \"no-version\": {\"type\": \"package\"}, \"C/\": {\"type\": \"package\"}}}");
    assertThat(named(mixed.packages())).containsExactly("B 2.0");
    assertThat(mixed.warnings())
        .containsExactly(
            "/a.deps.json: 2 libraries not named as name/version were skipped (first: \"no-version\")");
    AnalysisResult unresolved =
        analyze(
            new NugetLockAnalyzer(),
            "packages.lock.json",
            "{\"dependencies\": {\"net8.0\": {\"A\": {\"type\": \"Direct\"}, \"B\": {\"resolved\": 3},"
                + " \"C\": {\"type\": \"Transitive\", \"resolved\": \"1.0.0\"}, \"D\": []}}}");
    assertThat(named(unresolved.packages())).containsExactly("C 1.0.0");
    assertThat(unresolved.warnings())
        .containsExactly("/packages.lock.json: 3 packages without a resolved version were skipped");
  }

  @Test
  void deeplyNestedJsonStopsAtTheParsersDepthLimit() throws IOException {
    String deep = "{\"libraries\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

    assertThat(analyze(new DotnetDepsAnalyzer(), "a.deps.json", deep).warnings())
        .singleElement()
        .asString()
        .startsWith("/a.deps.json: not");
  }

  @Test
  void packagesConfigEntitiesAreNeverResolved() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "top-secret-version");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE packages [<!ENTITY v SYSTEM \"file://"
            + secret
            + "\">]>\n<packages><package id=\"Leak\" version=\"&v;\"/></packages>";
    String laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE packages [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
            + "<packages><package id=\"Bomb\" version=\"&c;\"/></packages>";

    for (String hostile : List.of(xxe, laughs)) {
      AnalysisResult result = analyze(new NugetConfigAnalyzer(), "packages.config", hostile);
      assertThat(result.packages()).noneMatch(p -> p.version().contains("top-secret"));
      assertThat(result.packages()).noneMatch(p -> p.version().contains("aaaaaaaaaaaaaaaaaaaa"));
    }
  }

  @Test
  void brokenXmlIsAWarningNamingTheFile() throws IOException {
    assertThat(
            analyze(new NugetConfigAnalyzer(), "a/packages.config", "<packages><package id=")
                .warnings())
        .singleElement()
        .asString()
        .startsWith("/a/packages.config: not valid XML (");
    assertThat(
            analyze(new NugetConfigAnalyzer(), "a/packages.config", "<configuration/>").warnings())
        .containsExactly(
            "/a/packages.config: not a NuGet packages.config (root element <configuration>)");
    AnalysisResult incomplete =
        analyze(
            new NugetConfigAnalyzer(),
            "a/packages.config",
            "<packages><package id=\"A\"/><package version=\"1\"/><package id=\"B\" version=\"2\"/></packages>");
    assertThat(named(incomplete.packages())).containsExactly("B 2");
    assertThat(incomplete.warnings())
        .containsExactly("/a/packages.config: 2 packages without id or version were skipped");
  }

  /** An image with the .NET runtime in one layer and two applications in the next. */
  private Path dotnetImage() throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer(
            "FROM debian + dotnet runtime",
            file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
            file(FRAMEWORK, Files.readAllBytes(fixtures().resolve(FRAMEWORK))))
        .layer(
            "COPY apps /opt",
            file(AUTOREST, Files.readAllBytes(fixtures().resolve(AUTOREST))),
            file("opt/shop/packages.lock.json", resource("packages.lock.json")),
            file("opt/legacy/packages.config", resource("packages.config")),
            file("opt/broken/Broken.deps.json", "{\"libraries\": {"))
        .writeTo(layout, "v1");
    return layout;
  }

  private static List<JsonNode> nugetPackages(String json) throws IOException {
    JsonNode packages = new ObjectMapper().readTree(json).path("packages");
    List<JsonNode> nuget = new ArrayList<>();
    StreamSupport.stream(packages.spliterator(), false)
        .filter(p -> p.path("type").asText().equals("nuget"))
        .forEach(nuget::add);
    return nuget;
  }

  @Test
  void imageScanFindsRuntimeAndApplicationPackagesWithPurlsAndLayers() throws IOException {
    Cli.Result result =
        Cli.run("sbom", "image", "oci:" + dotnetImage() + ":v1", "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> nuget = nugetPackages(result.out());
    // 6 + 85 from the deps.json files, 6 from the lockfile, 4 from packages.config; a package
    // listed by two files is listed for each.
    assertThat(nuget).hasSize(101);
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:nuget/runtime.linux-x64.Microsoft.NETCore.App@2.0.0\"",
            "\"purl\" : \"pkg:nuget/Azure.Core@1.47.1\"",
            "\"purl\" : \"pkg:nuget/Serilog.Sinks.Console@4.1.0\"",
            "\"purl\" : \"pkg:nuget/log4net@2.0.12\"",
            "/opt/broken/Broken.deps.json: not valid JSON");
    JsonNode runtime =
        nuget.stream()
            .filter(p -> p.path("name").asText().equals("runtime.linux-x64.Microsoft.NETCore.App"))
            .findFirst()
            .orElseThrow();
    assertThat(runtime.path("layer").path("index").asInt()).isZero();
    assertThat(runtime.path("foundIn").asText()).isEqualTo(FRAMEWORK);
  }

  @Test
  void projectScanReadsTheSameFiles() throws IOException {
    Path project = dir.resolve("project");
    Files.createDirectories(project.resolve("src/Shop.Api/bin/Release/net8.0"));
    Files.write(project.resolve("src/Shop.Api/packages.lock.json"), resource("packages.lock.json"));
    Files.copy(
        fixtures().resolve(AUTOREST),
        project.resolve("src/Shop.Api/bin/Release/net8.0/AutoRest.CSharp.deps.json"));

    Cli.Result result = Cli.run("sbom", "fs", project.toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(nugetPackages(result.out())).hasSize(6 + 85);
  }
}
