package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Progress;
import io.github.diffusionnlp.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call made with {@link SamplingOptions.Builder#optProgress} reports its rows as DJL's bars take it: batch by batch
 * with request batching (the library's default), step by step within each batch without it.
 */
class ProgressTest {
    private static DiffusionLM lm;
    /** The model without request batching ({@code optBatching(0, ...)}, as the command-line tools load it). */
    private static DiffusionLM unbatched;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
        unbatched = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
        unbatched.close();
    }

    /** What a progress was told, one entry a call. */
    private static final class Recorded implements Progress {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void reset(String message, long max, String trailingMessage) {
            events.add("reset " + message + " " + max);
        }

        @Override
        public void start(long initialProgress) {
            events.add("start " + initialProgress);
        }

        @Override
        public void end() {
            events.add("end");
        }

        @Override
        public void increment(long increment) {
            events.add("increment " + increment);
        }

        @Override
        public void update(long progress, String message) {
            events.add("update " + progress);
        }
    }

    @Test
    void aBatchedCallReportsEachBatchOfRowsAndEnds() {
        Recorded progress = new Recorded();
        SamplingOptions options = SamplingOptions.builder().steps(2).batchSize(2).optProgress(progress).build();
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sentences.add(List.of("the", DiffusionLM.MASK, "."));
        }
        List<List<String>> filled = lm.infillAll(sentences, options);
        assertEquals(5, filled.size());
        assertEquals(List.of("reset Sampling 5", "start 0", "update 2", "update 4", "update 5", "end"), progress.events);
    }

    @Test
    void bestOfKCountsEveryCandidateAndTheOptionsCarryTheProgressOn() {
        Recorded progress = new Recorded();
        SamplingOptions options = SamplingOptions.builder().steps(2).batchSize(8).optProgress(progress).build();
        lm.generate(3, Constraints.none().withSentiment(io.github.diffusionnlp.model.Sentiment.POSITIVE)
                .withCandidates(4), options.toBuilder().length(4).build());
        assertEquals(List.of("reset Sampling 12", "start 0", "update 8", "update 12", "end"), progress.events);
    }

    /**
     * Without request batching the rows of each batch are reported as its steps run: the share of its row-steps
     * done, as whole rows (a batch of 2 rows, 2 steps: 1 after the first step, 2 after the second; a batch of one
     * row is done at its last step), best of k counting every candidate.
     */
    @Test
    void withoutRequestBatchingEachBatchIsReportedStepByStep() {
        Recorded progress = new Recorded();
        SamplingOptions options = SamplingOptions.builder().steps(2).batchSize(2).optProgress(progress).build();
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sentences.add(List.of("the", DiffusionLM.MASK, "."));
        }
        assertEquals(5, unbatched.infillAll(sentences, options).size());
        assertEquals(List.of("reset Sampling 5", "start 0", "update 1", "update 2", "update 3", "update 4",
                "update 5", "end"), progress.events);
        Recorded candidates = new Recorded();
        unbatched.generate(3, Constraints.none().withSentiment(io.github.diffusionnlp.model.Sentiment.POSITIVE)
                .withCandidates(4), options.toBuilder().batchSize(8).length(4).optProgress(candidates).build());
        assertEquals(List.of("reset Sampling 12", "start 0", "update 4", "update 8", "update 10", "update 12", "end"),
                candidates.events);
    }

    /**
     * One batch of 10 sentences of drawn lengths (width groups sampled one after another), 4 steps, no request
     * batching: the progress is updated within the batch, more than once, never back, and ends at the 10 rows
     * (audit h265: one update, at the end, for a batch of 1,000).
     */
    @Test
    void aSingleBatchIsReportedWhileItsStepsRun() {
        Recorded progress = new Recorded();
        SamplingOptions options = SamplingOptions.builder().steps(4).batchSize(10).optProgress(progress).build();
        assertEquals(10, unbatched.generate(10, Constraints.none(), options).size());
        List<String> events = progress.events;
        assertEquals(List.of("reset Sampling 10", "start 0"), events.subList(0, 2), events.toString());
        assertEquals("end", events.get(events.size() - 1), events.toString());
        List<Long> updates = events.subList(2, events.size() - 1).stream()
                .map(e -> Long.parseLong(e.substring("update ".length()))).toList();
        assertTrue(updates.size() > 1, "more updates than the one batch: " + events);
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i) > updates.get(i - 1), "each update further: " + events);
        }
        assertTrue(updates.get(0) > 0, events.toString());
        assertEquals(10L, updates.get(updates.size() - 1), events.toString());
    }

    @Test
    void withoutAProgressNothingIsReported() {
        assertEquals(java.util.Optional.empty(), SamplingOptions.defaults().progress());
    }
}
