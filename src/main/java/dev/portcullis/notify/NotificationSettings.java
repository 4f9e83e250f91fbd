package dev.portcullis.notify;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * Where the server's notifications go, and when the daily summary is sent.
 *
 * @param webhooks the receivers; none by default
 * @param dailySummaryAt the time of day (UTC) of the daily summary
 */
public record NotificationSettings(List<WebhookSettings> webhooks, LocalTime dailySummaryAt) {

  public static final LocalTime DEFAULT_DAILY_SUMMARY_AT = LocalTime.of(8, 0);

  public NotificationSettings {
    webhooks = List.copyOf(webhooks);
    Objects.requireNonNull(dailySummaryAt, "dailySummaryAt");
  }

  public static NotificationSettings none() {
    return new NotificationSettings(List.of(), DEFAULT_DAILY_SUMMARY_AT);
  }
}
