package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxTab;
import org.humanchat.core.internal.InboxQueries;
import org.humanchat.persistence.internal.DatabaseSettings;
import org.humanchat.persistence.internal.JpaConversationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page the store reads (each inbox tab, newest and oldest first, with each filter and with a search; a
 * transcript page; the sender's newest conversation on a channel) is planned by H2 as a read in index order that stops
 * after the page: the plan says {@code index sorted}. Otherwise H2 reads the tab's whole range and sorts it, which at
 * a million conversations took seconds for a filtered tab (docs/BENCHMARKS.md, session 14). The statements are the
 * ones the store really sent (H2's query statistics), planned again with EXPLAIN.
 */
class PagePlansOnH2Test {

    private static final long AGENT = 3;

    @TempDir
    Path folder;

    @Test
    void everyPageIsReadInIndexOrderAndStopsAfterThePage() throws Exception {
        DatabaseSettings settings = Databases.freshH2(folder);
        JpaConversationStore store = new JpaConversationStore(settings);
        try (Connection c = settings.dataSource().getConnection(); Statement s = c.createStatement()) {
            fill(s);
            s.execute("SET QUERY_STATISTICS TRUE");
            InboxQueries inbox = new InboxQueries(store);
            for (InboxTab tab : InboxTab.values()) {
                for (boolean oldestFirst : new boolean[] {false, true}) {
                    inbox.page(new InboxQuery(tab, AGENT, "", 0, 0, "", oldestFirst, 0, 20));
                    inbox.page(new InboxQuery(tab, AGENT, "", 0, 0, "", oldestFirst, 40, 20));
                    inbox.page(new InboxQuery(tab, AGENT, "", 1, 2, "vip", oldestFirst, 0, 20));
                    inbox.page(new InboxQuery(tab, AGENT, "line 7", 0, 0, "", oldestFirst, 0, 20));
                }
            }
            store.read(r -> r.conversations().transcriptPage(1, 0, 20));
            store.read(r -> r.conversations().transcriptPage(1, 150, 20));
            store.write(tx -> tx.conversations().lockLatest(1, 1));

            List<String> pages = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (r.next()) {
                    String sql = r.getString(1);
                    String upper = sql.toUpperCase(java.util.Locale.ROOT);
                    if (upper.contains(" ORDER BY ") && (upper.contains("FROM CONVERSATION")
                            || upper.contains("FROM MESSAGE "))) {
                        pages.add(sql);
                    }
                }
            }
            // Me, Unassigned, Brain; Open and Closed per handler kind; each way round and filtered; messages; latest
            assertTrue(pages.size() >= 20, "the store's page statements were seen: " + pages);
            List<String> unsorted = new ArrayList<>();
            for (String sql : pages) {
                String plan = explain(c, sql);
                if (!plan.contains("/* index sorted */")) {
                    unsorted.add(plan);
                }
            }
            assertEquals(List.of(), unsorted, "page statements that H2 would read whole and sort");
        } finally {
            store.close();
        }
    }

    /**
     * The unread markers of a page are looked up key by key in {@code conversation_seen}'s primary key, not read as
     * all of the agent's markers and filtered (which took 110 ms per page at 300,000 markers; InboxBenchmark).
     */
    @Test
    void theUnreadMarkersOfAPageAreLookedUpByKey() throws Exception {
        DatabaseSettings settings = Databases.freshH2(folder);
        JpaConversationStore store = new JpaConversationStore(settings);
        try (Connection c = settings.dataSource().getConnection(); Statement s = c.createStatement()) {
            fill(s);
            s.execute("INSERT INTO conversation_seen (agent_id, conversation_id, seen_at)"
                    + " SELECT " + AGENT + ", X, 0 FROM SYSTEM_RANGE(1, 5000)");
            s.execute("SET QUERY_STATISTICS TRUE");
            new InboxQueries(store).page(new InboxQuery(InboxTab.OPEN, AGENT, "", 0, 0, "", false, 0, 20));

            List<String> plans = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (r.next()) {
                    if (r.getString(1).toUpperCase(java.util.Locale.ROOT).contains("FROM CONVERSATION_SEEN")) {
                        plans.add(explain(c, r.getString(1)));
                    }
                }
            }
            assertEquals(1, plans.size(), "one read of the page's markers: " + plans);
            assertTrue(plans.get(0).matches(".*/\\* PUBLIC\\.PRIMARY_KEY_\\w+: IN\\(ROW .*"),
                    "looked up by (agent, conversation) in the primary key: " + plans.get(0));
        } finally {
            store.close();
        }
    }

    private static String explain(Connection c, String sql) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
            int parameters = explain.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                explain.setLong(i, 1); // the plan is made without the values, as for the store's statement
            }
            try (ResultSet r = explain.executeQuery()) {
                r.next();
                return r.getString(1).replaceAll("\\s+", " ");
            }
        }
    }

    /** 200 conversations in every inbox bucket, on two channels, some tagged; 200 messages in conversation 1. */
    private static void fill(Statement s) throws SQLException {
        s.execute("INSERT INTO environment (id, name, human_chat_enabled, fallback_text)"
                + " VALUES (1, 'production', TRUE, 'Sorry')");
        s.execute("INSERT INTO channel (id, environment_id, type, name) VALUES (1, 1, 'webchat', 'Web chat')");
        s.execute("INSERT INTO channel (id, environment_id, type, name) VALUES (2, 1, 'whatsapp', 'WhatsApp')");
        s.execute("INSERT INTO contact (id, name, email, address, phone) VALUES (1, 'Ann', '', '', '')");
        String[][] buckets = {{"OPEN", "NOBODY", "0"}, {"OPEN", "BRAIN", "1"}, {"OPEN", "AGENT", "" + AGENT},
            {"RESOLVED", "AGENT", "" + AGENT}, {"RESOLVED", "BRAIN", "1"}};
        long now = System.currentTimeMillis();
        for (int id = 1; id <= 200; id++) {
            String[] bucket = buckets[id % buckets.length];
            long at = now - id * 60_000L;
            s.execute("INSERT INTO conversation (id, environment_id, channel_id, contact_id, status, assignee_kind,"
                    + " assignee_id, tags, preview, created_at, last_message_at) VALUES (" + id + ", 1, "
                    + (1 + id % 2) + ", 1, '" + bucket[0] + "', '" + bucket[1] + "', " + bucket[2] + ", '"
                    + (id % 3 == 0 ? "|vip|" : "") + "', 'Hi', " + at + ", " + at + ")");
        }
        for (int id = 1; id <= 200; id++) {
            s.execute("INSERT INTO message (id, conversation_id, channel_id, direction, author_kind, author_id, text,"
                    + " external_id, delivery_state, delivery_error, created_at) VALUES (" + id + ", 1, 1,"
                    + " 'INBOUND', 'END_USER', 0, 'Line " + id + "', 'm" + id + "', 'RECEIVED', NULL, " + now + ")");
        }
    }
}
