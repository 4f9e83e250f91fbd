package dev.portcullis.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.vulndb.DatabaseStatus;
import dev.portcullis.vulndb.DatabaseUpdate;
import dev.portcullis.vulndb.DatabaseUpdater;
import dev.portcullis.vulndb.ImportReport;
import dev.portcullis.vulndb.OsvDownloader;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis db update|import|status}: the vulnerability database. */
@Command(
    name = "db",
    description = "Manage the vulnerability database (OSV records in SQLite).",
    mixinStandardHelpOptions = true)
final class DbCommand {

  /** Where the database is; shared by the db subcommands. */
  static final class DatabaseOption {
    @Option(
        names = "--db",
        paramLabel = "FILE",
        description =
            "The database file (default: $XDG_CACHE_HOME/portcullis/db/vulnerabilities.sqlite).")
    Path file;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    Path resolved() {
      return file != null ? file : VulnerabilityDatabase.defaultLocation();
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Download OSV's per-ecosystem exports (ECOSYSTEM/all.zip) and build a new database.",
        "The old database keeps working until the new one is complete."
      })
  static final class Update implements Callable<Integer> {
    @Option(
        names = "--ecosystem",
        paramLabel = "NAME",
        split = ",",
        description = "Ecosystems to download, as OSV names them (default: those images need).")
    List<String> ecosystems = DatabaseUpdater.DEFAULT_ECOSYSTEMS;

    @Option(
        names = "--db-url",
        paramLabel = "URL",
        description =
            "Base URL of OSV's exports or a mirror of them (default: $PORTCULLIS_DB_URL, else OSV's).")
    URI baseUrl;

    @Option(names = "--offline", description = "Refuse: an update needs the network.")
    boolean offline;

    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (offline) {
        throw new UsageException(
            "db update needs the network; offline, use 'db import' on exports copied from a mirror");
      }
      Path target = database.resolved().toAbsolutePath();
      DatabaseUpdate update =
          new DatabaseUpdater(target, Clock.systemUTC())
              .update(
                  effectiveBase(),
                  ecosystems,
                  null,
                  warning ->
                      spec.commandLine().getErr().println("portcullis: warning: " + warning));
      printReport(update.report(), target, spec);
      return ExitCodes.OK;
    }

    private URI effectiveBase() {
      if (baseUrl != null) {
        return baseUrl;
      }
      String fromEnvironment = System.getenv("PORTCULLIS_DB_URL");
      return fromEnvironment != null && !fromEnvironment.isBlank()
          ? URI.create(fromEnvironment)
          : OsvDownloader.DEFAULT_BASE;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import OSV records from JSON files, directories of them, or OSV's all.zip exports.",
        "A new database is built beside the current one and swapped in when the import is complete."
      })
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "JSON file, directory or zip.")
    List<Path> paths = List.of();

    @Option(
        names = "--nvd",
        paramLabel = "FEED",
        description =
            "NVD CVE feed (nvdcve-2.0-YEAR.json[.gz], or a 1.1 feed) whose CVSS vectors rate records"
                + " that carry no severity, such as Debian's (repeatable).")
    List<Path> nvdFeeds = List.of();

    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (paths.isEmpty() && nvdFeeds.isEmpty()) {
        throw new UsageException("name OSV files, directories or zips to import, or --nvd FEED");
      }
      DatabaseUpdate imported =
          new DatabaseUpdater(database.resolved(), Clock.systemUTC())
              .importFiles(
                  paths,
                  nvdFeeds,
                  warning ->
                      spec.commandLine().getErr().println("portcullis: warning: " + warning));
      if (!paths.isEmpty()) {
        printReport(imported.report(), database.resolved(), spec);
      }
      if (!nvdFeeds.isEmpty()) {
        spec.commandLine()
            .getOut()
            .printf("Stored NVD severities of %d CVEs%n", imported.nvdRated());
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
  }

  private static void printReport(ImportReport report, Path target, CommandSpec spec) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf(
        "Imported %d records (%d unchanged, %d skipped as malformed) into %s%n",
        report.imported(), report.unchanged(), report.skipped(), target);
    if (!report.perEcosystem().isEmpty()) {
      // A record counts once in each ecosystem it affects; an affected entry is one package in one
      // release, so a record has as many as the packages and releases it names.
      out.printf(
          "  %-20s %8s  %s%n", "ECOSYSTEM", "RECORDS", "AFFECTED ENTRIES (package, release)");
      new TreeMap<>(report.perEcosystem())
          .forEach(
              (ecosystem, records) ->
                  out.printf(
                      "  %-20s %8d  %d%n",
                      ecosystem,
                      records,
                      report.entriesPerEcosystem().getOrDefault(ecosystem, 0L)));
    }
    for (String skipped : report.firstSkipped()) {
      err.println("portcullis: skipped " + skipped);
    }
    long unnamed = report.skipped() - report.firstSkipped().size();
    if (unnamed > 0) {
      err.println("portcullis: … and " + unnamed + " more skipped");
    }
    out.flush();
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show the database's age, contents and sources.")
  static final class Status implements Callable<Integer> {
    @Mixin DatabaseOption database;

    @Option(
        names = {"-f", "--format"},
        paramLabel = "FORMAT",
        defaultValue = "table",
        description = "table or json.")
    String format;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      DatabaseStatus status;
      try (VulnerabilityDatabase db = VulnerabilityDatabase.open(database.resolved())) {
        status = db.status();
      }
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case "json" ->
            out.println(
                JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(statusJson(status)));
        case "table" -> printTable(status, out);
        default -> throw new UsageException("unknown format '" + format + "'; use table or json");
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static Map<String, Object> statusJson(DatabaseStatus status) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("file", status.file().toString());
      json.put("schemaVersion", status.schemaVersion());
      json.put("updatedAt", status.updatedAt() == null ? null : status.updatedAt().toString());
      json.put("vulnerabilities", status.vulnerabilities());
      json.put("sizeBytes", status.sizeBytes());
      json.put("perEcosystem", status.perEcosystem());
      json.put(
          "sources",
          status.sources().stream()
              .map(
                  s ->
                      Map.of(
                          "name", s.name(),
                          "importedAt", String.valueOf(s.importedAt()),
                          "records", s.records()))
              .toList());
      return json;
    }

    private static void printTable(DatabaseStatus status, PrintWriter out) {
      out.println("Database:        " + status.file());
      out.println("Schema:          " + status.schemaVersion());
      out.println(
          "Updated:         "
              + (status.updatedAt() == null
                  ? "unknown"
                  : status.updatedAt()
                      + " ("
                      + Ages.describe(Duration.between(status.updatedAt(), Instant.now()))
                      + " ago)"));
      out.println("Vulnerabilities: " + status.vulnerabilities());
      out.println("Size:            " + status.sizeBytes() / (1024 * 1024) + " MiB");
      out.println();
      out.println("ECOSYSTEM             VULNERABILITIES");
      status
          .perEcosystem()
          .forEach((ecosystem, count) -> out.printf("%-21s %d%n", ecosystem, count));
      out.println();
      out.println("SOURCES");
      status
          .sources()
          .forEach(s -> out.printf("%s  %7d  %s%n", s.importedAt(), s.records(), s.name()));
    }
  }
}
