package org.humanchat.api.event;

/**
 * EventAdmin topics published by the core after each change is committed. Every event carries
 * {@link #CONVERSATION_ID}, {@link #ENVIRONMENT_ID}, {@link #STATUS}, {@link #ASSIGNEE_KIND} and
 * {@link #ASSIGNEE_ID}, describing the conversation after the change; other keys are listed per topic.
 * Subscribe to {@link #ALL} to follow every conversation change.
 */
public final class ConversationEvents {

    private static final String BASE = "org/humanchat/conversation/";

    /** Every topic below. */
    public static final String ALL = BASE + "*";

    /**
     * {@code true} on an event another runtime on the same database published (a desk, or a headless server, on
     * one PostgreSQL database), relayed here so that views stay live. Such an event is for showing: acting on it
     * (calling a Brain, say) is for the runtime that made the change, which gets the event itself.
     */
    public static final String REMOTE = "remote";

    /**
     * Events may have been missed (the relay from other runtimes was cut off and is back): views read again.
     * Carries no conversation.
     */
    public static final String REFRESH = BASE + "REFRESH";

    /** A conversation was opened by an inbound message. Adds {@link #MESSAGE_ID}. */
    public static final String CREATED = BASE + "CREATED";
    /** A resolved conversation was reopened (by an inbound message or an agent). */
    public static final String REOPENED = BASE + "REOPENED";
    /** A message was added. Adds {@link #MESSAGE_ID}, {@link #AUTHOR_KIND}. */
    public static final String MESSAGE_ADDED = BASE + "MESSAGE_ADDED";
    /** The assignee changed (agent, Brain or nobody). Adds {@link #PREVIOUS_ASSIGNEE_KIND}, {@link #PREVIOUS_ASSIGNEE_ID}. */
    public static final String ASSIGNED = BASE + "ASSIGNED";
    /** A Brain handed the conversation to humans. Adds {@link #BRAIN_ID}, {@link #REASON}. */
    public static final String HANDED_OVER = BASE + "HANDED_OVER";
    /** A Brain stopped handling the conversation because a human took it. Adds {@link #BRAIN_ID}. */
    public static final String BRAIN_LEFT = BASE + "BRAIN_LEFT";
    /** The conversation was resolved. */
    public static final String RESOLVED = BASE + "RESOLVED";
    /** Tags changed. Adds {@link #TAGS} (comma-separated). */
    public static final String TAGGED = BASE + "TAGGED";
    /** The delivery state of an outbound message changed. Adds {@link #MESSAGE_ID}, {@link #DELIVERY_STATE}. */
    public static final String DELIVERY_CHANGED = BASE + "DELIVERY_CHANGED";

    /**
     * An agent looked at a conversation: their unread marker goes. Carries {@link #CONVERSATION_ID} and
     * {@link #AGENT_ID}. Not under {@link #ALL}: it changes nothing of the conversation itself.
     */
    public static final String SEEN = "org/humanchat/seen/CONVERSATION";

    /** {@code Long}. */
    public static final String CONVERSATION_ID = "conversationId";
    /** {@code Long}: the agent of {@link #SEEN}. */
    public static final String AGENT_ID = "agentId";
    /** {@code Long}. */
    public static final String ENVIRONMENT_ID = "environmentId";
    /** {@code Long}. */
    public static final String CHANNEL_ID = "channelId";
    /** {@code Long}. */
    public static final String CONTACT_ID = "contactId";
    /** {@code String}, a {@code ConversationStatus} name. */
    public static final String STATUS = "status";
    /** {@code String}, an {@code Assignee.Kind} name. */
    public static final String ASSIGNEE_KIND = "assigneeKind";
    /** {@code Long}; 0 when nobody. */
    public static final String ASSIGNEE_ID = "assigneeId";
    /** {@code String}. */
    public static final String PREVIOUS_ASSIGNEE_KIND = "previousAssigneeKind";
    /** {@code Long}. */
    public static final String PREVIOUS_ASSIGNEE_ID = "previousAssigneeId";
    /** {@code Long}. */
    public static final String MESSAGE_ID = "messageId";
    /** {@code String}, an {@code AuthorKind} name. */
    public static final String AUTHOR_KIND = "authorKind";
    /** {@code Long}. */
    public static final String BRAIN_ID = "brainId";
    /** {@code String}. */
    public static final String REASON = "reason";
    /** {@code String}. */
    public static final String TAGS = "tags";
    /** {@code String}, a {@code DeliveryState} name. */
    public static final String DELIVERY_STATE = "deliveryState";
    /** {@code Long}: the agent who acted, 0 for the system, a Brain or an end user. */
    public static final String ACTING_AGENT_ID = "actingAgentId";

    private ConversationEvents() {
    }
}
