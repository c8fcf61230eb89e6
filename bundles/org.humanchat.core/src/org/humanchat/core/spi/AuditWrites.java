package org.humanchat.core.spi;

import org.humanchat.api.service.AuditEntry;
import org.osgi.annotation.versioning.ProviderType;

/** The audit log inside a transaction: entries are only ever appended, in the transaction of the change. */
@ProviderType
public interface AuditWrites extends AuditReads {

    /** Appends an entry (its id 0) and returns it with its id; over-long texts are shortened. */
    AuditEntry append(AuditEntry entry);
}
