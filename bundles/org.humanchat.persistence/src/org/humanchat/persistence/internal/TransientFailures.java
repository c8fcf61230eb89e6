package org.humanchat.persistence.internal;

import java.sql.SQLException;
import java.util.Set;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

/** Failures that a retry of the whole transaction can cure: lock conflicts, deadlocks and unique-key races. */
final class TransientFailures {

    /**
     * 40001 serialization failure / H2 deadlock, 40P01 PostgreSQL deadlock, 55P03 lock not available,
     * HYT00 H2 lock timeout, 90131 H2 concurrent update, 23505 unique violation (a concurrent insert of the same key:
     * the retry finds the row the other transaction committed).
     */
    private static final Set<String> STATES = Set.of("40001", "40P01", "55P03", "HYT00", "90131", "23505");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PessimisticLockException || t instanceof LockTimeoutException
                    || t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
