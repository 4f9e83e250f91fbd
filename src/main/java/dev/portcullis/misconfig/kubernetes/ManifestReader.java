package dev.portcullis.misconfig.kubernetes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.portcullis.files.UserFileException;
import dev.portcullis.files.UserFiles;
import dev.portcullis.yaml.InMemoryYamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads manifest files (multi-document YAML, or JSON) into {@link Node} trees with line numbers.
 * Hostile files are bounded: by size, by nesting depth, by the number of aliases and by what
 * aliases expand to (a "billion laughs" document is refused, not expanded). A problem stops that
 * file at the point it occurs; the documents before it are kept.
 */
final class ManifestReader {

  /** Larger than any object the API server stores (etcd's limit is 1.5 MiB). */
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  static final int MAX_DEPTH = 100;
  static final int MAX_ALIASES = 100;

  /** Values one document may expand to through aliases. */
  static final long MAX_VALUES = 1_000_000;

  private final JsonFactory json =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  ManifestFile read(Path path, String display) throws IOException {
    String text;
    try {
      text = UserFiles.readText(path, MAX_FILE_BYTES, "a manifest file");
    } catch (UserFileException e) {
      return failed(display, 0, e.reason() + "; not checked");
    }
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? readJson(text, display)
        : readYaml(text, display);
  }

  /** Reads YAML text; public to the package for tests. */
  ManifestFile readYaml(String text, String display) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit((int) MAX_FILE_BYTES);
    // Merge keys are resolved by YamlConverter, which sees a merge that reaches its own mapping;
    // SnakeYAML's merge on compose loops forever on one (found by fuzzing).
    options.setMergeOnCompose(false);
    options.setAllowRecursiveKeys(false);
    StreamReader stream = new InMemoryYamlReader(text);
    Composer composer = new Composer(new ParserImpl(stream, options), new Resolver(), options);
    List<ManifestDocument> documents = new ArrayList<>();
    int index = 0;
    try {
      while (composer.checkNode()) {
        org.yaml.snakeyaml.nodes.Node yaml = nextNode(composer);
        int line = yaml.getStartMark() == null ? 0 : yaml.getStartMark().getLine() + 1;
        Node root = new YamlConverter().convert(yaml);
        if (root.size() > MAX_VALUES) {
          return new ManifestFile(
              display,
              documents,
              List.of(
                  new ReadProblem(
                      display,
                      line,
                      "document "
                          + (index + 1)
                          + " expands to more than "
                          + MAX_VALUES
                          + " values through its aliases (alias bomb?); not checked")));
        }
        if (!(root instanceof Node.ScalarNode scalar
            && scalar.type() == Node.ScalarNode.Type.NULL)) {
          documents.add(new ManifestDocument(display, index, root));
        }
        index++;
      }
    } catch (MarkedYAMLException e) {
      int line =
          e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : currentLine(stream);
      String problem =
          e.getContext() == null || e.getProblem() == null
              ? firstLine(e.getMessage())
              : e.getContext() + ": " + e.getProblem();
      if (e.getContext() != null && e.getProblem() == null) {
        problem = e.getContext();
      }
      return new ManifestFile(display, documents, List.of(notYaml(display, line, problem)));
    } catch (YAMLException | RecursiveAliasException e) {
      return new ManifestFile(
          display, documents, List.of(notYaml(display, currentLine(stream), limitMessage(e))));
    } catch (StackOverflowError e) {
      return new ManifestFile(
          display,
          documents,
          List.of(
              notYaml(display, currentLine(stream), "nested too deeply (more than the stack)")));
    }
    return new ManifestFile(display, documents, List.of());
  }

  /**
   * SnakeYAML's composer refuses some tags (a {@code %} escape that decodes to spaces, say) with an
   * {@link IllegalArgumentException} rather than a {@link YAMLException}; found by fuzzing.
   */
  private static org.yaml.snakeyaml.nodes.Node nextNode(Composer composer) {
    try {
      return composer.getNode();
    } catch (IllegalArgumentException e) {
      throw new YAMLException("bad tag: " + firstLine(e.getMessage()), e);
    }
  }

  private static ReadProblem notYaml(String display, int line, String problem) {
    return new ReadProblem(
        display, line, "not valid YAML: " + problem + "; the rest of the file is not checked");
  }

  private static String limitMessage(RuntimeException e) {
    String message = firstLine(e.getMessage());
    if (message.contains("aliases")) {
      return message + " (alias bomb?)";
    }
    return message;
  }

  private static int currentLine(StreamReader stream) {
    return stream.getMark() == null ? 0 : stream.getMark().getLine() + 1;
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse(message).strip();
  }

  private ManifestFile readJson(String text, String display) {
    List<ManifestDocument> documents = new ArrayList<>();
    try (JsonParser parser = json.createParser(text)) {
      int index = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Node root = jsonValue(parser, token);
        documents.add(new ManifestDocument(display, index++, root));
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return new ManifestFile(
          display,
          documents,
          List.of(
              new ReadProblem(
                  display,
                  line,
                  "not valid JSON: "
                      + firstLine(e.getOriginalMessage())
                      + "; the rest of the file is not checked")));
    } catch (IOException e) {
      return failed(display, 0, "not readable: " + e.getMessage());
    }
    return new ManifestFile(display, documents, List.of());
  }

  private static Node jsonValue(JsonParser parser, JsonToken token) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        long size = 1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Node value = jsonValue(parser, parser.nextToken());
          size += value.size();
          entries.put(key, value);
        }
        return new Node.MapNode(entries, line, size);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        long size = 1;
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          Node value = jsonValue(parser, next);
          size += value.size();
          items.add(value);
        }
        return new Node.ListNode(items, line, size);
      }
      case VALUE_STRING -> {
        return new Node.ScalarNode(parser.getText(), Node.ScalarNode.Type.STRING, line);
      }
      case VALUE_NUMBER_INT -> {
        return new Node.ScalarNode(parser.getText(), Node.ScalarNode.Type.INT, line);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node.ScalarNode(parser.getText(), Node.ScalarNode.Type.FLOAT, line);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node.ScalarNode(parser.getText(), Node.ScalarNode.Type.BOOL, line);
      }
      case VALUE_NULL -> {
        return new Node.ScalarNode(null, Node.ScalarNode.Type.NULL, line);
      }
      default ->
          throw new JsonProcessingException("unexpected " + token, parser.currentLocation()) {};
    }
  }

  private static ManifestFile failed(String display, int line, String message) {
    return new ManifestFile(display, List.of(), List.of(new ReadProblem(display, line, message)));
  }

  /** A YAML alias that refers to a collection it is inside of. */
  private static final class RecursiveAliasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RecursiveAliasException(int line) {
      super("an alias at line " + line + " refers to a collection that contains it (recursive)");
    }
  }

  /** SnakeYAML's composed nodes to ours; an alias's subtree is converted once and shared. */
  private static final class YamlConverter {
    private final Map<org.yaml.snakeyaml.nodes.Node, Node> done = new IdentityHashMap<>();
    private final Map<org.yaml.snakeyaml.nodes.Node, Boolean> active = new IdentityHashMap<>();

    Node convert(org.yaml.snakeyaml.nodes.Node yaml) {
      Node known = done.get(yaml);
      if (known != null) {
        return known;
      }
      int line = yaml.getStartMark() == null ? 0 : yaml.getStartMark().getLine() + 1;
      if (active.containsKey(yaml)) {
        throw new RecursiveAliasException(line);
      }
      active.put(yaml, Boolean.TRUE);
      Node converted;
      if (yaml instanceof MappingNode mapping) {
        converted = convertMapping(mapping, line);
      } else if (yaml instanceof SequenceNode sequence) {
        List<Node> items = new ArrayList<>();
        long size = 1;
        for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
          Node value = convert(item);
          size = saturatingAdd(size, value.size());
          items.add(value);
        }
        converted = new Node.ListNode(items, line, size);
      } else {
        ScalarNode scalar = (ScalarNode) yaml;
        converted = new Node.ScalarNode(scalar.getValue(), type(scalar), line);
      }
      active.remove(yaml);
      done.put(yaml, converted);
      return converted;
    }

    /**
     * A mapping with YAML 1.1 merge keys resolved as kubectl's parser does: the mapping's own keys
     * win over merged ones, and of several merged mappings the first that has a key wins.
     */
    private Node convertMapping(MappingNode mapping, int line) {
      Map<String, Node> entries = new LinkedHashMap<>();
      List<Node.MapNode> merged = new ArrayList<>();
      long size = 1;
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          continue;
        }
        Node value = convert(tuple.getValueNode());
        if (Tag.MERGE.equals(key.getTag())) {
          merged.addAll(mergeSources(value, line));
          continue;
        }
        Node previous = entries.put(key.getValue(), value);
        size = saturatingAdd(size, value.size() - (previous == null ? 0 : previous.size()));
      }
      for (Node.MapNode source : merged) {
        for (Map.Entry<String, Node> entry : source.entries().entrySet()) {
          if (entries.putIfAbsent(entry.getKey(), entry.getValue()) == null) {
            size = saturatingAdd(size, entry.getValue().size());
          }
        }
      }
      return new Node.MapNode(entries, line, size);
    }

    private static List<Node.MapNode> mergeSources(Node value, int line) {
      if (value instanceof Node.MapNode map) {
        return List.of(map);
      }
      if (value instanceof Node.ListNode list) {
        List<Node.MapNode> sources = new ArrayList<>();
        for (Node item : list.items()) {
          if (!(item instanceof Node.MapNode map)) {
            throw new YAMLException(
                "a merge key (<<) at line " + line + " lists something that is not a mapping");
          }
          sources.add(map);
        }
        return sources;
      }
      throw new YAMLException(
          "a merge key (<<) at line " + line + " needs a mapping or a list of mappings");
    }

    private static Node.ScalarNode.Type type(ScalarNode scalar) {
      Tag tag = scalar.getTag();
      if (Tag.NULL.equals(tag)) {
        return Node.ScalarNode.Type.NULL;
      }
      if (Tag.BOOL.equals(tag)) {
        return Node.ScalarNode.Type.BOOL;
      }
      if (Tag.INT.equals(tag)) {
        return Node.ScalarNode.Type.INT;
      }
      if (Tag.FLOAT.equals(tag)) {
        return Node.ScalarNode.Type.FLOAT;
      }
      return Node.ScalarNode.Type.STRING;
    }

    private static long saturatingAdd(long a, long b) {
      long sum = a + b;
      return sum < 0 ? Long.MAX_VALUE : sum;
    }
  }

  /** For tests: reads text as if it were a file of that name. */
  ManifestFile readText(String text, String display) {
    return display.toLowerCase(Locale.ROOT).endsWith(".json")
        ? readJson(text, display)
        : readYaml(text, display);
  }
}
