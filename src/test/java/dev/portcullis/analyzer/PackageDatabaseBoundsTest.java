package dev.portcullis.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.apk.ApkAnalyzer;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.HostileLayers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Package databases read one record at a time, within bounds a hostile file cannot move. */
class PackageDatabaseBoundsTest {

  private static final Stanzas.Bounds SMALL = new Stanzas.Bounds(200, 5, 3);
  private static final FileLists FEW_FILES = new FileLists(3, 1000);

  private static String deb(String name) {
    return "Package: " + name + "\nStatus: install ok installed\nVersion: 1.0\n\n";
  }

  private static AnalysisResult analyze(Analyzer analyzer, String path, InputStream content)
      throws IOException {
    return analyzer.analyze(new AnalysisInput(path, 0, content));
  }

  private static AnalysisResult analyze(Analyzer analyzer, String path, String content)
      throws IOException {
    return analyze(
        analyzer, path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void databaseWithMoreRecordsThanTheLimitKeepsTheFirstAndSaysWhereItStopped() throws IOException {
    AnalysisResult result =
        analyze(
            new DpkgAnalyzer(SMALL, FEW_FILES),
            "var/lib/dpkg/status",
            deb("a") + deb("b") + deb("c") + deb("d") + deb("e"));

    assertThat(result.packages()).extracting(Package::name).containsExactly("a", "b", "c");
    assertThat(result.warnings())
        .containsExactly(
            "/var/lib/dpkg/status: more than 3 records, the limit for one package database; the"
                + " rest, from line 13, was not read");
  }

  @Test
  void oversizedRecordIsSkippedAndTheOthersAreRead() throws IOException {
    String big = "Package: big\nVersion: 1\nDescription: " + "x".repeat(300) + "\n\n";

    AnalysisResult result =
        analyze(
            new DpkgAnalyzer(SMALL, FEW_FILES),
            "var/lib/dpkg/status",
            deb("a") + big + big + deb("b"));

    assertThat(result.packages()).extracting(Package::name).containsExactly("a", "b");
    assertThat(result.warnings())
        .containsExactly(
            "/var/lib/dpkg/status: the record at line 5 has more than 200 bytes, the limit for one"
                + " record; it was skipped (as were 1 more records over a limit)");
  }

  @Test
  void recordWithTooManyLinesIsSkipped() throws IOException {
    String many = "Package: many\nVersion: 1\nA: 1\nB: 2\nC: 3\nD: 4\n\n";

    AnalysisResult result =
        analyze(new DpkgAnalyzer(SMALL, FEW_FILES), "var/lib/dpkg/status", many + deb("b"));

    assertThat(result.packages()).extracting(Package::name).containsExactly("b");
    assertThat(result.warnings()).singleElement().asString().contains("more than 5 lines");
  }

  /** Without blank lines the whole file is one record: it is skipped once over the bound. */
  @Test
  void fileWithoutBlankLinesIsOneOversizedRecordReadInConstantMemory() throws IOException {
    long size = 64L * 1024 * 1024;
    InputStream endless = HostileLayers.lines(size, i -> "Field" + i + ": value\n");

    AnalysisResult result =
        analyze(
            new DpkgAnalyzer(new Stanzas.Bounds(1024 * 1024, 1000, 10), FEW_FILES),
            "var/lib/dpkg/status",
            endless);

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .containsExactly(
            "/var/lib/dpkg/status: the record at line 1 has more than 1000 lines, the limit for"
                + " one record; it was skipped");
  }

  @Test
  void singleEndlessLineIsCutNotHeld() throws IOException {
    InputStream endless =
        new InputStream() {
          long left = 64L * 1024 * 1024;

          @Override
          public int read() {
            return left-- > 0 ? 'x' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
          }
        };

    AnalysisResult result =
        analyze(new DpkgAnalyzer(SMALL, FEW_FILES), "var/lib/dpkg/status", endless);

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).singleElement().asString().contains("more than 200 bytes");
  }

  @Test
  void crlfLinesAndTrailingRecordWithoutBlankLineAreRead() throws IOException {
    AnalysisResult result =
        analyze(
            new DpkgAnalyzer(),
            "var/lib/dpkg/status",
            "Package: a\r\nStatus: install ok installed\r\nVersion: 1.0\r\n\r\nPackage: b\nVersion: 2");

    assertThat(result.packages())
        .extracting(Package::name, Package::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "1.0"),
            org.assertj.core.groups.Tuple.tuple("b", "2"));
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void fileListKeepsNamesUpToTheBudgetAndSaysSo() throws IOException {
    AnalysisResult result =
        analyze(
            new DpkgAnalyzer(SMALL, FEW_FILES),
            "var/lib/dpkg/info/demo.list",
            "/.\n/usr\n/usr/bin\n/usr/bin/a\n/usr/bin/b\n/usr/bin/c\n/usr/bin/d\n");

    assertThat(result.packageFiles().get("demo"))
        .containsExactly("/usr/bin/a", "/usr/bin/b", "/usr/bin/c");
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/var/lib/dpkg/info/demo.list: more than 3 installed file names");
  }

  @Test
  void apkDatabaseKeepsFileNamesUpToTheBudgetAcrossRecords() throws IOException {
    String db =
        "P:musl\nV:1.2\nF:lib\nR:a\nR:b\n\n"
            + "P:busybox\nV:1.36\nF:bin\nR:sh\nR:ls\n\n"
            + "P:zlib\nV:1.3\n\n";

    AnalysisResult result = analyze(new ApkAnalyzer(SMALL, FEW_FILES), "lib/apk/db/installed", db);

    assertThat(result.packages())
        .extracting(Package::name)
        .containsExactly("musl", "busybox", "zlib");
    assertThat(result.packages().get(0).files()).containsExactly("/lib/a", "/lib/b");
    assertThat(result.packages().get(1).files()).containsExactly("/bin/sh");
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/lib/apk/db/installed: more than 3 installed file names");
  }

  @Test
  void apkRecordOverTheBoundIsSkipped() throws IOException {
    String huge = "P:huge\nV:1\n" + "R:file\n".repeat(10) + "\n";

    AnalysisResult result =
        analyze(new ApkAnalyzer(SMALL, FEW_FILES), "lib/apk/db/installed", huge + "P:ok\nV:2\n");

    assertThat(result.packages()).extracting(Package::name).containsExactly("ok");
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("line 1", "more than 5 lines");
  }
}
