package org.humanchat.ui.internal;

import java.util.function.Supplier;

import org.humanchat.api.connector.ConnectorAdmin;
import org.humanchat.ui.DeskSession;

/** What the sections of the Connectors view share: the services, the admin's rights, and changes run in Jobs. */
interface ConnectorChanges {

    /** Null while connector administration is not running. */
    ConnectorAdmin admin();

    /** Null until the agent is signed in. */
    DeskSession session();

    /** The agent may change connectors: an admin, with connector administration running. */
    boolean isAdmin();

    /** Runs {@code work} in a Job; what it answers is said, the view reads everything again after it. */
    void change(String doing, Supplier<String> work);

    /** Tells the admin what happened, in the line under the view. */
    void say(String text);

    /** Reads everything again. */
    void reload();

    /** The selection changed: the buttons follow it. */
    void selectionChanged();
}
