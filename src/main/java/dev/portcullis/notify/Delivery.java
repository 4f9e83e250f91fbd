package dev.portcullis.notify;

import java.util.stream.Stream;

/**
 * One notification to one receiver: the data of a durable delivery job. It names the receiver by
 * its place in the server's configuration and by its redacted URL, never by the URL or the secret,
 * which stay in the configuration; a receiver that moved or went away since is not sent to. Exactly
 * one of the three notifications is set (JSON needs a concrete type for each).
 *
 * @param receiver the index of the receiver in {@link NotificationSettings#webhooks()}
 * @param target the receiver's {@link WebhookSettings#redactedUrl()} when it was queued
 */
public record Delivery(
    int receiver,
    String target,
    NewFindings newFindings,
    MissedDeadlines missedDeadlines,
    DailySummary dailySummary) {

  public Delivery {
    long set = Stream.of(newFindings, missedDeadlines, dailySummary).filter(n -> n != null).count();
    if (set != 1) {
      throw new IllegalArgumentException("a delivery carries exactly one notification, not " + set);
    }
  }

  static Delivery of(int receiver, WebhookSettings target, Notification notification) {
    String url = target.redactedUrl();
    if (notification instanceof NewFindings n) {
      return new Delivery(receiver, url, n, null, null);
    }
    if (notification instanceof MissedDeadlines n) {
      return new Delivery(receiver, url, null, n, null);
    }
    return new Delivery(receiver, url, null, null, (DailySummary) notification);
  }

  Notification notification() {
    return newFindings != null
        ? newFindings
        : missedDeadlines != null ? missedDeadlines : dailySummary;
  }
}
