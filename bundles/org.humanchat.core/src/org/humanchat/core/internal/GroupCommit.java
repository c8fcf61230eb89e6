package org.humanchat.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit without a thread of its own: callers queue their item and wait; one of them at a time (the leader)
 * takes everything queued, up to {@code maxBatch}, and writes it in one transaction, so that many concurrent writers
 * share one commit. When the leader's batch is done it hands the lead to the next queued caller, so no caller writes
 * for others for long. A batch that fails is written again item by item, so one bad item fails alone.
 */
public final class GroupCommit<I, R> {

    private static final Object LEAD = new Object();

    private final int maxBatch;
    private final Function<List<I>, List<R>> writer;
    private final ArrayDeque<Pending<I>> queue = new ArrayDeque<>();
    private boolean writing;

    private static final class Pending<I> {
        final I item;
        private Object outcome; // R, RuntimeException, or LEAD

        Pending(I item) {
            this.item = item;
        }

        synchronized void complete(Object value) {
            outcome = value;
            notifyAll();
        }

        synchronized Object await() {
            boolean interrupted = false;
            while (outcome == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the item is queued: its outcome must be waited for
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Object value = outcome;
            if (value == LEAD) {
                outcome = null;
            }
            return value;
        }
    }

    public GroupCommit(int maxBatch, Function<List<I>, List<R>> writer) {
        this.maxBatch = maxBatch;
        this.writer = writer;
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
        try {
            List<R> results = writer.apply(batch.stream().map(p -> p.item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(results.get(i));
            }
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
