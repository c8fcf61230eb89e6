package org.humanchat.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the inbox and the transcript show them. */
final class Durations {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM HH:mm")
            .withZone(ZoneId.systemDefault());

    private Durations() {
    }

    /** "now", "5 min", "3 h", "2 d". */
    static String since(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toMinutes() < 1) {
            return "now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h";
        }
        return d.toDays() + " d";
    }

    /** "14:05" today, else "3 Nov 14:05". */
    static String clock(Instant at, Instant now) {
        return Duration.between(at, now).toHours() < 20 ? TIME.format(at) : DATE.format(at);
    }
}
