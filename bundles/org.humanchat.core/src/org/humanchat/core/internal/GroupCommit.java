package org.humanchat.core.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Group commit without a thread of its own: callers queue their item and wait; one of them at a time (the leader)
 * takes everything queued, up to {@code maxBatch}, and writes it in one transaction, so that many concurrent writers
 * share one commit. When the leader's batch is done it hands the lead to the next queued caller, so no caller writes
 * for others for long. A batch that fails is written again item by item, so one bad item fails alone. The callers of
 * a batch wake each other (a tree), so that the leader's time goes to writing, not to waking threads.
 */
public final class GroupCommit<I, R> {

    private static final Object LEAD = new Object();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * What the writers did so far: batches, items, and the time spent writing them (wall clock, and CPU where the
     * JVM measures it, else -1). For benchmarks and diagnostics.
     */
    public record Statistics(long batches, long items, long writingNanos, long cpuNanos) {
    }

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong writingNanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();

    private final int maxBatch;
    private final Function<List<I>, List<R>> writer;
    private final ArrayDeque<Pending<I>> queue = new ArrayDeque<>();
    private boolean writing;

    private static final class Pending<I> {
        final I item;
        private final Thread waiter = Thread.currentThread();
        private volatile Object outcome; // R, RuntimeException, or LEAD
        /** The callers of the same batch this one wakes when it has its outcome (a tree: two each). */
        private Pending<I> wakeFirst;
        private Pending<I> wakeSecond;

        Pending(I item) {
            this.item = item;
        }

        /** Sets the outcome without waking the caller: see {@link #wake()}. */
        void set(Object value) {
            outcome = value;
        }

        void wake() {
            LockSupport.unpark(waiter);
        }

        void complete(Object value) {
            set(value);
            wake();
        }

        Object await() {
            boolean interrupted = false;
            Object value;
            while ((value = outcome) == null) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // the item is queued: its outcome must be waited for
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (value == LEAD) {
                outcome = null;
            } else {
                // pass the wake-up on, so that the writer does not wake a whole batch itself
                if (wakeFirst != null) {
                    wakeFirst.wake();
                }
                if (wakeSecond != null) {
                    wakeSecond.wake();
                }
            }
            return value;
        }
    }

    public GroupCommit(int maxBatch, Function<List<I>, List<R>> writer) {
        this.maxBatch = maxBatch;
        this.writer = writer;
    }

    public Statistics statistics() {
        return new Statistics(batches.get(), items.get(), writingNanos.get(),
                THREADS.isCurrentThreadCpuTimeSupported() ? cpuNanos.get() : -1);
    }

    @SuppressWarnings("unchecked")
    public R submit(I item) {
        Pending<I> mine = new Pending<>(item);
        synchronized (queue) {
            queue.add(mine);
            if (!writing) {
                writing = true;
                mine.complete(LEAD);
            }
        }
        while (true) {
            Object outcome = mine.await();
            if (outcome == LEAD) {
                writeBatch();
            } else if (outcome instanceof RuntimeException failure) {
                throw failure;
            } else {
                return (R) outcome;
            }
        }
    }

    private void writeBatch() {
        List<Pending<I>> batch = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.poll());
            }
        }
        long started = System.nanoTime();
        long cpuStarted = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
        try {
            List<R> results = writer.apply(batch.stream().map(p -> p.item).toList());
            // Every outcome is set before anyone wakes; each woken caller wakes two more (a tree), so that waking
            // the batch costs the writer two wake-ups instead of one per caller.
            for (int i = 0; i < batch.size(); i++) {
                Pending<I> p = batch.get(i);
                p.wakeFirst = 2 * i + 1 < batch.size() ? batch.get(2 * i + 1) : null;
                p.wakeSecond = 2 * i + 2 < batch.size() ? batch.get(2 * i + 2) : null;
                p.set(results.get(i));
            }
            batch.get(0).wake();
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                batch.get(0).complete(failure);
            } else {
                for (Pending<I> p : batch) {
                    try {
                        p.complete(writer.apply(List.of(p.item)).get(0));
                    } catch (RuntimeException alone) {
                        p.complete(alone);
                    }
                }
            }
        } catch (Error fatal) {
            batch.forEach(p -> p.complete(new IllegalStateException("The batch failed: " + fatal, fatal)));
            throw fatal;
        } finally {
            batches.incrementAndGet();
            items.addAndGet(batch.size());
            writingNanos.addAndGet(System.nanoTime() - started);
            if (THREADS.isCurrentThreadCpuTimeSupported()) {
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStarted);
            }
            synchronized (queue) {
                Pending<I> next = queue.peek();
                if (next == null) {
                    writing = false;
                } else {
                    next.complete(LEAD);
                }
            }
        }
    }
}
