package org.humanchat.core.internal;

/** Text as every database the product runs on keeps it. */
final class Texts {

    /** What stands for a character a database cannot keep. */
    static final char REPLACEMENT = '\uFFFD';

    private Texts() {
    }

    /** U+0000, which PostgreSQL refuses in text columns, becomes U+FFFD; null stays null. */
    static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', REPLACEMENT);
    }
}
