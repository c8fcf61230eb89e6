package org.humanchat.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.humanchat.api.service.BusyException;
import org.humanchat.core.internal.GroupCommit;
import org.junit.jupiter.api.Test;

/** Many writers, one commit each time: every caller gets its own result, and a bad item fails alone. */
class GroupCommitTest {

    @Test
    void concurrentCallersShareBatchesAndEachGetsItsOwnResult() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        GroupCommit<Integer, String> commit = new GroupCommit<>("test", 50, 10_000, items -> {
            batchSizes.add(items.size());
            firstBatchStarted.countDown();
            sleep(20); // a commit takes a while: others queue meanwhile
            return items.stream().map(i -> "stored " + i).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int item = i;
                results.add(callers.submit(() -> commit.submit(item)));
            }
            for (int i = 0; i < 400; i++) {
                assertEquals("stored " + i, results.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(400, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.size() < 100, "writes were grouped: " + batchSizes.size() + " batches for 400 items");
        assertTrue(batchSizes.stream().allMatch(size -> size <= 50), "no batch is larger than the limit");
    }

    @Test
    void aBadItemFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 100, 10_000, items -> {
            batches.add(items);
            sleep(30);
            if (items.contains(13)) {
                throw new IllegalArgumentException("13 is refused");
            }
            return items;
        });
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int item = i;
                results.add(callers.submit(() -> commit.submit(item)));
            }
            for (int i = 0; i < 20; i++) {
                if (i == 13) {
                    Future<Integer> bad = results.get(i);
                    var thrown = assertThrows(java.util.concurrent.ExecutionException.class, bad::get);
                    assertEquals("13 is refused", thrown.getCause().getMessage());
                } else {
                    assertEquals(i, results.get(i).get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue(batches.stream().anyMatch(b -> b.size() == 1 && b.get(0) == 13), "13 was tried alone");
    }

    @Test
    void noCallerIsLeftWaitingWhenTheWriterRunsDryWhileOthersArrive() throws Exception {
        // A writer that takes no time, and callers that arrive together, round after round: the writer empties the
        // queue just as others queue, the moment where an item could be left queued with the writer asleep. Its
        // caller would never reach the next round, and the others would wait for it at the barrier.
        GroupCommit<Long, Long> commit = new GroupCommit<>("test", 8, 10_000,
                items -> items.stream().map(i -> -i).toList());
        int threads = 3;
        int rounds = 50_000;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> wrongs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long offset = t;
                wrongs.add(callers.submit(() -> {
                    long wrong = 0;
                    for (long round = 0; round < rounds; round++) {
                        together.await(10, TimeUnit.SECONDS);
                        long item = round * threads + offset;
                        if (commit.submit(item) != -item) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Long> wrong : wrongs) {
                assertEquals(0L, wrong.get(120, TimeUnit.SECONDS), "every caller got its own result");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aSingleCallerWritesItsOwnItemAtOnce() {
        GroupCommit<String, String> commit = new GroupCommit<>("test", 10, 10_000,
                items -> items.stream().map(String::toUpperCase).toList());
        assertEquals("HELLO", commit.submit("hello"));
        assertEquals("AGAIN", commit.submit("again"));
    }

    @Test
    void aCallerThatDoesNotWaitGetsItsResultOnTheCompletingThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> commit = new GroupCommit<>("later", 10, 10_000, items -> {
            await(release);
            return items.stream().map(String::toUpperCase).toList();
        });
        try {
            CompletableFuture<String> first = commit.submitLater("a");
            CompletableFuture<String> second = commit.submitLater("b");
            assertFalse(first.isDone(), "submitLater returns before the item is written");
            CompletableFuture<String> ranOn = first.thenApply(result -> Thread.currentThread().getName());
            release.countDown();
            // ranOn first: a thread waiting for a future may run its follow-ups itself (CompletableFuture helps)
            assertEquals("later-done", ranOn.get(10, TimeUnit.SECONDS),
                    "what follows a write runs on the completing thread, not the writer's nor the caller's");
            assertEquals("A", first.get(10, TimeUnit.SECONDS));
            assertEquals("B", second.get(10, TimeUnit.SECONDS));
        } finally {
            commit.close();
        }
    }

    @Test
    void aFailingFollowUpDoesNotKeepTheOthersOfItsBatchFromTheirResults() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("follow-up", 10, 10_000, items -> {
            await(release);
            return items;
        });
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                results.add(commit.submitLater(i));
            }
            CompletableFuture<Integer> broken = results.get(0).thenApply(i -> {
                throw new IllegalStateException("a follow-up that fails");
            });
            release.countDown();
            for (int i = 0; i < 5; i++) {
                assertEquals(i, results.get(i).get(10, TimeUnit.SECONDS));
            }
            assertThrows(java.util.concurrent.ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
        } finally {
            commit.close();
        }
    }

    @Test
    void closingWritesWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("closing", 2, 10_000, items -> {
            await(release);
            written.addAll(items);
            return items;
        });
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            queued.add(commit.submitLater(i));
        }
        Thread closing = new Thread(commit::close);
        closing.start();
        release.countDown();
        closing.join(30_000);
        assertFalse(closing.isAlive(), "close returned");
        for (int i = 0; i < 7; i++) {
            assertEquals(i, queued.get(i).get(10, TimeUnit.SECONDS), "queued before closing: written");
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), written);
        var refused = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> commit.submitLater(99).get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof IllegalStateException, "refused after closing: " + refused);
        assertThrows(IllegalStateException.class, () -> commit.submit(100));
    }

    @Test
    void moreThanMaxQueuedWaitingIsRefusedAtOnceAndTheQueuedAreStillWritten() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("bounded", 100, 3, items -> {
            writing.countDown();
            await(release);
            return items;
        });
        try {
            CompletableFuture<Integer> inTheWriter = commit.submitLater(0);
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Integer>> waiting = List.of(commit.submitLater(1), commit.submitLater(2),
                    commit.submitLater(3));
            CompletableFuture<Integer> refused = commit.submitLater(4);
            assertTrue(refused.isCompletedExceptionally(), "a fourth waiting item is refused at once");
            var thrown = assertThrows(java.util.concurrent.ExecutionException.class, refused::get);
            assertTrue(thrown.getCause() instanceof BusyException, "refused as busy: " + thrown.getCause());
            assertThrows(BusyException.class, () -> commit.submit(5));
            release.countDown();
            assertEquals(0, inTheWriter.get(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                assertEquals(i + 1, waiting.get(i).get(10, TimeUnit.SECONDS), "the waiting ones are written");
            }
            assertEquals(6, commit.submitLater(6).get(10, TimeUnit.SECONDS), "taken again once there is room");
        } finally {
            commit.close();
        }
    }

    /** Waits for the test to release the writer; a test that never does fails the batch instead of hanging. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the writer within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
