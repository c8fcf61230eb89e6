package org.humanchat.core.spi;

import org.osgi.annotation.versioning.ProviderType;

/** A consistent read-only view of the domain, one aggregate at a time. */
@ProviderType
public interface StoreReader {

    ConversationReads conversations();

    ContactReads contacts();

    OutboxReads outbox();

    DirectoryReads directory();

    InboxReads inbox();

    AuditReads audit();

    AccountReads accounts();
}
