package dev.portcullis.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the dashboard's templates ({@code src/main/jte}), compiled to Java classes at build time:
 * nothing is compiled or read from disk at run time, and every value is escaped for where it lands
 * in the HTML.
 */
final class Pages {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  String render(String template, Map<String, Object> parameters) {
    StringOutput output = new StringOutput(16 * 1024);
    engine.render(template + ".jte", parameters, output);
    return output.toString();
  }

  String render(String template, String name, Object page) {
    return render(template, Map.of(name, page));
  }
}
