package org.humanchat.persistence.internal;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sessions.Session;

/**
 * Ids in the order they are given out, across every runtime on the database: each id is the sequence's next value
 * itself, not one of a block of 50 the runtime took earlier. With blocks, a headless server and a desk wrote ids
 * from different blocks, and a reply typed in the desk (id 28) sorted before the question the server had stored
 * just before (id 51). Used on PostgreSQL, which several runtimes share; H2 has one runtime per file and keeps the
 * blocks. The database sequences still step by 50: ids keep growing in order, with gaps.
 */
public final class SharedDatabaseSequencing implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        org.eclipse.persistence.sessions.DatabaseLogin login = session.getLogin();
        for (Sequence sequence : login.getSequences().values()) {
            sequence.setPreallocationSize(1);
        }
        if (login.getDefaultSequence() != null) {
            login.getDefaultSequence().setPreallocationSize(1);
        }
    }
}
