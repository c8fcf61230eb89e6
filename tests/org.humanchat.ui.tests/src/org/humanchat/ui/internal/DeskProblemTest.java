package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.humanchat.ui.DeskProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A desk whose database cannot be opened says so where the agent looks, instead of loading for ever. */
class DeskProblemTest {

    @TempDir
    Path folder;
    DeskUi ui;

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void theInboxAndTheStatusLineSayThatThereIsNoDatabase() {
        ui = new DeskUi(folder);
        InboxPage inbox = new InboxPage(ui, id -> { });
        StatusLinePage status = new StatusLinePage(ui);
        assertEquals("Opening the database\u2026", inbox.statusText());
        assertEquals("Signing in\u2026", status.agentText());

        DeskProblem problem = new DeskProblem("The database could not be opened: no conversations (see the message)");
        inbox.problem(problem);
        status.problem(problem);

        assertEquals("The database could not be opened: no conversations (see the message)", inbox.statusText());
        assertEquals("Not signed in", status.agentText());
    }
}
