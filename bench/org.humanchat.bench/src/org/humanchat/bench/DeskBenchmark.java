package org.humanchat.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.h2.jdbcx.JdbcDataSource;
import org.humanchat.api.model.Agent;
import org.humanchat.core.internal.ContactRules;
import org.humanchat.core.internal.DeliveryRules;
import org.humanchat.core.internal.ConversationRules;
import org.humanchat.core.internal.DirectoryRules;
import org.humanchat.core.internal.InboxQueries;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.humanchat.ui.DeskSession;
import org.humanchat.ui.internal.ConversationPart;
import org.humanchat.ui.internal.DeskJobs;
import org.humanchat.ui.internal.InboxPart;
import org.humanchat.ui.internal.WidgetKeys;
import org.junit.jupiter.api.Test;

/**
 * The desk's parts against 1M conversations on H2: from creating the inbox to its first rows on screen, and from
 * opening a conversation of 5,000 messages to its transcript painted; then the heap in use with both open. Goals
 * (docs/BENCHMARKS.md): 2 s to a populated inbox (warm), 100 ms to the first paint of the conversation, heap at most
 * 256 MB. Figures only.
 */
class DeskBenchmark {

    private static final int CONVERSATIONS = Integer.getInteger("hc.bench.conversations", 1_000_000);
    private static final int LONG_CONVERSATION = 5_000;
    private static final int RUNS = 6;

    @Test
    void deskOnH2() throws Exception {
        Path file = BenchData.newH2File("desk");
        DatabaseSettings settings = BenchData.h2ReadingAsADesk(file);
        JpaConversationStore store = new JpaConversationStore(settings);
        try {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(settings.jdbcUrl());
            ds.setUser("sa");
            long fillStart = System.nanoTime();
            BenchData.fill(ds, CONVERSATIONS, 1, LONG_CONVERSATION);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            DirectoryRules directory = new DirectoryRules(store, BenchData.NO_EVENTS);
            Agent agent = directory.agent(1).orElseThrow();
            DeskSession session = new DeskSession(agent, new ConversationRules(store, BenchData.NO_EVENTS),
                    new InboxQueries(store), new ContactRules(store, BenchData.NO_EVENTS), directory,
                    new DeliveryRules(store, BenchData.NO_EVENTS), new org.humanchat.persistence.internal.FileAttachmentStore(
                            file.resolveSibling(file.getFileName() + "-attachments"), 25L * 1024 * 1024));
            run(session, fillSeconds);
        } finally {
            store.close();
            keepOrDelete(file);
        }
    }

    /**
     * With {@code -Dhc.bench.keepDatabase=DATA/db/humanchat.mv.db} (through hc.bench.jvmArgs) the filled database
     * is kept there, to start the product on it ({@code HUMANCHAT_DATA=DATA}); else it is deleted.
     */
    private static void keepOrDelete(Path file) throws java.io.IOException {
        String keep = System.getProperty("hc.bench.keepDatabase", "").strip();
        if (keep.isEmpty()) {
            BenchData.deleteH2(file);
            return;
        }
        Path target = Path.of(keep);
        java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
        java.nio.file.Files.move(Path.of(file + ".mv.db"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BenchData.deleteH2(file);
        System.out.println("database kept in " + target);
    }

    private static void run(DeskSession session, double fillSeconds) {
        Display display = Display.getDefault();
        double[] inboxMs = new double[RUNS];
        double[] conversationMs = new double[RUNS];
        double[] createMs = new double[RUNS];
        Shell shell = null;
        for (int i = 0; i < RUNS; i++) {
            if (shell != null) {
                shell.dispose();
            }
            shell = new Shell(display);
            shell.setLayout(new FillLayout());
            shell.setSize(1400, 860);
            Composite left = new Composite(shell, 0);
            Composite middle = new Composite(shell, 0);
            shell.open();
            pump(display, () -> true);

            long start = System.nanoTime();
            InboxPart inbox = new InboxPart();
            inbox.create(left, null, null);
            inbox.sessionReady(session);
            Table table = WidgetKeys.find(left, "inbox.table", Table.class).orElseThrow();
            pump(display, () -> table.getItemCount() > 0 && !table.getItem(0).getText(0).isEmpty());
            display.update();
            inboxMs[i] = (System.nanoTime() - start) / 1e6;

            start = System.nanoTime();
            ConversationPart conversation = new ConversationPart();
            conversation.create(middle, null, null, null);
            conversation.sessionReady(session);
            shell.layout(true, true);
            createMs[i] = (System.nanoTime() - start) / 1e6;
            conversation.show(1);
            StyledText transcript = WidgetKeys.find(middle, "conversation.transcript", StyledText.class)
                    .orElseThrow();
            pump(display, () -> transcript.getText().contains("Line " + LONG_CONVERSATION + " "));
            shell.layout(true, true);
            display.update();
            conversationMs[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] loadMs = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            session.conversations().messages(1, 0, ConversationPart.PAGE);
            loadMs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(loadMs);
        double[] partsMs = new double[4];
        long t = System.nanoTime();
        session.conversations().find(1);
        partsMs[0] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        session.contacts().find(1);
        partsMs[1] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        session.directory().agents();
        session.directory().brains();
        partsMs[2] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        session.directory().quickResponses(1);
        partsMs[3] = (System.nanoTime() - t) / 1e6;
        System.gc();
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        shell.dispose();

        System.out.printf("%n== Desk benchmark on H2: %,d conversations, one of %,d messages (filled in %.0f s) ==%n",
                CONVERSATIONS, LONG_CONVERSATION, fillSeconds);
        System.out.println(InboxBenchmark.machine());
        double[] warmInbox = Arrays.copyOfRange(inboxMs, 1, RUNS);
        double[] warmConversation = Arrays.copyOfRange(conversationMs, 1, RUNS);
        Arrays.sort(warmInbox);
        Arrays.sort(warmConversation);
        System.out.printf("inbox to first rows on screen:  first %.0f ms, then median %.0f ms (max %.0f ms)%n",
                inboxMs[0], warmInbox[warmInbox.length / 2], warmInbox[warmInbox.length - 1]);
        System.out.printf("5,000-message conversation to painted transcript: first %.0f ms, then median %.0f ms"
                + " (max %.0f ms)%n", conversationMs[0], warmConversation[warmConversation.length / 2],
                warmConversation[warmConversation.length - 1]);
        double[] warmCreate = Arrays.copyOfRange(createMs, 1, RUNS);
        Arrays.sort(warmCreate);
        System.out.printf("  of which creating and laying out the editor's widgets: median %.0f ms%n",
                warmCreate[warmCreate.length / 2]);
        System.out.printf("  of which loading its newest %d messages: median %.0f ms; conversation %.1f ms, contact %.1f ms,"
                + " agents and Brains %.1f ms, quick responses %.1f ms%n", ConversationPart.PAGE,
                loadMs[RUNS / 2], partsMs[0], partsMs[1], partsMs[2], partsMs[3]);
        System.out.printf("heap in use after GC with both open: %d MB%n%n", usedMb);
    }

    /** Pumps SWT events until the condition holds and no desk Job runs; fails after 60 s. */
    private static void pump(Display display, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(condition.getAsBoolean() && Job.getJobManager().find(DeskJobs.FAMILY).length == 0)) {
            if (!display.readAndDispatch()) {
                Thread.onSpinWait();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The desk did not show its data within 60 s");
            }
        }
    }
}
