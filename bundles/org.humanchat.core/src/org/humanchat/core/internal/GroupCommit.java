package org.humanchat.core.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.humanchat.api.service.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers queue their item; a writer thread of its own takes everything queued, up to
 * {@code maxBatch}, and writes it in one transaction, so that many concurrent callers share one commit. A batch that
 * fails is written again item by item, so one bad item fails alone.
 * <p>
 * Callers need not wait: {@link #submitLater} answers a future, completed once the item's batch is committed. The
 * futures of a batch are completed together on a second thread (not the writer's, whose time goes to writing), so
 * a request thread that hands over its item and returns costs no thread wake-up per item, only one per batch. What
 * depends on those futures runs on that thread, one batch after another: it must be short and never block.
 * {@link #submit} waits for its item.
 */
public final class GroupCommit<I, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How long {@link #close} lets the writer finish what is queued. */
    private static final long CLOSE_MILLIS = 10_000;

    /**
     * What the writer did so far: batches, items, and the time spent writing them (wall clock, and CPU where the
     * JVM measures it, else -1). For benchmarks and diagnostics.
     */
    public record Statistics(long batches, long items, long writingNanos, long cpuNanos) {
    }

    private record Pending<I, R>(I item, CompletableFuture<R> result) {
    }

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong writingNanos = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();

    private final int maxBatch;
    private final int maxQueued;
    private final Function<List<I>, List<R>> writer;
    private final String name;
    private final LinkedBlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
    /** Completes the futures of each written batch; its thread ends when idle, and starts again with the next. */
    private final ThreadPoolExecutor completer;
    /** Wakes the writer to see that it is closed (it has no item). */
    private final Pending<I, R> wakeUp = new Pending<>(null, null);
    private Thread writerThread;
    private volatile boolean writerStarted;
    private volatile boolean closed;

    /**
     * @param name      names the threads ({@code name}-writer, {@code name}-done)
     * @param maxQueued how many items may wait at most; more are refused at once ({@link BusyException}), so that a
     *                  flood neither fills the memory nor makes every caller wait longer than it would retry
     */
    public GroupCommit(String name, int maxBatch, int maxQueued, Function<List<I>, List<R>> writer) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
        this.writer = writer;
        this.completer = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, name + "-done");
            t.setDaemon(true);
            return t;
        });
        completer.allowCoreThreadTimeOut(true);
    }

    public Statistics statistics() {
        return new Statistics(batches.get(), items.get(), writingNanos.get(),
                THREADS.isThreadCpuTimeSupported() ? cpuNanos.get() : -1);
    }

    /**
     * Queues the item and returns at once: the future completes with its result once its batch is committed, or
     * fails with the writer's exception, a {@link BusyException} when {@code maxQueued} items wait already, an
     * {@link IllegalStateException} once this is closed.
     */
    public CompletableFuture<R> submitLater(I item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(stopped());
            return result;
        }
        if (queue.size() >= maxQueued) {
            result.completeExceptionally(new BusyException(maxQueued + " messages are waiting to be stored: try again"
                    + " in a moment"));
            return result;
        }
        if (!writerStarted) {
            startWriter();
        }
        queue.add(new Pending<>(item, result));
        if (closed) {
            failQueued(); // closed meanwhile: the writer may be gone, nobody else would answer the item
        }
        return result;
    }

    /** Queues the item and waits until its batch is committed; the writer's exception is thrown here. */
    public R submit(I item) {
        try {
            return submitLater(item).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the writer after what is queued is written (waiting up to 10 s); items queued later fail. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = writerThread;
        }
        if (running != null) {
            queue.add(wakeUp);
            try {
                running.join(CLOSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failQueued();
        completer.shutdown();
    }

    private synchronized void startWriter() {
        if (writerThread == null && !closed) {
            writerThread = new Thread(this::writeAll, name + "-writer");
            writerThread.setDaemon(true);
            writerThread.start();
            writerStarted = true;
        }
    }

    private void writeAll() {
        List<Pending<I, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue; // only close() ends the writer: queued items must be answered
            }
            queue.drainTo(batch, maxBatch - 1);
            batch.removeIf(p -> p == wakeUp);
            if (!batch.isEmpty()) {
                write(List.copyOf(batch));
            }
            batch.clear();
            if (closed && queue.isEmpty()) {
                return;
            }
        }
    }

    private void write(List<Pending<I, R>> batch) {
        long started = System.nanoTime();
        long cpuStarted = THREADS.isThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
        Object[] outcomes = new Object[batch.size()]; // R or Throwable
        try {
            List<R> results = writer.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = results.get(i);
            }
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                outcomes[0] = failure;
            } else {
                for (int i = 0; i < outcomes.length; i++) {
                    try {
                        outcomes[i] = writer.apply(List.of(batch.get(i).item())).get(0);
                    } catch (RuntimeException alone) {
                        outcomes[i] = alone;
                    } catch (Error fatal) {
                        outcomes[i] = new IllegalStateException("The message could not be written: " + fatal, fatal);
                    }
                }
            }
        } catch (Error fatal) {
            // e.g. out of memory: this batch fails, the writer goes on with the next
            LOG.error("{}: a batch of {} failed", name, batch.size(), fatal);
            Arrays.fill(outcomes, new IllegalStateException("The batch failed: " + fatal, fatal));
        } finally {
            batches.incrementAndGet();
            items.addAndGet(batch.size());
            writingNanos.addAndGet(System.nanoTime() - started);
            if (THREADS.isThreadCpuTimeSupported()) {
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStarted);
            }
        }
        try {
            completer.execute(() -> complete(batch, outcomes));
        } catch (RejectedExecutionException stopping) {
            complete(batch, outcomes); // closed while this batch was written: its callers still get their outcome
        }
    }

    @SuppressWarnings("unchecked")
    private void complete(List<Pending<I, R>> batch, Object[] outcomes) {
        for (int i = 0; i < outcomes.length; i++) {
            // a dependent action that throws fails its own stage, not this loop: every caller gets its outcome
            if (outcomes[i] instanceof Throwable failure) {
                batch.get(i).result().completeExceptionally(failure);
            } else {
                batch.get(i).result().complete((R) outcomes[i]);
            }
        }
    }

    private void failQueued() {
        for (Pending<I, R> p; (p = queue.poll()) != null;) {
            if (p != wakeUp) {
                p.result().completeExceptionally(stopped());
            }
        }
    }

    private IllegalStateException stopped() {
        return new IllegalStateException(name + " is stopped: Human Chat is shutting down");
    }
}
