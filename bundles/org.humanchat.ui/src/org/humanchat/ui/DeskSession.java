package org.humanchat.ui;

import java.util.Objects;

import org.humanchat.api.model.Agent;
import org.humanchat.api.service.AttachmentStore;
import org.humanchat.api.service.ContactService;
import org.humanchat.api.service.ConversationService;
import org.humanchat.api.service.DeliveryService;
import org.humanchat.api.service.DirectoryService;
import org.humanchat.api.service.InboxService;

/**
 * The signed-in agent and the services the desk works with, put into the application context once the database is
 * open. Parts receive it by injection when it is ready, so no part waits for the database on the UI thread.
 */
public record DeskSession(Agent agent, ConversationService conversations, InboxService inbox, ContactService contacts,
        DirectoryService directory, DeliveryService deliveries, AttachmentStore attachments) {

    public DeskSession {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(deliveries, "deliveries");
        Objects.requireNonNull(attachments, "attachments");
    }
}
