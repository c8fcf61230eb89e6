package org.humanchat.core.internal;

import java.util.List;

import org.humanchat.api.model.InboxCounts;
import org.humanchat.api.model.InboxQuery;
import org.humanchat.api.model.InboxRow;
import org.humanchat.api.service.InboxService;
import org.humanchat.core.spi.ConversationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The inbox tabs, answered by the store's indexed queries and its maintained counts. */
@Component(service = InboxService.class)
public final class InboxQueries implements InboxService {

    private final ConversationStore store;

    @Activate
    public InboxQueries(@Reference ConversationStore store) {
        this.store = store;
    }

    @Override
    public List<InboxRow> page(InboxQuery query) {
        return store.read(r -> r.inbox().page(query));
    }

    @Override
    public long count(InboxQuery query) {
        return store.read(r -> query.isFiltered() ? r.inbox().count(query)
                : r.inbox().counts(query.agentId()).of(query.tab()));
    }

    @Override
    public InboxCounts counts(long agentId) {
        return store.read(r -> r.inbox().counts(agentId));
    }

    @Override
    public List<String> tags() {
        return store.read(r -> r.directory().tags());
    }
}
