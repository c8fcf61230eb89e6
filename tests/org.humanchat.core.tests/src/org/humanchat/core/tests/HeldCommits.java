package org.humanchat.core.tests;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.humanchat.core.spi.ConversationStore;
import org.humanchat.core.spi.StoreReader;
import org.humanchat.core.spi.StoreTransaction;

/**
 * A store that can keep a transaction from committing, so that a test can see what happens meanwhile: "stored before
 * answered" is proven by holding the commit of a message and checking that its request is not answered until the
 * commit is let go.
 * <p>
 * Put it around the real store ({@code new Desk(settings, commits::around)}); it changes nothing until a test calls
 * {@link #holdNextWrite}. Then the next write made on another thread than the test's runs its work inside the real
 * transaction and waits, before it returns to the store and so before the commit, until the test releases it. Only
 * one write is held: a test arms the hold when nothing else writes (no Brain, nothing due in the outbox), so that the
 * write held is the one its request makes.
 */
public final class HeldCommits implements ConversationStore {

    /** How long a held write waits at most for its release, so that a test that breaks off cannot hang a writer. */
    private static final long RELEASE_DEADLINE_SECONDS = 60;

    /** One armed hold: completes {@link #held} once a write waits in it, and lets it commit at {@link #release}. */
    public final class Hold implements AutoCloseable {

        private final Thread armedBy = Thread.currentThread();
        private final CompletableFuture<String> held = new CompletableFuture<>();
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold() {
        }

        /** Completes, with the name of the writing thread, once a write has done its work and waits to commit. */
        public CompletableFuture<String> held() {
            return held;
        }

        /** Lets the held write commit (or a write that comes later pass without waiting). */
        public void release() {
            released.countDown();
        }

        /** Releases the write, and disarms the hold if no write came. */
        @Override
        public void close() {
            armed.compareAndSet(this, null);
            release();
        }

        private void waitForRelease() {
            held.complete(Thread.currentThread().getName());
            try {
                if (!released.await(RELEASE_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println("HeldCommits: a held write was not released within " + RELEASE_DEADLINE_SECONDS
                            + " s; it commits now");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // commits now; the writer sees its interrupt
            }
        }
    }

    private final AtomicReference<Hold> armed = new AtomicReference<>();
    private volatile ConversationStore store;

    /** Wraps {@code real}; for {@code Desk}'s constructor. */
    public synchronized ConversationStore around(ConversationStore real) {
        if (store != null) {
            throw new IllegalStateException("HeldCommits wraps one store");
        }
        store = Objects.requireNonNull(real);
        return this;
    }

    /**
     * Arms a hold for the next write made on another thread than this one. Close it (try-with-resources) so that a
     * test that fails never leaves a writer waiting.
     */
    public Hold holdNextWrite() {
        Hold hold = new Hold();
        if (!armed.compareAndSet(null, hold)) {
            throw new IllegalStateException("A hold is armed already");
        }
        return hold;
    }

    private ConversationStore store() {
        ConversationStore real = store;
        if (real == null) {
            throw new IllegalStateException("HeldCommits wraps no store yet");
        }
        return real;
    }

    @Override
    public <T> T write(Function<StoreTransaction, T> work) {
        Hold hold = armed.get();
        if (hold == null || hold.armedBy == Thread.currentThread() || !armed.compareAndSet(hold, null)) {
            return store().write(work);
        }
        // The store may run the work again after a conflict: each attempt passes through the hold (waiting only
        // until the one release).
        return store().write(tx -> {
            T result = work.apply(tx);
            hold.waitForRelease();
            return result;
        });
    }

    @Override
    public <T> T read(Function<StoreReader, T> work) {
        return store().read(work);
    }

    @Override
    public boolean shared() {
        return store().shared();
    }
}
