package org.humanchat.ui.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * A small round badge per channel type (WhatsApp green "W", Telegram blue "T", ...), drawn once per type and kept
 * until the view goes: recognisable at a glance in the inbox, and a connector installed later gets one too (its
 * initial on grey).
 */
final class ChannelIcons {

    private static final int SIZE = 16;
    private static final Map<String, RGB> COLOURS = Map.of(
            "whatsapp", new RGB(0x25, 0xd3, 0x66),
            "telegram", new RGB(0x22, 0x9e, 0xd9),
            "messenger", new RGB(0x8a, 0x3f, 0xfc),
            "webchat", new RGB(0x1a, 0x5f, 0xb4),
            "webhook", new RGB(0xe6, 0x7e, 0x22),
            "sms", new RGB(0xc0, 0x1c, 0x28));

    private final Display display;
    private final Map<String, Image> images = new HashMap<>();

    ChannelIcons(Display display) {
        this.display = display;
    }

    Image of(String channelType) {
        String type = channelType == null || channelType.isBlank() ? "?" : channelType.toLowerCase(Locale.ROOT);
        return images.computeIfAbsent(type, this::draw);
    }

    private Image draw(String type) {
        // A transparent canvas, so the badge sits on any row colour (selected rows included).
        ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        data.alphaData = new byte[SIZE * SIZE];
        Image canvas = new Image(display, data);
        GC gc = new GC(canvas);
        Color fill = new Color(COLOURS.getOrDefault(type, new RGB(0x6b, 0x72, 0x80)));
        FontData base = display.getSystemFont().getFontData()[0];
        Font font = new Font(display, base.getName(), 7, SWT.BOLD);
        try {
            gc.setAntialias(SWT.ON);
            gc.setBackground(fill);
            gc.fillOval(0, 0, SIZE - 1, SIZE - 1);
            gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.setFont(font);
            String letter = type.substring(0, 1).toUpperCase(Locale.ROOT);
            var extent = gc.textExtent(letter);
            gc.drawText(letter, (SIZE - extent.x) / 2, (SIZE - extent.y) / 2, true);
        } finally {
            gc.dispose();
            font.dispose();
        }
        ImageData drawn = canvas.getImageData();
        canvas.dispose();
        // Alpha from the drawing: everything painted is opaque, the rest stays clear.
        drawn.alphaData = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dx = x - (SIZE - 1) / 2.0;
                double dy = y - (SIZE - 1) / 2.0;
                double distance = Math.sqrt(dx * dx + dy * dy);
                double coverage = Math.max(0, Math.min(1, (SIZE / 2.0) - distance));
                drawn.alphaData[y * SIZE + x] = (byte) Math.round(coverage * 255);
            }
        }
        return new Image(display, drawn);
    }

    void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
    }
}
