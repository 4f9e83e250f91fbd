package dev.portcullis.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.vulndb.DatabaseStatus;
import dev.portcullis.vulndb.DatabaseWriter;
import dev.portcullis.vulndb.ImportReport;
import dev.portcullis.vulndb.OsvImporter;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code portcullis db import|status}: the vulnerability database. */
@Command(
    name = "db",
    description = "Manage the vulnerability database (OSV records in SQLite).",
    mixinStandardHelpOptions = true,
    subcommands = {DbCommand.Import.class, DbCommand.Status.class})
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
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import OSV records from JSON files, directories of them, or OSV's per-ecosystem all.zip files.",
        "A new database is built beside the current one and swapped in when the import is complete."
      })
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "JSON file, directory or zip.")
    List<Path> paths;

    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ImportReport report;
      try (DatabaseWriter writer = DatabaseWriter.begin(database.resolved(), Clock.systemUTC())) {
        writer.warnings().forEach(w -> err.println("portcullis: warning: " + w));
        report = new OsvImporter(writer).importAll(paths);
        writer.commit();
      }
      out.printf(
          "Imported %d records (%d unchanged, %d skipped as malformed) into %s%n",
          report.imported(), report.unchanged(), report.skipped(), database.resolved());
      report
          .perEcosystem()
          .forEach((ecosystem, count) -> out.printf("  %-20s %d%n", ecosystem, count));
      for (String skipped : report.firstSkipped()) {
        err.println("portcullis: skipped " + skipped);
      }
      if (report.skipped() > report.firstSkipped().size()) {
        err.println(
            "portcullis: … and "
                + (report.skipped() - report.firstSkipped().size())
                + " more skipped");
      }
      return ExitCodes.OK;
    }
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
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
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
                          "name",
                          s.name(),
                          "importedAt",
                          String.valueOf(s.importedAt()),
                          "records",
                          s.records()))
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
                      + age(Duration.between(status.updatedAt(), Instant.now()))
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

    private static String age(Duration age) {
      if (age.toDays() > 0) {
        return age.toDays() + " days";
      }
      if (age.toHours() > 0) {
        return age.toHours() + " hours";
      }
      return Math.max(0, age.toMinutes()) + " minutes";
    }
  }
}
