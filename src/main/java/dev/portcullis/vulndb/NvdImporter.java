package dev.portcullis.vulndb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;

/**
 * Reads NVD's published CVE feeds (JSON 2.0, {@code nvdcve-2.0-YEAR.json[.gz]}, and the older 1.1
 * feeds) for their CVSS vectors, so records that carry no severity of their own (Debian's) get
 * NVD's. The feed is streamed one CVE at a time; a year's feed never sits in memory whole.
 */
public final class NvdImporter {

  private final DatabaseWriter writer;

  public NvdImporter(DatabaseWriter writer) {
    this.writer = writer;
  }

  /**
   * @return how many CVEs got a severity
   */
  public long importFeed(Path feed) throws IOException {
    long rated = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(feed), 1 << 16);
        InputStream in = feed.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        JsonParser parser = Json.mapper().getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InputException(feed + ": not an NVD JSON feed");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ((field.equals("vulnerabilities") || field.equals("CVE_Items"))
            && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode item = parser.readValueAsTree();
            SeverityRating rating =
                field.equals("vulnerabilities") ? fromV2(item.path("cve")) : fromV11(item);
            String id =
                field.equals("vulnerabilities")
                    ? item.path("cve").path("id").asText(null)
                    : item.path("cve").path("CVE_data_meta").path("ID").asText(null);
            if (id != null && rating != null) {
              writer.storeNvdSeverity(id, rating);
              rated++;
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(feed + ": no such file");
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new InputException(
          feed + ": not a readable NVD JSON feed (" + e.getOriginalMessage() + ")", e);
    }
    return rated;
  }

  /** NVD API/feed 2.0: metrics.cvssMetricV40, V31, V30, primary (NVD's own) entries first. */
  private static SeverityRating fromV2(JsonNode cve) {
    for (String metric : List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30")) {
      JsonNode entries = cve.path("metrics").path(metric);
      for (String type : List.of("Primary", "Secondary")) {
        for (JsonNode entry : entries) {
          if (type.equals(entry.path("type").asText())) {
            SeverityRating rating =
                rate(entry.path("cvssData").path("vectorString").asText(null), metric);
            if (rating != null) {
              return rating;
            }
          }
        }
      }
    }
    return null;
  }

  /** The 1.1 feeds: impact.baseMetricV3.cvssV3.vectorString. */
  private static SeverityRating fromV11(JsonNode item) {
    return rate(
        item.path("impact").path("baseMetricV3").path("cvssV3").path("vectorString").asText(null),
        "baseMetricV3");
  }

  private static SeverityRating rate(String vector, String metric) {
    if (vector == null) {
      return null;
    }
    try {
      Cvss cvss = Cvss.fromVector(vector);
      if (cvss == null) {
        return null;
      }
      double score = cvss.calculateScore().getBaseScore();
      return new SeverityRating(
          Severity.ofCvssScore(score), score, vector, "NVD " + metric + " vector");
    } catch (MalformedVectorException | IllegalArgumentException e) {
      return null;
    }
  }
}
