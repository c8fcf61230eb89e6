package org.humanchat.api.service;

import java.nio.file.Path;

/**
 * Where this runtime keeps its files (embedded database, attachments, connector drop-ins): the system property
 * {@code humanchat.data} (the desk's launch script sets it from HUMANCHAT_DATA), else ~/.local/share/humanchat.
 */
public final class DataFolder {

    public static final String PROPERTY = "humanchat.data";
    /**
     * The file in the data folder where a desk keeps its session token when its agent asked to stay signed in
     * (readable by the owner only).
     */
    public static final String DESK_SESSION_FILE = "desk-session.token";

    private DataFolder() {
    }

    public static Path path() {
        String configured = System.getProperty(PROPERTY, "");
        return configured.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share", "humanchat")
                : Path.of(configured);
    }
}
