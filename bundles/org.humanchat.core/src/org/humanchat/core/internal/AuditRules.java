package org.humanchat.core.internal;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.humanchat.api.service.AuditChange;
import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.humanchat.api.service.AuditService;
import org.humanchat.api.service.NotFoundException;
import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoreReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/**
 * The audit log as a service: what other components record (connector administration, later sign-ins), and pages
 * of it for admins. The rules record their own changes through {@link ChangeSet#audit}, in the change's transaction.
 */
@Component(service = AuditService.class)
public final class AuditRules implements AuditService {

    private final ConversationStore store;
    private final ChangeRunner runner;

    @Activate
    public AuditRules(@Reference ConversationStore store, @Reference EventAdmin eventAdmin) {
        this(store, eventAdmin, Clock.systemUTC());
    }

    public AuditRules(ConversationStore store, EventAdmin eventAdmin, Clock clock) {
        this.store = store;
        this.runner = new ChangeRunner(store, eventAdmin, clock);
    }

    @Override
    public AuditEntry record(long actingAgentId, AuditChange change) {
        Objects.requireNonNull(change, "change");
        return runner.change(c -> c.audit(actingAgentId, change));
    }

    @Override
    public List<AuditEntry> entries(AuditQuery query, long actingAgentId) {
        Objects.requireNonNull(query, "query");
        return store.read(r -> {
            requireAdmin(r, actingAgentId);
            return r.audit().page(query);
        });
    }

    @Override
    public List<String> actions(long actingAgentId) {
        return store.read(r -> {
            requireAdmin(r, actingAgentId);
            return r.audit().actions();
        });
    }

    private static void requireAdmin(StoreReader r, long agentId) {
        Permissions.requireAdmin(r.directory().agent(agentId).orElseThrow(() -> new NotFoundException("Agent",
                agentId)), "see the audit log");
    }
}
