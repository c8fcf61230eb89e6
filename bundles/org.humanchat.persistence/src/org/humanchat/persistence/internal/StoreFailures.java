package org.humanchat.persistence.internal;

import java.sql.SQLException;

import jakarta.persistence.PersistenceException;

import org.eclipse.persistence.exceptions.EclipseLinkException;
import org.humanchat.api.service.HumanChatException;
import org.humanchat.api.service.StoreUnavailableException;

/**
 * Gives the rest of the runtime one type for "the database could not do it": callers above the store (the endpoint
 * answering 503, the desk saying the database is away) then need not know JDBC's, JPA's or EclipseLink's exceptions.
 * Refusals of the rules pass unchanged, and so does anything that is not the database's (a bug stays a bug).
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static RuntimeException translated(RuntimeException failure) {
        if (failure instanceof HumanChatException) {
            return failure;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException || t instanceof EclipseLinkException) {
                return new StoreUnavailableException("The database could not do the work: " + rootMessage(t), failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.strip();
    }
}
