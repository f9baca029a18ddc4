package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A server request's deadline ({@link RequestDeadline}): its alarm interrupts the request's thread when due, and a
 * request that ends first leaves nothing behind. Its alarm used to stay in the timer's queue, cancelled, until the
 * time it would have been due (the executor's default), holding the deadline and the request's thread: one per
 * request served in the last 120 s (the default deadline) or however long the operator's deadline is.
 */
class RequestDeadlineTest {
    @Test
    void aDeadlineClosedBeforeItIsDueLeavesNoAlarmBehind() {
        int before = RequestDeadline.alarmsPending();
        for (int i = 0; i < 1000; i++) {
            try (RequestDeadline d = new RequestDeadline(120_000)) {
                assertFalse(d.passed());
            }
        }
        assertEquals(before, RequestDeadline.alarmsPending(), "1000 requests served, no alarm of theirs kept");
    }

    @Test
    void aDeadlineThatPassesInterruptsItsThreadAndCloseClearsTheInterrupt() throws Exception {
        RequestDeadline d = new RequestDeadline(50);
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException expected) {
            Thread.currentThread().interrupt(); // as the library sees it: the flag set
        }
        assertTrue(d.passed());
        d.close();
        assertFalse(Thread.currentThread().isInterrupted(), "the thread serves its next task uninterrupted");
    }
}
