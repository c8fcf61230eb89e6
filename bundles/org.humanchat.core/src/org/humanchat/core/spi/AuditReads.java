package org.humanchat.core.spi;

import java.util.List;

import org.humanchat.api.service.AuditEntry;
import org.humanchat.api.service.AuditQuery;
import org.osgi.annotation.versioning.ProviderType;

/** Reads of the audit log. */
@ProviderType
public interface AuditReads {

    /** A page of the log, newest (highest id) first, filtered as the query says. */
    List<AuditEntry> page(AuditQuery query);

    /** The distinct action codes recorded, in order. */
    List<String> actions();
}
