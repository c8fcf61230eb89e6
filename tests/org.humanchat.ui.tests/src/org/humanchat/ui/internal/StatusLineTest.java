package org.humanchat.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;

import org.humanchat.api.model.Presence;
import org.humanchat.api.service.EndpointStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status line: who is signed in, their presence, and the endpoint. */
class StatusLineTest {

    @TempDir
    Path folder;
    DeskUi ui;

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void anAgentSetsTheirPresenceAndSeesTheEndpoint() {
        ui = new DeskUi(folder);
        StatusLinePage status = new StatusLinePage(ui);
        assertEquals("Endpoint not running: channels cannot reach this desk", status.endpointText());
        status.endpointStarted(new EndpointStatus() {
            @Override
            public URI baseUri() {
                return URI.create("http://127.0.0.1:8737/");
            }

            @Override
            public int channelCount() {
                return 3;
            }
        });
        assertEquals("Endpoint http://127.0.0.1:8737/ \u00b7 3 channels", status.endpointText());

        status.signIn(ui.desk.bob);
        assertEquals("Bob", status.agentText());
        assertEquals("Available", status.presenceText());

        status.choosePresence(Presence.AWAY);
        ui.waitUntil("Bob is away", () -> ui.desk.directory.agent(ui.desk.bob.id()).orElseThrow().presence()
                == Presence.AWAY);
        assertEquals("Away", status.presenceText());
    }

    @Test
    void slowBackgroundWorkShowsWhatItIsUntilItIsDoneAndQuickWorkNeverShows() throws Exception {
        ui = new DeskUi(folder);
        StatusLinePage status = new StatusLinePage(ui);
        assertEquals("", status.workText(), "nothing runs");

        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        org.eclipse.core.runtime.jobs.Job slow = org.eclipse.core.runtime.jobs.Job.create("Installing a connector",
                monitor -> {
                    try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        slow.schedule();
        ui.waitUntil("the slow work shows", () -> status.workText().equals("Installing a connector\u2026"));

        release.countDown();
        ui.waitUntil("the bar goes when the work is done", () -> status.workText().isEmpty());

        org.eclipse.core.runtime.jobs.Job quick = org.eclipse.core.runtime.jobs.Job.create("Reading a name",
                monitor -> { });
        quick.schedule();
        quick.join();
        // The status line looks at the quick work SHOW_AFTER_MILLIS after it started, from a timer it set on the UI
        // thread when it heard of the start. Queued behind that (asyncExec keeps its order) and with twice the delay,
        // this timer fires after the status line looked.
        java.util.concurrent.atomic.AtomicBoolean looked = new java.util.concurrent.atomic.AtomicBoolean();
        ui.display.asyncExec(() -> ui.display.timerExec((int) (2 * StatusLine.SHOW_AFTER_MILLIS),
                () -> looked.set(true)));
        ui.waitUntil("the status line looked at the quick work", looked::get);
        assertEquals("", status.workText(), "quick work never shows");
    }
}
