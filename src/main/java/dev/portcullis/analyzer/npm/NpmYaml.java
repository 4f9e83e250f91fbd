package dev.portcullis.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Streaming YAML for yarn's and pnpm's lockfiles. Aliases are never expanded (Jackson reads an
 * alias as its anchor's name), so a small file cannot grow into a large tree.
 */
final class NpmYaml {

  /**
   * SnakeYAML stops at 3 MB by default; here the bounded stream of {@link #parser} is the limit.
   */
  private static final YAMLMapper MAPPER = new YAMLMapper(factory());

  private NpmYaml() {}

  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /**
   * A parser over at most {@code limit} bytes; its codec reads subtrees. It is given a reader:
   * SnakeYAML then reads a third faster than through Jackson's own decoding.
   */
  static JsonParser parser(InputStream in, long limit) throws IOException {
    return MAPPER
        .getFactory()
        .createParser(
            new BufferedReader(
                new InputStreamReader(NpmJson.bounded(in, limit), StandardCharsets.UTF_8)));
  }

  /**
   * Says that the file stopped parsing, where and why: SnakeYAML's own line and problem where it
   * has them, since Jackson's message repeats the source around it.
   */
  static void unreadable(Findings findings, JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String problem =
          marked.getContext() == null
              ? marked.getProblem()
              : marked.getContext() + ": " + marked.getProblem();
      findings.unreadable("YAML", String.valueOf(marked.getProblemMark().getLine() + 1), problem);
    } else {
      findings.unreadable("YAML", e);
    }
  }

  /** A scalar's text (YAML may have read "1.10" or "true" as a number or boolean), else null. */
  static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
