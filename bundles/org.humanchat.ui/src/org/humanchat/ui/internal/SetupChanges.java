package org.humanchat.ui.internal;

import java.util.function.Supplier;

import org.humanchat.ui.DeskSession;

/** What the sections of Settings share: the session, the environment shown, changes run in Jobs, and questions. */
interface SetupChanges {

    /** Null until the agent is signed in. */
    DeskSession session();

    /** The environment shown, 0 while there is none. */
    long environmentId();

    /**
     * Runs a set-up change in a Job (the action reads no widget: callers take the values first); the settings
     * reload and say what happened.
     */
    void change(String what, Supplier<?> action);

    /** The same, and {@code then} gets the result on the UI thread before the settings reload. */
    <T> void change(String what, Supplier<T> action, java.util.function.Consumer<T> then);

    /** Asks the admin before a change that touches many conversations. */
    boolean confirm(String heading, String question);

    /** Tells the admin what happened, in the line under the settings. */
    void say(String text);
}
