package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.input.BoundedInputStream;

/** Streaming JSON for manifests and lockfiles, which may be tens of megabytes. */
final class NpmJson {

  /**
   * A v1 lockfile nests two levels per level of node_modules; real trees stay far below this.
   * Strings are names, versions, URLs and licences.
   */
  private static final JsonFactory FACTORY =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(1000)
                          .maxStringLength(1_000_000)
                          .build())
                  .build())
          .build()
          .getFactory();

  private NpmJson() {}

  /**
   * A parser that reads at most {@code limit} bytes (beyond it, the document ends) and leaves the
   * stream open for its owner. Its codec reads subtrees ({@code readValueAsTree}).
   */
  static JsonParser parser(InputStream in, long limit) throws IOException {
    return FACTORY.createParser(bounded(in, limit));
  }

  static InputStream bounded(InputStream in, long limit) throws IOException {
    return BoundedInputStream.builder()
        .setInputStream(in)
        .setMaxCount(limit)
        .setPropagateClose(false)
        .get();
  }

  /** The current value if it is a string; anything else is skipped and is null. */
  static String text(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }
}
