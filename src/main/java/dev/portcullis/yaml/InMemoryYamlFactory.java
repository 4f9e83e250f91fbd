package dev.portcullis.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Jackson's YAML factory for text that is already in memory (a file read up to its limit): its
 * parsers read through {@link InMemoryYamlReader}, so a long line costs its length, not its square.
 */
public final class InMemoryYamlFactory extends YAMLFactory {

  private static final long serialVersionUID = 1L;

  public InMemoryYamlFactory(LoaderOptions options) {
    super(YAMLFactory.builder().loaderOptions(options));
  }

  @Override
  protected YAMLParser _createParser(
      char[] data, int offset, int length, IOContext context, boolean recyclable) {
    return parser(new String(data, offset, length), context);
  }

  @Override
  protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
    StringWriter text = new StringWriter();
    reader.transferTo(text);
    return parser(text.toString(), context);
  }

  private YAMLParser parser(String text, IOContext context) {
    return new Parser(
        context,
        _parserFeatures,
        _yamlParserFeatures,
        _objectCodec,
        new ParserImpl(new InMemoryYamlReader(text), _loaderOptions));
  }

  /** Jackson's parser over a SnakeYAML parser we made. */
  private static final class Parser extends YAMLParser {
    Parser(
        IOContext context,
        int parserFeatures,
        int yamlFeatures,
        ObjectCodec codec,
        ParserImpl events) {
      super(context, parserFeatures, yamlFeatures, codec, null, events);
    }
  }
}
