package org.humanchat.brain.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.model.AuthorKind;
import org.humanchat.api.model.Direction;
import org.humanchat.api.model.Message;
import org.humanchat.brain.api.BrainConnector;
import org.humanchat.brain.runtime.internal.BrainDispatcher;
import org.humanchat.brain.runtime.internal.DispatcherConfig;
import org.humanchat.core.tests.Databases;
import org.humanchat.core.tests.Desk;
import org.humanchat.persistence.internal.FileAttachmentStore;
import org.humanchat.core.tests.Configs;

/** The test desk with the Brain dispatcher listening to its events, and helpers to read what Brains said. */
final class BrainDesk implements AutoCloseable {

    final Desk desk;
    final BrainDispatcher dispatcher;
    final FileAttachmentStore attachments;

    BrainDesk(Path folder, long deadlineMillis) {
        desk = new Desk(Databases.freshH2(folder));
        attachments = new FileAttachmentStore(folder.resolve("files"), 64 * 1024);
        dispatcher = new BrainDispatcher(desk.conversations, desk.contacts, desk.directory, attachments,
                Configs.of(DispatcherConfig.class, Map.of("deadlineMillis", deadlineMillis)));
        desk.events.deliverTo(dispatcher);
    }

    void run(long brainId, BrainConnector connector) {
        dispatcher.addConnector(connector, Map.of(BrainConnector.BRAIN_ID, brainId));
    }

    /** Waits for the Brain work the last events started (no sleeping: the dispatcher says when it is idle). */
    void settle() throws InterruptedException {
        assertTrue(dispatcher.awaitIdle(30, TimeUnit.SECONDS), "Brain work did not finish within 30 s");
    }

    List<String> brainSaid(long conversationId) {
        return desk.conversations.messages(conversationId, 0, 500).stream()
                .filter(m -> m.authorKind() == AuthorKind.BRAIN).map(Message::text).toList();
    }

    List<String> timeline(long conversationId) {
        return desk.conversations.messages(conversationId, 0, 500).stream()
                .filter(m -> m.direction() == Direction.INTERNAL).map(Message::text).toList();
    }

    @Override
    public void close() {
        dispatcher.stop();
        desk.close();
    }
}
