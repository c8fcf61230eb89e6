package org.humanchat.api.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When humans answer in an environment, written as agents would say it: {@code "Mon-Fri 09:00-17:00, Sat 10:00-14:00"}
 * in a time zone. An empty text means always open.
 */
public record BusinessHours(String text, ZoneId zone, List<Slot> slots) {

    /** Days and a time span; the span may not cross midnight. */
    public record Slot(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    }

    public static final BusinessHours ALWAYS = new BusinessHours("", ZoneId.of("UTC"), List.of());

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public BusinessHours {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(zone, "zone");
        slots = List.copyOf(slots);
    }

    public boolean isAlwaysOpen() {
        return slots.isEmpty();
    }

    public boolean isOpen(Instant at) {
        if (slots.isEmpty()) {
            return true;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return slots.stream().anyMatch(s -> s.days().contains(local.getDayOfWeek()) && !time.isBefore(s.from())
                && time.isBefore(s.to()));
    }

    /**
     * Reads {@code "Mon-Fri 09:00-17:00, Sat 10:00-14:00"}.
     *
     * @throws IllegalArgumentException naming the part that is not understood
     */
    public static BusinessHours parse(String text, String zoneId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId == null || zoneId.isBlank() ? "UTC" : zoneId.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown time zone \"" + zoneId + "\", e.g. Europe/Berlin");
        }
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            return new BusinessHours("", zone, List.of());
        }
        List<Slot> slots = new ArrayList<>();
        for (String part : clean.split(",")) {
            String[] dayAndTime = part.strip().split("\\s+");
            if (dayAndTime.length != 2) {
                throw new IllegalArgumentException("Expected days and hours like \"Mon-Fri 09:00-17:00\", not \""
                        + part.strip() + "\"");
            }
            Set<DayOfWeek> days = days(dayAndTime[0]);
            String[] times = dayAndTime[1].split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException("Expected hours like 09:00-17:00, not \"" + dayAndTime[1] + "\"");
            }
            try {
                LocalTime from = LocalTime.parse(times[0]);
                LocalTime to = LocalTime.parse(times[1]);
                if (!from.isBefore(to)) {
                    throw new IllegalArgumentException("Hours must start before they end: " + dayAndTime[1]);
                }
                slots.add(new Slot(days, from, to));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Expected hours like 09:00-17:00, not \"" + dayAndTime[1] + "\"");
            }
        }
        return new BusinessHours(clean, zone, slots);
    }

    private static Set<DayOfWeek> days(String spec) {
        String[] range = spec.split("-");
        int first = day(range[0]);
        int last = range.length == 2 ? day(range[1]) : first;
        if (range.length > 2 || last < first) {
            throw new IllegalArgumentException("Expected days like Mon-Fri or Sat, not \"" + spec + "\"");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int d = first; d <= last; d++) {
            days.add(DayOfWeek.of(d + 1));
        }
        return days;
    }

    private static int day(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String key = lower.length() >= 3 ? lower.substring(0, 3) : lower;
        int index = DAYS.indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown day \"" + name + "\": use Mon, Tue, Wed, Thu, Fri, Sat, Sun");
        }
        return index;
    }
}
