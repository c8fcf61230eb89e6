package org.humanchat.core.spi;

import java.util.List;

import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.osgi.annotation.versioning.ProviderType;

/** The inbox as an agent reads it: pages of a tab, filtered counts, and the tabs' maintained counts. */
@ProviderType
public interface InboxReads {

    /** A page of the query's tab, each row marked unread or not for the query's agent. */
    List<InboxRow> page(InboxQuery query);

    /** How many conversations the query's tab and filters hold, counted. */
    long count(InboxQuery query);

    /** The tabs' counts as the store keeps them with every change, for an agent (the Me tab). */
    InboxCounts counts(long agentId);
}
