package dev.portcullis.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.access.Scope;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.metrics.KpiMetrics;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.RecordedScan;
import dev.portcullis.tracking.ReportSubmission;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.StoredInventory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/scans}: a CI job submits a {@code portcullis scan --format json} report, a
 * Portcullis JSON inventory, or a CycloneDX SBOM. The body says which it is.
 */
final class ScanRoutes {

  private static final int MAX_KEY = 128;

  private final ScanIntake intake;
  private final KpiMetrics metrics;

  ScanRoutes(ScanIntake intake, KpiMetrics metrics) {
    this.intake = intake;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/scans", this::submit);
  }

  private void submit(Context ctx) throws IOException {
    Requests.require(ctx, Scope.SUBMIT);
    String repository = Requests.parameter(ctx, "repository", 512);
    String tag = Requests.parameter(ctx, "tag", 128);
    String key = ctx.header("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > MAX_KEY)) {
      throw ApiError.badRequest("Idempotency-Key: 1 to " + MAX_KEY + " characters");
    }
    String contentType = ctx.contentType();
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new ApiError(
          415, "Content-Type: application/json (or none) is expected, not " + contentType);
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiError.badRequest("the body is empty: send a scan report, an inventory or an SBOM");
    }
    long started = System.nanoTime();
    JsonNode tree = Json.tree(body, "the body");
    RecordedScan recorded;
    String kind;
    if (tree.has("findings") && "portcullis".equals(tree.path("tool").asText())) {
      kind = "report";
      recorded = intake.record(ReportSubmission.read(tree), repository, tag, key);
    } else {
      Submitted submitted = inventory(tree, body);
      kind =
          submitted.stored().mediaType().equals(StoredInventory.CYCLONEDX_JSON)
              ? "cyclonedx"
              : "inventory";
      String digest =
          submitted.inventory().image().manifestDigest() != null
              ? submitted.inventory().image().manifestDigest()
              : submitted.inventory().image().configDigest();
      if (digest == null) {
        throw ApiError.badRequest(
            "the " + kind + " names no image digest (manifestDigest or configDigest)");
      }
      ImageName image =
          ScanIntake.imageName(
              submitted.inventory().image().name(),
              submitted.inventory().image().repoTags(),
              digest,
              repository,
              tag);
      recorded = intake.scan(image, submitted.inventory(), submitted.stored(), ScanCause.CI, key);
    }
    if (!recorded.repeated()) {
      metrics.scanned(
          recorded.failed() ? "fail" : "pass", Duration.ofNanos(System.nanoTime() - started));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("scan", recorded.scanId());
    answer.put("verdict", recorded.failed() ? "fail" : "pass");
    answer.put("image", recorded.imageId());
    answer.put("submitted", kind);
    answer.put("repeated", recorded.repeated());
    answer.put("opened", recorded.opened().size());
    answer.put("fixed", recorded.fixed());
    ctx.status(recorded.repeated() ? 200 : 201).json(answer);
  }

  private record Submitted(Inventory inventory, StoredInventory stored) {}

  private static Submitted inventory(JsonNode tree, byte[] body) throws InputException {
    StoredInventory stored;
    if ("CycloneDX".equals(tree.path("bomFormat").asText())) {
      String tool = tree.path("metadata").path("tools").toString();
      stored =
          new StoredInventory(
              "cyclonedx:" + Integer.toHexString(tool.hashCode()),
              StoredInventory.CYCLONEDX_JSON,
              body);
    } else if ("portcullis".equals(tree.path("tool").asText()) && tree.has("packages")) {
      stored =
          new StoredInventory(
              Inventories.analyzerVersion(tree.path("toolVersion").asText("unknown")),
              StoredInventory.PORTCULLIS_JSON,
              body);
    } else {
      throw ApiError.badRequest(
          "the body is none of: a 'portcullis scan --format json' report, a 'portcullis sbom"
              + " --format json' inventory, a CycloneDX JSON SBOM");
    }
    return new Submitted(Inventories.read(stored), stored);
  }
}
