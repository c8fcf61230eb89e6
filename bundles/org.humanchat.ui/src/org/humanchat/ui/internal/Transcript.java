package org.humanchat.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Link;
import org.humanchat.api.model.Attachment;
import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.DeliveryState;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;

/**
 * A conversation's messages as the agent reads them: the end user's on the left, the Brain's and agents' on the
 * right, timeline events centered in grey, each with its author, time, files and delivery state. Alignment, colours
 * and fonts are handed to StyledText line by line through listeners, for the lines it draws: showing a transcript
 * costs one setText, however long it is. Above it, "Load earlier messages" while there are any; scrolling to the top
 * loads them too.
 */
final class Transcript {

    /**
     * Bubble backgrounds (end user, team, Brain) and text colours (events, failures, links) as 0xRRGGBB, for GTK's
     * light and dark themes (the desktop's, or the one chosen in Preferences).
     */
    private record Palette(int user, int team, int brain, int grey, int red, int blue) {
        static final Palette LIGHT = new Palette(0xf1f3f5, 0xe3f0ff, 0xeee9ff, 0x6b7280, 0xc01c28, 0x1a5fb4);
        static final Palette DARK = new Palette(0x3a3d42, 0x1f3a5c, 0x3b325e, 0xa0a6b0, 0xff7b72, 0x78aeff);
    }

    private static Color color(int rgb) {
        return new Color(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
    }

    private final Link older;
    private final StyledText text;
    private final Color userBackground;
    private final Color teamBackground;
    private final Color brainBackground;
    private final Color grey;
    private final Color red;

    /** The file shown on a line, by line index. */
    private Map<Integer, Attachment> fileLines = Map.of();
    private final Color blue;
    private final Cursor hand;

    /** Per line: 0 timeline event, 1 end user, 2 agent, 3 Brain, -1 blank. */
    private byte[] lineKinds = new byte[0];
    /** Styles of the whole text, sorted by start. */
    private StyleRange[] styles = new StyleRange[0];

    /** @param loadOlder asks for the page of messages before the first shown */
    Transcript(Composite parent, Runnable loadOlder) {
        older = WidgetKeys.name(new Link(parent, SWT.NONE), "conversation.older");
        older.setText("<a>Load earlier messages</a>");
        older.addListener(SWT.Selection, e -> loadOlder.run());
        GridDataFactory.fillDefaults().exclude(true).applyTo(older);
        older.setVisible(false);
        text = WidgetKeys.name(new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL),
                "conversation.transcript");
        WidgetKeys.attach(text, this);
        text.setMargins(12, 8, 12, 8);
        text.setCaret(null);
        GridDataFactory.fillDefaults().grab(true, true).hint(400, 300).applyTo(text);
        text.getVerticalBar().addListener(SWT.Selection, e -> {
            if (older.getVisible() && text.getTopIndex() == 0) {
                loadOlder.run();
            }
        });
        Palette palette = Display.isSystemDarkTheme() ? Palette.DARK : Palette.LIGHT;
        userBackground = color(palette.user());
        teamBackground = color(palette.team());
        brainBackground = color(palette.brain());
        grey = color(palette.grey());
        red = color(palette.red());
        blue = color(palette.blue());
        hand = new Cursor(text.getDisplay(), SWT.CURSOR_HAND);
        text.addListener(SWT.MouseMove, e -> text.setCursor(fileAt(e.x, e.y) == null ? null : hand));
        text.addLineStyleListener(this::styleLine);
        text.addLineBackgroundListener(e -> {
            int kind = kindAt(text.getLineAtOffset(e.lineOffset));
            e.lineBackground = kind == 1 ? userBackground : kind == 2 ? teamBackground : kind == 3 ? brainBackground
                    : null;
        });
    }

    private int kindAt(int line) {
        return line < lineKinds.length ? lineKinds[line] : -1;
    }

    private void styleLine(org.eclipse.swt.custom.LineStyleEvent e) {
        int kind = kindAt(text.getLineAtOffset(e.lineOffset));
        e.alignment = kind == 0 ? SWT.CENTER : kind == 1 ? SWT.LEFT : kind < 0 ? SWT.LEFT : SWT.RIGHT;
        int end = e.lineOffset + e.lineText.length();
        List<StyleRange> onLine = new ArrayList<>();
        int first = firstEndingAfter(e.lineOffset);
        for (int i = first; i < styles.length && styles[i].start < end; i++) {
            StyleRange r = styles[i];
            int from = Math.max(r.start, e.lineOffset);
            int to = Math.min(r.start + r.length, end);
            if (to > from) {
                StyleRange clipped = (StyleRange) r.clone();
                clipped.start = from;
                clipped.length = to - from;
                onLine.add(clipped);
            }
        }
        e.styles = onLine.toArray(StyleRange[]::new);
    }

    /** Index of the first style that ends after {@code offset} (styles do not overlap and are sorted). */
    private int firstEndingAfter(int offset) {
        int low = 0;
        int high = styles.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (styles[mid].start + styles[mid].length <= offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The file whose line is at this point of the control, or null. */
    Attachment fileAt(int x, int y) {
        int offset = text.getOffsetAtPoint(new Point(x, y));
        return offset < 0 ? null : fileLines.get(text.getLineAtOffset(offset));
    }

    /** Calls {@code opened} with the file the agent clicks, at the point clicked. */
    void onFileClicked(java.util.function.BiConsumer<Attachment, Point> opened) {
        text.addListener(SWT.MouseUp, e -> {
            Attachment file = e.button == 1 ? fileAt(e.x, e.y) : null;
            if (file != null) {
                opened.accept(file, text.toDisplay(e.x, e.y));
            }
        });
    }

    /** The files shown, in order. */
    List<Attachment> files() {
        return fileLines.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    StyledText control() {
        return text;
    }

    /** Earlier messages arrived and are shown: the message the agent was reading stays in view. */
    void showWithOlder(List<Message> messages, String contactName, Map<String, String> names, boolean moreBefore) {
        int linesBefore = text.getLineCount();
        show(messages, contactName, names, moreBefore);
        text.setTopIndex(text.getLineCount() - linesBefore);
    }

    /**
     * Replaces the content; {@code names} maps "AGENT:id"/"BRAIN:id" to names. Keeps the end in view.
     *
     * @param moreBefore there are messages before the first shown
     */
    void show(List<Message> messages, String contactName, Map<String, String> names, boolean moreBefore) {
        if (older.getVisible() != moreBefore) {
            older.setVisible(moreBefore);
            ((GridData) older.getLayoutData()).exclude = !moreBefore;
            older.getParent().layout(new Control[] { older });
        }
        StringBuilder content = new StringBuilder();
        List<StyleRange> ranges = new ArrayList<>();
        Map<Integer, Attachment> files = new HashMap<>();
        List<int[]> paragraphs = new ArrayList<>(); // first line, line count, kind
        int line = 0;
        Instant now = Instant.now();
        for (Message m : messages) {
            int start = content.length();
            int firstLine = line;
            if (m.authorKind() == AuthorKind.SYSTEM && m.direction() == Direction.INTERNAL) {
                content.append(m.text()).append(" \u00b7 ").append(Durations.clock(m.createdAt(), now)).append('\n');
                ranges.add(style(start, content.length() - start - 1, grey, SWT.ITALIC));
                paragraphs.add(new int[] { firstLine, 1, 0 });
                line += 1;
            } else {
                String author = switch (m.authorKind()) {
                    case END_USER -> contactName;
                    case AGENT -> names.getOrDefault("AGENT:" + m.authorId(), "Agent");
                    case BRAIN -> names.getOrDefault("BRAIN:" + m.authorId(), "Brain");
                    case SYSTEM -> "Automatic message";
                };
                String header = author + "  " + Durations.clock(m.createdAt(), now) + delivery(m);
                content.append(header).append('\n');
                ranges.add(style(start, author.length(), null, SWT.BOLD));
                if (m.deliveryState() == DeliveryState.FAILED) {
                    int at = start + header.indexOf("\u26a0");
                    ranges.add(style(at, start + header.length() - at, red, SWT.NORMAL));
                }
                String body = m.text().isEmpty() ? "" : m.text();
                content.append(body).append('\n');
                int lines = 2 + (int) body.chars().filter(c -> c == '\n').count();
                for (Attachment a : m.attachments()) {
                    int at = content.length();
                    String label = "File: " + a.name() + " (" + Sizes.of(a.size()) + ")";
                    content.append(label).append('\n');
                    StyleRange link = style(at, label.length(), blue, SWT.NORMAL);
                    link.underline = true;
                    ranges.add(link);
                    files.put(firstLine + lines, a);
                    lines++;
                }
                paragraphs.add(new int[] { firstLine, lines, m.direction() == Direction.INBOUND ? 1
                        : m.authorKind() == AuthorKind.BRAIN ? 3 : 2 });
                line += lines;
            }
            content.append('\n');
            line += 1;
        }
        byte[] kinds = new byte[line + 1];
        java.util.Arrays.fill(kinds, (byte) -1);
        for (int[] p : paragraphs) {
            java.util.Arrays.fill(kinds, p[0], p[0] + p[1], (byte) p[2]);
        }
        lineKinds = kinds;
        fileLines = files;
        styles = ranges.stream().sorted(java.util.Comparator.comparingInt(r -> r.start)).toArray(StyleRange[]::new);
        text.setText(content.toString());
        text.setTopIndex(Math.max(0, text.getLineCount() - 1));
    }

    private static String delivery(Message m) {
        if (m.direction() != Direction.OUTBOUND) {
            return "";
        }
        return switch (m.deliveryState()) {
            case PENDING -> "  \u00b7 queued" + (m.deliveryError() == null ? "" : ", retrying: " + m.deliveryError());
            case SENT -> "  \u00b7 sent";
            case FAILED -> "  \u00b7 \u26a0 not delivered" + (m.deliveryError() == null ? "" : ": " + m.deliveryError());
            default -> "";
        };
    }

    private static StyleRange style(int start, int length, Color color, int fontStyle) {
        StyleRange range = new StyleRange(start, Math.max(0, length), color, null);
        range.fontStyle = fontStyle;
        return range;
    }

    String plainText() {
        return text.getText();
    }

    void dispose() {
        userBackground.dispose();
        teamBackground.dispose();
        brainBackground.dispose();
        grey.dispose();
        red.dispose();
        blue.dispose();
        hand.dispose();
    }
}
