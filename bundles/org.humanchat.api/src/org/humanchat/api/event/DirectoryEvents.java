package org.humanchat.api.event;

/** EventAdmin topics for changes to the set-up around conversations. */
public final class DirectoryEvents {

    private static final String BASE = "org/humanchat/directory/";

    public static final String ALL = BASE + "*";
    /** An environment was created, renamed or its settings changed. Carries {@link #ENVIRONMENT_ID}. */
    public static final String ENVIRONMENT_CHANGED = BASE + "ENVIRONMENT_CHANGED";
    /** A contact's details changed. Carries {@link #CONTACT_ID}. */
    public static final String CONTACT_CHANGED = BASE + "CONTACT_CHANGED";
    /** An agent's presence changed. Carries {@link #AGENT_ID}. */
    public static final String PRESENCE_CHANGED = BASE + "PRESENCE_CHANGED";
    /** Channels, Brains, agents or quick responses changed. */
    public static final String SETUP_CHANGED = BASE + "SETUP_CHANGED";

    /** {@code Long}. */
    public static final String ENVIRONMENT_ID = "environmentId";
    /** {@code Long}. */
    public static final String CONTACT_ID = "contactId";
    /** {@code Long}. */
    public static final String AGENT_ID = "agentId";

    private DirectoryEvents() {
    }
}
