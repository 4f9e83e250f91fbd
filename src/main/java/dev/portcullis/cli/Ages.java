package dev.portcullis.cli;

import java.time.Duration;

/** Ages as people read them: "3 days", "5 hours", "12 minutes". */
final class Ages {

  private Ages() {}

  static String describe(Duration age) {
    if (age.toDays() > 0) {
      return age.toDays() + (age.toDays() == 1 ? " day" : " days");
    }
    if (age.toHours() > 0) {
      return age.toHours() + (age.toHours() == 1 ? " hour" : " hours");
    }
    long minutes = Math.max(0, age.toMinutes());
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
