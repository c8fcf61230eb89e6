package org.humanchat.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit log: who changed what in the set-up, when, with before and after. The core records its own changes
 * (environments, channels, Brains, agents, tags, quick responses, API tokens) in the transaction of the change;
 * other components (connector administration, a sign-in service) record theirs through {@link #record}. Reading is
 * for admins. Each new entry is announced on {@link #RECORDED}.
 */
@ProviderType
public interface AuditService {

    /** EventAdmin topic: an entry was added to the audit log. Carries {@link #ENTRY_ID} and {@link #ACTION}. */
    String RECORDED = "org/humanchat/audit/RECORDED";
    /** {@code Long}: the new entry's id. */
    String ENTRY_ID = "auditEntryId";
    /** {@code String}: the new entry's action code. */
    String ACTION = "auditAction";

    /**
     * Records a change a component made (or a sign-in, succeeded or failed), at the time of the rules' clock.
     * Not checked against the acting agent's role: the component has done its own checks.
     *
     * @param actingAgentId who acted, or 0 for the system (or an unknown person, named in the change)
     */
    AuditEntry record(long actingAgentId, AuditChange change);

    /**
     * A page of the log, newest first.
     *
     * @throws PermissionDeniedException unless {@code actingAgentId} is an admin
     */
    List<AuditEntry> entries(AuditQuery query, long actingAgentId);

    /** The action codes recorded so far, in order, for a filter. Admins only, as {@link #entries}. */
    List<String> actions(long actingAgentId);
}
