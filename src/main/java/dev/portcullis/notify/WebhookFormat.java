package dev.portcullis.notify;

import java.util.Locale;

/** The body a notification target receives: our JSON payload, or a Slack incoming-webhook one. */
public enum WebhookFormat {
  JSON,
  SLACK;

  /** Parses {@code json} or {@code slack}, in any case. */
  public static WebhookFormat parse(String word) {
    String name = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "json" -> JSON;
      case "slack" -> SLACK;
      default ->
          throw new IllegalArgumentException(
              "unknown notification format '" + name + "': use json or slack");
    };
  }
}
