package org.humanchat.api.service;

import java.util.List;

import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.osgi.annotation.versioning.ProviderType;

/** The inbox tabs: pages of rows and counts, fast enough to keep live on every change. */
@ProviderType
public interface InboxService {

    List<InboxRow> page(InboxQuery query);

    /** The number of rows the query's tab and filters match, ignoring its offset and limit. */
    long count(InboxQuery query);

    /** The unfiltered count of every tab for one agent. */
    InboxCounts counts(long agentId);

    /** Every tag in use, for completion. */
    List<String> tags();
}
